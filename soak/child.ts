/** One provider's soak in its own process (`SOAK_PROVIDER`), its rows written as JSON to `SOAK_OUT`. */
import { writeFileSync } from 'node:fs';
import Module from 'node:module';
import { join } from 'node:path';
import { useLocalCloudSdk } from '../sandbox/cloud/register';
import type { CloudFunctionModule } from '../sandbox/cloud/runtime';
import type { ProviderName } from '../server/gateways/contract';
import type { LoadFunction } from './harness';
import { FULL, soakProvider } from './provider-soak';

const FRESH = [join(__dirname, '..', 'server'), join(__dirname, '..', 'cloudfunctions')];

/** A cold start: the entry and the server code it imports load afresh (settings read again), as under jest.isolateModules. */
const load: LoadFunction = (name, sink) => {
  useLocalCloudSdk();
  const cache = (Module as unknown as { _cache: Record<string, unknown> })._cache;
  for (const file of Object.keys(cache)) if (FRESH.some((dir) => file.startsWith(dir))) delete cache[file];
  /* eslint-disable @typescript-eslint/no-require-imports -- the entry is chosen at run time, as the cloud does */
  (require('../server/platform/log') as typeof import('../server/platform/log')).setLogSink(sink, 'debug');
  return require(`../cloudfunctions/${name}/index.ts`) as CloudFunctionModule;
  /* eslint-enable @typescript-eslint/no-require-imports */
};

async function main(): Promise<void> {
  const provider = process.env.SOAK_PROVIDER as ProviderName;
  const out = process.env.SOAK_OUT;
  if (!out) throw new Error('SOAK_OUT is not set');
  const scale = Number(process.env.SOAK_SCALE ?? 1);
  const sizes = { ...FULL, stormOrders: Math.ceil(FULL.stormOrders * scale), fuzzCases: Math.ceil(FULL.fuzzCases * scale) };
  const result = await soakProvider(provider, load, sizes, (line) => process.stderr.write(`${line}\n`));
  writeFileSync(out, JSON.stringify(result));
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(2);
});
