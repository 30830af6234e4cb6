/**
 * What every function entry shares: the `{ok, data}` / `{ok:false, error}` envelope, configuration
 * parsed once at cold start (a bad setting answers CONFIG_INVALID on every call, naming it), and
 * the typed view of wx-server-sdk.
 */
import { AppError, toErrorBody, type ErrorBody } from '../platform/errors';
import { createLogger } from '../platform/log';
import type { CloudSdk } from '../orders/cloud-database';

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };

export type WxContext = ReturnType<CloudSdk['getWXContext']>;

/**
 * Initialise the SDK for the environment the function runs in, and view it through our types:
 * wx-server-sdk's own typings return `Promise | void | string` unions (callback style) and do not
 * accept DYNAMIC_CURRENT_ENV; the calls we make always return promises. This is the one place
 * that says so.
 */
export function initCloud(sdk: unknown): CloudSdk {
  const cloud = sdk as CloudSdk;
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
  return cloud;
}

/** Build once, at cold start (module load); remember a failure so every call can report it. */
export function coldStart<T>(build: () => T): () => T {
  let built: { value: T } | { error: unknown };
  try {
    built = { value: build() };
  } catch (error) {
    built = { error };
  }
  return () => {
    if ('error' in built) throw built.error;
    return built.value;
  };
}

export async function envelope<T>(scope: string, work: () => Promise<T>): Promise<Envelope<T>> {
  try {
    return { ok: true, data: await work() };
  } catch (err) {
    const log = createLogger(scope);
    if (err instanceof AppError) {
      if (err.code === 'INTERNAL' || err.code === 'CONFIG_INVALID') log.error(err.message, { code: err.code });
      else log.info('call refused', { code: err.code, message: err.message });
    } else {
      log.error('unexpected error', { error: err, stack: err instanceof Error ? err.stack : undefined });
    }
    return { ok: false, error: toErrorBody(err) };
  }
}

/** The shopper calling from the mini program: the platform, never the event, says who it is. */
export function requireShopper(wx: WxContext): { openid: string; appId: string; clientIp?: string } {
  if (!wx.OPENID || !wx.APPID) throw new AppError('PERMISSION_DENIED', 'this function is called from the mini program only');
  return { openid: wx.OPENID, appId: wx.APPID, ...(wx.CLIENTIP ? { clientIp: wx.CLIENTIP } : {}) };
}
