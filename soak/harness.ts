/**
 * One provider's whole stack for the soak, in one process: the provider sandbox (fast clock off:
 * the soak moves time itself), the local cloud in memory with its HTTP server for notifications,
 * every cloud function cold-started by `load`, and the database probe. Nothing leaves loopback.
 * Loading is the caller's: the CLI requires the entries, jest loads them in a fresh registry.
 */
import { startSandboxes, type RunningSandboxes } from '../sandbox';
import { listen, type Listening } from '../sandbox/common';
import { IdentityIssuer } from '../sandbox/cloud/identity';
import { LocalCloud, type CloudFunctionModule } from '../sandbox/cloud/runtime';
import { createLocalCloudServer } from '../sandbox/cloud/server';
import { FUNCTION_NAMES, type FunctionName } from '../sandbox/shop/functions';
import { DEMO_PRODUCTS } from '../server/catalog/demo';
import { CatalogRepository } from '../server/catalog/repository';
import type { ProviderName, RequestPaymentParams } from '../server/gateways/contract';
import type { Order } from '../server/orders/model';
import { DatabaseProbe, type CrashPoint, type DbScope } from './database';
import { ledgerOf, type ProviderLedger } from './ledger';

export const APP_ID = 'wx0123456789abcdef';
export const ADMIN_TOKEN = 'soak-admin-token-0123456789abcdef';
export type { FunctionName };

/** Loads one function entry (its cold start) and sends that registry's log lines to `sink`. */
export type LoadFunction = (name: FunctionName, sink: (line: string) => void) => CloudFunctionModule;

const TIMEOUT_ENV: Record<ProviderName, string> = { quickpay: 'QUICKPAY_TIMEOUT_MS', caibao: 'CAIBAO_TIMEOUT_MS', tencent: 'TENCENT_TIMEOUT_MS' };
/** Settings whose values must never show in a log line or a response. */
const SECRET_ENV = ['QUICKPAY_AUTH_VALUE', 'CAIBAO_KEY', 'TENCENT_AUTHEN_KEY', 'REFUND_ADMIN_TOKEN'];

export interface Envelope {
  ok: boolean;
  data?: { orderNo?: string; amount?: number; payment?: RequestPaymentParams; [field: string]: unknown };
  error?: { code: string; message: string; retryable?: boolean };
}

export interface CallResult {
  /** Undefined when the call crashed (its instance froze at the crash point). */
  answer?: Envelope;
  crashed: boolean;
  scope: DbScope;
}

export interface SoakStackOptions {
  provider: ProviderName;
  load: LoadFunction;
  /** The adapter's deadline for one provider call (real ms). */
  adapterTimeoutMs: number;
  /** Sandbox ms per real ms (1: the soak moves time itself). */
  clockSpeed?: number;
  env?: Record<string, string>;
}

export interface SoakStack {
  provider: ProviderName;
  sandboxes: RunningSandboxes;
  ledger: ProviderLedger;
  cloud: LocalCloud;
  server: Listening;
  probe: DatabaseProbe;
  env: Record<string, string>;
  notifyUrl: string;
  /** Every log line and every answer, for the secret scan. */
  logs: string[];
  responses: unknown[];
  secrets: string[];
  call(name: FunctionName, data: unknown, options?: { openid?: string; crash?: CrashPoint }): Promise<CallResult>;
  callTrusted(name: FunctionName, data: unknown, options?: { crash?: CrashPoint }): Promise<CallResult>;
  orders(condition?: Record<string, unknown>): Promise<Order[]>;
  countEvents(condition: Record<string, unknown>): Promise<number>;
  close(): Promise<void>;
}

export async function startSoakStack(options: SoakStackOptions): Promise<SoakStack> {
  const { provider } = options;
  const logs: string[] = [];
  const responses: unknown[] = [];
  const sink = (line: string) => void logs.push(line);
  const cloud = new LocalCloud({ envId: 'soak' });
  const probe = new DatabaseProbe();
  probe.install(cloud);
  const server = await listen(createLocalCloudServer(cloud, { appId: APP_ID, identity: new IdentityIssuer('soak-identity-key') }));
  const sandboxes = await startSandboxes({ ports: 'ephemeral', clockSpeed: options.clockSpeed ?? 1, only: [provider] });
  const sandboxUrl = sandboxes.urls[provider];
  if (!sandboxUrl) throw new Error(`sandbox ${provider} did not start`);
  const unwatch = probe.watchProvider(sandboxUrl);
  const notifyUrl = `${server.url}/http/payNotify/${provider}`;
  const env: Record<string, string> = {
    ...sandboxes.adapterEnv({ [provider]: notifyUrl }),
    [TIMEOUT_ENV[provider]]: String(options.adapterTimeoutMs),
    PAY_PROVIDER: provider,
    REFUND_ADMIN_TOKEN: ADMIN_TOKEN,
    PAY_CREATE_WAIT_MS: String(options.adapterTimeoutMs * 2),
    STATUS_QUERY_INTERVAL_MS: '0',
    ORDER_EXPIRY_MINUTES: '30',
    ...options.env,
  };
  Object.assign(process.env, env);
  for (const name of FUNCTION_NAMES) cloud.deploy(name, () => options.load(name, sink));
  await new CatalogRepository(cloud.database()).upsert(DEMO_PRODUCTS);

  const invoke = async (name: FunctionName, data: unknown, context: Record<string, string>, crash?: CrashPoint): Promise<CallResult> => {
    const ran = await probe.run(() => cloud.invoke(name, data, context) as Promise<Envelope>, crash);
    if (ran.crashed) return { crashed: true, scope: ran.scope };
    responses.push(ran.value);
    return { answer: ran.value, crashed: false, scope: ran.scope };
  };
  const db = () => cloud.database();
  return {
    provider,
    sandboxes,
    ledger: ledgerOf(provider, sandboxes),
    cloud,
    server,
    probe,
    env,
    notifyUrl,
    logs,
    responses,
    secrets: SECRET_ENV.map((name) => env[name]).filter((v): v is string => typeof v === 'string' && v.length > 0),
    call: (name, data, o = {}) =>
      invoke(name, data, { OPENID: o.openid ?? 'o_soak_shopper', APPID: APP_ID, SOURCE: 'wx_client', CLIENTIP: '127.0.0.1' }, o.crash),
    callTrusted: (name, data, o = {}) => invoke(name, data, { SOURCE: 'wx_function' }, o.crash),
    orders: async (condition = {}) => {
      const all: Order[] = [];
      for (let skip = 0; ; skip += 1000) {
        const { data } = await db().collection('orders').where(condition).orderBy('_id', 'asc').skip(skip).limit(1000).get();
        all.push(...(data as unknown as Order[]));
        if (data.length < 1000) return all;
      }
    },
    countEvents: async (condition) => (await db().collection('payment_events').where(condition).count()).total,
    close: async () => {
      unwatch();
      await sandboxes.close();
      await server.close();
      await cloud.close();
    },
  };
}
