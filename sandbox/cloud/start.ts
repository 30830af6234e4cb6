/**
 * A whole local backend in one call, for `npm start` and the browser end-to-end tests: the
 * sandboxes (cashier + every provider), the local cloud with every function of cloudfunctions/
 * deployed unchanged (their `wx-server-sdk` resolves to the local cloud), the demo catalog, and a
 * timer that runs `reconcile` like the cloud's timer trigger. Nothing needs configuring: the
 * sandboxes' settings are the defaults; any variable already set in the environment wins.
 */
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { startSandboxes, type RunningSandboxes, type StartSandboxesOptions } from '../index';
import { listen } from '../common';
import { DEMO_PRODUCTS } from '../../server/catalog/demo';
import { CatalogRepository } from '../../server/catalog/repository';
import type { ProviderName } from '../../server/gateways/contract';
import { randomToken } from '../../server/platform/crypto';
import { IdentityIssuer } from './identity';
import { useLocalCloudSdk } from './register';
import { LocalCloud, type CloudFunctionModule } from './runtime';
import { createLocalCloudServer } from './server';

const ROOT = join(__dirname, '..', '..');

export const LOCAL_CLOUD_DEFAULT_PORT = 8700;
/** The AppID the local cloud reports for the local shop (what APPID would be in WeChat). */
export const LOCAL_APP_ID = 'wxlocalshop0000001';

export interface StartLocalCloudOptions {
  port?: number;
  /** Database files; `.local/cloud` by default (kept across runs). */
  dataDir?: string;
  /** Which provider the functions use (PAY_PROVIDER); quickpay unless the environment says otherwise. */
  provider?: ProviderName;
  sandboxes?: StartSandboxesOptions;
  /** How often the local timer runs reconcile; 0 = never. */
  reconcileEveryMs?: number;
  env?: NodeJS.ProcessEnv;
}

export interface RunningLocalCloud {
  url: string;
  cloud: LocalCloud;
  sandboxes: RunningSandboxes;
  provider: ProviderName;
  /** The admin token the refund function accepts in this run. */
  adminToken: string;
  close(): Promise<void>;
}

export function deployedFunctionNames(): string[] {
  const dir = join(ROOT, 'cloudfunctions');
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, 'index.ts')))
    .map((entry) => entry.name);
}

export async function startLocalCloud(options: StartLocalCloudOptions = {}): Promise<RunningLocalCloud> {
  useLocalCloudSdk();
  const env = options.env ?? process.env;
  const dataDir = options.dataDir ?? join(ROOT, '.local', 'cloud');
  const cloud = new LocalCloud({ dataDir, envId: 'local' });
  const server = await listen(
    createLocalCloudServer(cloud, { appId: LOCAL_APP_ID, identity: IdentityIssuer.fromKeyFile(join(dataDir, 'identity.key')) }),
    options.port ?? LOCAL_CLOUD_DEFAULT_PORT,
  );
  let sandboxes: RunningSandboxes | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    sandboxes = await startSandboxes(options.sandboxes);
    const provider = (options.provider ?? env.PAY_PROVIDER ?? 'quickpay') as ProviderName;
    const notifyUrls = { quickpay: `${server.url}/http/payNotify/quickpay`, caibao: `${server.url}/http/payNotify/caibao`, tencent: `${server.url}/http/payNotify/tencent` };
    const defaults: Record<string, string> = {
      ...sandboxes.adapterEnv(notifyUrls),
      PAY_PROVIDER: provider,
      REFUND_ADMIN_TOKEN: randomToken(32),
    };
    for (const [name, value] of Object.entries(defaults)) if (!env[name]) env[name] = value;

    for (const name of deployedFunctionNames()) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the entry is loaded as the cloud would: by path
      cloud.deploy(name, () => require(join(ROOT, 'cloudfunctions', name, 'index.ts')) as CloudFunctionModule);
    }
    const catalog = new CatalogRepository(cloud.database());
    if ((await catalog.list()).length === 0) await catalog.upsert(DEMO_PRODUCTS);

    const every = options.reconcileEveryMs ?? 60_000;
    if (every > 0) {
      timer = setInterval(() => void cloud.invoke('reconcile', { Type: 'Timer', TriggerName: 'local' }, { SOURCE: 'wx_trigger' }).catch(() => undefined), every);
      timer.unref();
    }
    const running = sandboxes;
    return {
      url: server.url,
      cloud,
      sandboxes: running,
      provider,
      adminToken: env.REFUND_ADMIN_TOKEN ?? '',
      close: async () => {
        if (timer) clearInterval(timer);
        await server.close();
        await running.close();
        await cloud.close();
      },
    };
  } catch (err) {
    if (timer) clearInterval(timer);
    await server.close();
    await sandboxes?.close();
    await cloud.close();
    throw err;
  }
}
