/**
 * The local sandbox shop: what `npm start` runs, and what the browser tests start on ephemeral
 * ports. One origin serves everything the H5 shop needs:
 *
 *   /                   the H5 build of the client (dist-h5/, built when stale)
 *   /functions/<name>   the local cloud running the real function code (sandbox/cloud/server.ts)
 *   /http/<name>/...    HTTP triggers (provider notifications → payNotify)
 *   /cashier/...        the sandbox WeChat cashier (pay / cancel a prepay id)
 *   /messages           the subscribe messages sent to this browser's shopper (服务通知)
 *
 * behind which the provider sandbox runs on its own loopback port, the database lives on disk
 * (default `.local/shop-<provider>/`, seeded with the demo catalog), and `reconcile` runs on a
 * timer as in the cloud.
 *
 *   const shop = await startLocalShop({ provider: 'caibao', port: 0 });
 *   shop.url; await shop.close();
 */
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { SANDBOX_NAMES, startSandboxes, type RunningSandboxes, type SandboxName } from '..';
import { Cashier, listen, registerCashierRoutes, type Listening } from '../common';
import { IdentityIssuer, LOCAL_ADMIN_OPENID } from '../cloud/identity';
import { LocalCloud } from '../cloud/runtime';
import { createLocalCloudServer } from '../cloud/server';
import { DEMO_PRODUCTS } from '../../server/catalog/demo';
import { CatalogRepository } from '../../server/catalog/repository';
import { PAID_MESSAGE_ENV } from '../../server/shopper/paid-message';
import { FUNCTION_NAMES, requireFunction, type LoadFunction } from './functions';
import { ensureH5Build, H5_DIST, h5BuildFinished, REPO_ROOT, type BuildOptions } from './h5-build';
import { RECONCILE_EVERY_MS, startReconcileTimer, type ReconcileTimer } from './reconcile-timer';
import { registerSandboxControl } from './control';
import { registerMessagesPage } from './messages';
import { registerStaticFiles } from './static-files';

/** The AppID the local cloud reports (a sandbox value: the sandboxes accept any well-formed one). */
export const LOCAL_APP_ID = 'wx0000000000local';
export const DEFAULT_SHOP_PORT = 8700;
/** The "payment succeeded" template the local shop sends with (functions) and asks for (H5 build), unless set. */
export const LOCAL_PAID_TEMPLATE_ID = 'local_paid_message_tmpl';
/** Every provider with a sandbox (sandbox/registry.ts). */
export const PROVIDERS: readonly SandboxName[] = SANDBOX_NAMES;
export type ShopProvider = SandboxName;

export interface LocalShopOptions {
  provider?: ShopProvider;
  /** The shop's port (0: any free one). The sandboxes always take free ports. */
  port?: number;
  /** Where the database and the identity key live. */
  dataDir?: string;
  /** Sandbox ms per real ms (tests speed up notification retries). */
  clockSpeed?: number;
  /**
   * Settings that override the sandbox defaults for the functions (e.g. SHOP_NAME,
   * ORDER_EXPIRY_MINUTES, or a provider variable). The CLI passes process.env.
   */
  env?: NodeJS.ProcessEnv;
  /** How function entries are loaded (tests load each shop's functions afresh). */
  loadFunction?: LoadFunction;
  /** Skip building dist-h5/ (the compiled-weapp tests need only the cloud and the sandboxes). */
  serveH5?: boolean;
  build?: BuildOptions;
  /** How often `reconcile` runs, as the cloud's timer trigger does (default 5 minutes; 0: never). */
  reconcileEveryMs?: number;
  /** Where the shop reports problems of its own (default: stderr). */
  report?: (message: string) => void;
}

export interface LocalShop {
  /** Open this in a browser. */
  url: string;
  provider: ShopProvider;
  cloud: LocalCloud;
  sandboxes: RunningSandboxes;
  cashier: Cashier;
  /** The functions' environment for this run (contains sandbox credentials: never print it). */
  functionEnv: Record<string, string>;
  reconcile: ReconcileTimer;
  close(): Promise<void>;
}

/** Variables the local shop sets itself; anything here in `env` wins over the sandbox default. */
function overrides(defaults: Record<string, string>, env: NodeJS.ProcessEnv): Record<string, string> {
  const names = [
    ...Object.keys(defaults),
    'SHOP_NAME',
    'ORDER_EXPIRY_MINUTES',
    'RECONCILE_AFTER_MINUTES',
    'PAY_CREATE_WAIT_MS',
    'STATUS_QUERY_INTERVAL_MS',
    'REFUND_ADMIN_TOKEN',
    'ADMIN_OPENIDS',
    ...Object.values(PAID_MESSAGE_ENV),
  ];
  const chosen: Record<string, string> = {};
  for (const name of names) {
    const value = env[name];
    if (value !== undefined && value !== '') chosen[name] = value;
  }
  return chosen;
}

/** Cashier routes with their own JSON body parsing (the local cloud reads raw bodies for HTTP triggers). */
function mountCashier(app: FastifyInstance, cashier: Cashier): void {
  void app.register(async (scope) => {
    scope.addContentTypeParser('application/json', { parseAs: 'string' }, scope.getDefaultJsonParser('ignore', 'ignore'));
    registerCashierRoutes(scope, cashier, { appId: LOCAL_APP_ID });
  });
}

export async function startLocalShop(options: LocalShopOptions = {}): Promise<LocalShop> {
  const provider = options.provider ?? 'quickpay';
  if (!PROVIDERS.includes(provider)) throw new Error(`PAY_PROVIDER must be one of ${PROVIDERS.join(', ')}; got "${String(provider)}"`);
  const serveH5 = options.serveH5 ?? true;
  // The H5 build reads it too (it asks the shopper for this template before paying).
  process.env.PAID_MESSAGE_TEMPLATE_ID = options.env?.PAID_MESSAGE_TEMPLATE_ID || process.env.PAID_MESSAGE_TEMPLATE_ID || LOCAL_PAID_TEMPLATE_ID;
  // The build runs in its own process while the sandboxes and the cloud start; the shop listens once it is done.
  const built = serveH5 ? ensureH5Build(options.build) : Promise.resolve();
  built.catch(() => undefined); // awaited below; a setup failure before that must not leave it unhandled

  const dataDir = options.dataDir ?? path.join(REPO_ROOT, '.local', `shop-${provider}`);
  // Closing waits for the build process, which may still be storing its cache after the shop is served.
  const cleanups: Array<() => Promise<void>> = [h5BuildFinished];
  const close = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  };
  try {
    const sandboxes = await startSandboxes({ ports: 'ephemeral', clockSpeed: options.clockSpeed ?? 1, only: [provider] });
    cleanups.push(() => sandboxes.close());
    const cloud = new LocalCloud({ dataDir, envId: 'local-shop' });
    cleanups.push(() => cloud.close());

    const identity = IdentityIssuer.fromKeyFile(path.join(dataDir, 'identity.key'));
    const app = createLocalCloudServer(cloud, { appId: LOCAL_APP_ID, identity });
    mountCashier(app, sandboxes.cashier);
    const sandbox = sandboxes.providers[provider];
    if (sandbox) registerSandboxControl(app, sandbox);
    registerMessagesPage(app, cloud.subscribeMessages, identity);
    if (serveH5) registerStaticFiles(app, H5_DIST);
    await built;
    const server: Listening = await listen(app, options.port ?? DEFAULT_SHOP_PORT);
    cleanups.push(() => server.close());

    // The provider notifies the shop's HTTP trigger; its credentials are the sandbox's unless overridden.
    const defaults = sandboxes.adapterEnv({ [provider]: `${server.url}/http/payNotify/${provider}` });
    const functionEnv: Record<string, string> = {
      ...defaults,
      PAY_PROVIDER: provider,
      ADMIN_OPENIDS: LOCAL_ADMIN_OPENID,
      PAID_MESSAGE_TEMPLATE_ID: process.env.PAID_MESSAGE_TEMPLATE_ID,
      ...overrides(defaults, options.env ?? {}),
    };
    // The function entries read process.env at cold start, as in the cloud.
    Object.assign(process.env, functionEnv);
    const load = options.loadFunction ?? requireFunction;
    for (const name of FUNCTION_NAMES) cloud.deploy(name, () => load(name));
    await new CatalogRepository(cloud.database()).upsert(DEMO_PRODUCTS);
    const report = options.report ?? ((message: string) => process.stderr.write(`${message}\n`));
    const reconcile = startReconcileTimer(cloud, options.reconcileEveryMs ?? RECONCILE_EVERY_MS, report);
    cleanups.push(() => reconcile.stop());

    return { url: server.url, provider, cloud, sandboxes, cashier: sandboxes.cashier, functionEnv, reconcile, close };
  } catch (err) {
    await close();
    throw err;
  }
}
