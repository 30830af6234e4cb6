/**
 * Every cloud function on the local cloud, against the provider sandboxes over real HTTP:
 * sandboxes (fast clock) ← proxy ← adapters in the functions ← local cloud (on-disk DB, HTTP
 * server for notifications) ← the test as the shopper's mini program.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSandboxes, type RunningSandboxes } from '../../../sandbox';
import { listen, type Listening } from '../../../sandbox/common';
import { IdentityIssuer } from '../../../sandbox/cloud/identity';
import { currentInvocation } from '../../../sandbox/cloud/context';
import type { ObservedQuery } from '../../../sandbox/cloud/database';
import { uncovered } from '../../../database/coverage';
import { loadDatabaseSpec } from '../../../database/schema';
import { LocalCloud, type CloudFunctionModule } from '../../../sandbox/cloud/runtime';
import { createLocalCloudServer } from '../../../sandbox/cloud/server';
import { DEMO_PRODUCTS } from '../../../server/catalog/demo';
import { CatalogRepository } from '../../../server/catalog/repository';
import type { ProviderName } from '../../../server/gateways/contract';
import { setLogSink } from '../../../server/platform/log';
import { notificationHistory } from '../../../server/orders/events';
import type { Order } from '../../../server/orders/model';
import { PROFILES, type ProviderProfile } from './providers';
import { startProxy, type Proxy } from './proxy';

export const APP_ID = 'wx0123456789abcdef';
/**
 * Sandbox time runs ahead of ours (retry schedules in milliseconds), while our orders expire by
 * real time: expiry is set long enough (a day: ~15 real minutes at this speed) that a provider
 * never sees our deadline in its past during a run.
 */
const SANDBOX_CLOCK_SPEED = 100;
export const ORDER_EXPIRY_MINUTES = 24 * 60;
/** Short, so a "timeout" fault resolves quickly; long enough that a busy machine never trips it by accident. */
export const ADAPTER_TIMEOUT_MS = 3_000;
export const ADMIN_TOKEN = 'admin-token-for-tests-0123456789abcdef';
/** The merchant's administrator: the only openid the merchant function serves. */
export const ADMIN_OPENID = 'o_merchant_admin';

/*
 * The TypeScript entries by explicit path: a built bundle (index.js, npm run build:functions) sits
 * beside each and would otherwise be found first.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- a cold start must load the entry inside jest.isolateModules */
export const FUNCTIONS = {
  pay: () => require('../../../cloudfunctions/pay/index.ts') as CloudFunctionModule,
  orders: () => require('../../../cloudfunctions/orders/index.ts') as CloudFunctionModule,
  catalog: () => require('../../../cloudfunctions/catalog/index.ts') as CloudFunctionModule,
  payNotify: () => require('../../../cloudfunctions/payNotify/index.ts') as CloudFunctionModule,
  reconcile: () => require('../../../cloudfunctions/reconcile/index.ts') as CloudFunctionModule,
  refund: () => require('../../../cloudfunctions/refund/index.ts') as CloudFunctionModule,
  merchant: () => require('../../../cloudfunctions/merchant/index.ts') as CloudFunctionModule,
};
export type FunctionName = keyof typeof FUNCTIONS;

/** A cold start: the entry and everything it imports loaded afresh (configuration read again). */
function coldLoader(load: () => CloudFunctionModule, sink: (line: string) => void): () => CloudFunctionModule {
  return () => {
    let module: CloudFunctionModule | undefined;
    jest.isolateModules(() => {
      // The fresh registry has its own logger: capture it too.
      (require('../../../server/platform/log') as typeof import('../../../server/platform/log')).setLogSink(sink, 'debug');
      module = load();
    });
    /* eslint-enable @typescript-eslint/no-require-imports */
    if (!module) throw new Error('function did not load');
    return module;
  };
}

export interface Envelope {
  ok: boolean;
  data?: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  error?: { code: string; message: string; retryable: boolean };
}

export interface Harness {
  provider: ProviderName;
  profile: ProviderProfile;
  sandboxes: RunningSandboxes;
  cloud: LocalCloud;
  server: Listening;
  proxy: Proxy;
  env: Record<string, string>;
  logs: string[];
  responses: unknown[];
  /** Every read and conditional write the functions issued (not the test's own look-ups). */
  queries: ObservedQuery[];
  /** Call a function as the shopper `openid` from the mini program. */
  call(name: FunctionName, data: unknown, openid?: string | null): Promise<Envelope>;
  /** Call as trusted server code (no OPENID). */
  callTrusted(name: FunctionName, data: unknown): Promise<Envelope>;
  order(orderNo: string): Promise<Order>;
  events(orderNo?: string): Promise<Array<Record<string, any>>>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** The order's provider create calls that gave pay params: recorded on the order with them, or in payment_events. */
  creates(orderNo: string): Promise<string[]>;
  /** Make time pass for an order (expiry, staleness) by moving its stored times back. */
  age(orderNo: string, ms: number): Promise<void>;
  close(): Promise<void>;
}

export async function startHarness(provider: ProviderName, extraEnv: Record<string, string> = {}): Promise<Harness> {
  const profile = PROFILES[provider];
  if (!profile) throw new Error(`no profile for ${provider}`);
  const logs: string[] = [];
  const responses: unknown[] = [];
  const sink = (line: string) => logs.push(line);
  setLogSink(sink, 'debug');
  const dataDir = mkdtempSync(join(tmpdir(), `cloud-${provider}-`));
  const queries: ObservedQuery[] = [];
  const observeQueries = (query: ObservedQuery) => {
    if (currentInvocation()) queries.push(query);
  };
  const cloud = new LocalCloud({ dataDir, envId: 'test-env', observeQueries });
  const server = await listen(createLocalCloudServer(cloud, { appId: APP_ID, identity: new IdentityIssuer('identity-key-for-tests') }));
  const sandboxes = await startSandboxes({ ports: 'ephemeral', clockSpeed: SANDBOX_CLOCK_SPEED, only: [provider] });
  const sandboxUrl = sandboxes.urls[provider as 'quickpay'];
  if (!sandboxUrl) throw new Error(`sandbox ${provider} did not start`);
  const proxy = await startProxy(sandboxUrl);
  const notifyUrl = `${server.url}/http/payNotify/${provider}`;
  const env: Record<string, string> = {
    ...sandboxes.adapterEnv({ [provider]: notifyUrl }),
    [profile.baseUrlEnv]: proxy.url,
    [profile.timeoutEnv]: String(ADAPTER_TIMEOUT_MS),
    PAY_PROVIDER: provider,
    REFUND_ADMIN_TOKEN: ADMIN_TOKEN,
    ADMIN_OPENIDS: ADMIN_OPENID,
    PAY_CREATE_WAIT_MS: '5000',
    ORDER_EXPIRY_MINUTES: String(ORDER_EXPIRY_MINUTES),
    ...extraEnv,
  };
  Object.assign(process.env, env);
  for (const [name, load] of Object.entries(FUNCTIONS)) cloud.deploy(name, coldLoader(load, sink));
  await new CatalogRepository(cloud.database()).upsert(DEMO_PRODUCTS);

  const invoke = async (name: FunctionName, data: unknown, context: Record<string, string>) => {
    const result = (await cloud.invoke(name, data, context)) as Envelope;
    responses.push(result);
    return result;
  };
  const order = async (orderNo: string) => {
    const _ = cloud.database().command;
    const { data } = await cloud.database().collection('orders').where(_.or([{ orderNo }, { previousOrderNos: orderNo }])).get();
    if (!data[0]) throw new Error(`no order ${orderNo}`);
    return data[0] as unknown as Order;
  };
  return {
    provider,
    profile,
    sandboxes,
    cloud,
    server,
    proxy,
    env,
    logs,
    responses,
    queries,
    call: (name, data, openid = 'o_shopper_1') =>
      invoke(name, data, openid === null ? { SOURCE: 'wx_client' } : { OPENID: openid, APPID: APP_ID, SOURCE: 'wx_client', CLIENTIP: '127.0.0.1' }),
    callTrusted: (name, data) => invoke(name, data, { SOURCE: 'wx_function' }),
    order,
    // payment_events and the notification deliveries orders carry themselves, as the merchant console shows them.
    events: async (orderNo) => {
      const { data } = await cloud.database().collection('payment_events').where(orderNo ? { orderNo } : {}).orderBy('at', 'asc').limit(1000).get();
      const orders = (await cloud.database().collection('orders').where(orderNo ? { orderNo } : {}).limit(1000).get()).data as unknown as Order[];
      const carried: Array<Record<string, unknown>> = orders.flatMap((order) => notificationHistory(order).map((event) => ({ ...event })));
      return [...data, ...carried].sort((a, b) => Number(a.at) - Number(b.at));
    },
    creates: async (orderNo) => {
      const stored = await order(orderNo);
      const { data } = await cloud.database().collection('payment_events').where({ orderId: stored._id, kind: 'create', outcome: 'ok' }).get();
      return [...(stored.providerCreates ?? []), ...data].map((create) => String(create.orderNo));
    },
    age: async (orderNo, ms) => {
      const order = await cloud.database().collection('orders').where({ orderNo }).get();
      const doc = order.data[0] as unknown as Order;
      await cloud.database().collection('orders').doc(doc._id).update({ data: { createdAt: doc.createdAt - ms, updatedAt: doc.updatedAt - ms, expiresAt: doc.expiresAt - ms } });
    },
    close: async () => {
      await proxy.close();
      await sandboxes.close();
      await server.close();
      await cloud.close();
      rmSync(dataDir, { recursive: true, force: true });
      assertQueriesIndexed(queries);
    },
  };
}

/** Fails the suite when a function issued a query that no index declared under database/ serves. */
function assertQueriesIndexed(queries: readonly ObservedQuery[]): void {
  const { collections } = loadDatabaseSpec();
  const problems = new Set(queries.flatMap((query) => uncovered(query, collections) ?? []));
  if (problems.size > 0) throw new Error(`queries no declared index serves (database/collections/*.json):\n${[...problems].join('\n')}`);
}

let requestCounter = 0;
export function newRequestId(): string {
  return `req-${Date.now()}-${++requestCounter}-${Math.random().toString(36).slice(2, 8)}`;
}
