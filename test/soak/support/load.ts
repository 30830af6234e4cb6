/**
 * The soak's stack under jest: each function entry cold-starts in a fresh module registry (it reads
 * its provider's settings at load), with that registry's log lines sent to the soak's sink.
 */
import type { CloudFunctionModule } from '../../../sandbox/cloud/runtime';
import type { LoadFunction } from '../../../soak/harness';

/* eslint-disable @typescript-eslint/no-require-imports -- a cold start loads the entry inside jest.isolateModules */
export const loadInFreshRegistry: LoadFunction = (name, sink) => {
  let loaded: CloudFunctionModule | undefined;
  jest.isolateModules(() => {
    (require('../../../server/platform/log') as typeof import('../../../server/platform/log')).setLogSink(sink, 'debug');
    loaded = require(`../../../cloudfunctions/${name}/index.ts`) as CloudFunctionModule;
  });
  /* eslint-enable @typescript-eslint/no-require-imports */
  if (!loaded) throw new Error(`function ${name} did not load`);
  return loaded;
};
