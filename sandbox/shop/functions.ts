/**
 * The cloud functions the local shop deploys: the same entries that are uploaded to CloudBase
 * (cloudfunctions/<name>/index.ts), with `wx-server-sdk` resolved to the local cloud's SDK.
 */
import type { CloudFunctionModule } from '../cloud/runtime';
import { useLocalCloudSdk } from '../cloud/register';

export const FUNCTION_NAMES = ['catalog', 'pay', 'orders', 'payNotify', 'reconcile', 'refund', 'merchant'] as const;
export type FunctionName = (typeof FUNCTION_NAMES)[number];

/** Loads one function's entry module (its cold start). */
export type LoadFunction = (name: FunctionName) => CloudFunctionModule;

export const requireFunction: LoadFunction = (name) => {
  useLocalCloudSdk();
  // By explicit path: a bundle built beside the entry (npm run build:functions) must not be loaded instead.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the entry is chosen at run time, like the cloud does
  return require(`../../cloudfunctions/${name}/index.ts`) as CloudFunctionModule;
};
