/**
 * `wx.cloud.callFunction` for the H5 build: POST `<cloudUrl>/functions/<name>` on the local cloud
 * (sandbox/cloud/server.ts), which answers `{result, errMsg}` like the mini program's cloud. Who the
 * shopper is travels in the local cloud's identity cookie, never in the call's data.
 */
import type { CloudClient } from '../../services/cloud';

export function createHttpCloud(cloudUrl = '', fetchImpl: typeof fetch = (...args) => fetch(...args)): CloudClient {
  return {
    async callFunction(name, data) {
      const response = await fetchImpl(`${cloudUrl}/functions/${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        credentials: 'include',
        body: JSON.stringify(data),
      });
      const body = (await response.json().catch(() => undefined)) as { result?: unknown; errMsg?: unknown } | undefined;
      if (!response.ok || body === undefined) {
        throw new Error(typeof body?.errMsg === 'string' ? body.errMsg : `cloud.callFunction:fail HTTP ${response.status}`);
      }
      return body.result;
    },
  };
}
