/**
 * For local runs (tsx): make `require('wx-server-sdk')` resolve to the local cloud's SDK, so the
 * function entries run unchanged. Tests do the same with jest's `moduleNameMapper`; the upload
 * bundle keeps `wx-server-sdk` external and gets the real one in the cloud.
 */
import Module from 'node:module';

const SDK_PATH = Module.createRequire(__filename).resolve('./sdk');
type Resolve = (request: string, ...rest: unknown[]) => string;
const moduleWithResolver = Module as unknown as { _resolveFilename: Resolve };
let installed = false;

export function useLocalCloudSdk(): void {
  if (installed) return;
  installed = true;
  const original = moduleWithResolver._resolveFilename;
  moduleWithResolver._resolveFilename = function resolve(this: unknown, request: string, ...rest: unknown[]): string {
    if (request === 'wx-server-sdk') return SDK_PATH;
    return original.call(this, request, ...rest);
  };
}
