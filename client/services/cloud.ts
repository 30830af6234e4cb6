import Taro from '@tarojs/taro';

/**
 * The client's one seam to the server: call a cloud function by name, get its result.
 * Functions answer `{ok: true, data}` or `{ok: false, error}`; callers validate the shape.
 * In the mini program this is wx.cloud; the H5 build (local shop) installs its own implementation
 * with `installCloud`, because Taro.cloud does not exist in H5.
 */
export interface CloudClient {
  callFunction(name: string, data: Record<string, unknown>): Promise<unknown>;
}

/** The part of wx.cloud this client uses. */
export interface WxCloud {
  init(config?: { env?: string; traceUser?: boolean }): void;
  callFunction(param: { name: string; data: Record<string, unknown> }): Promise<{ result?: unknown }>;
}

/** WeChat cloud through Taro.cloud (= wx.cloud). Initialised once, on first use. */
export function createWeappCloud(cloud: WxCloud = Taro.cloud): CloudClient {
  let initialised = false;
  return {
    async callFunction(name, data) {
      if (!initialised) {
        // No env id: the mini program's default cloud environment, chosen in WeChat DevTools.
        cloud.init({ traceUser: true });
        initialised = true;
      }
      const response = await cloud.callFunction({ name, data });
      return response.result;
    },
  };
}

let installed: CloudClient | undefined;

/** Replaces the cloud client (H5 local shop, tests). */
export function installCloud(client: CloudClient): void {
  installed = client;
}

/** The cloud client for this platform. */
export function getCloud(): CloudClient {
  if (installed) return installed;
  if (process.env.TARO_ENV === 'weapp') {
    installed = createWeappCloud();
    return installed;
  }
  throw new Error(`No cloud client for platform "${process.env.TARO_ENV ?? 'unknown'}": call installCloud() first`);
}
