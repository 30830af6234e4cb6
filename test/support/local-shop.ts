/**
 * The local sandbox shop (what `npm start` runs) started from code for a test: ephemeral port,
 * a database of its own, and the cloud functions loaded afresh for each shop (as a cold start),
 * because they read the provider's settings from the environment when they load.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CloudFunctionModule } from '../../sandbox/cloud/runtime';
import { startLocalShop, type LocalShop, type ShopProvider } from '../../sandbox/shop';
import type { FunctionName } from '../../sandbox/shop/functions';
import type { Order } from '../../server/orders/model';
import { setLogSink } from '../../server/platform/log';

export interface TestShop extends LocalShop {
  /** What the functions logged (kept off the test output). */
  logs: string[];
  /** The order as stored by the functions (the server's truth). */
  storedOrder(orderNo: string): Promise<Order>;
}

/* eslint-disable @typescript-eslint/no-require-imports -- a cold start loads the entry in a fresh module registry */
const freshFunction = (logs: string[]) => (name: FunctionName): CloudFunctionModule => {
  let loaded: CloudFunctionModule | undefined;
  jest.isolateModules(() => {
    // That registry has its own logger: send its lines to the shop's log.
    (require('../../server/platform/log') as typeof import('../../server/platform/log')).setLogSink((line) => logs.push(line), 'debug');
    loaded = require(`../../cloudfunctions/${name}/index.ts`) as CloudFunctionModule;
  });
  /* eslint-enable @typescript-eslint/no-require-imports */
  if (!loaded) throw new Error(`function ${name} did not load`);
  return loaded;
};

export async function startTestShop(provider: ShopProvider, options: { serveH5?: boolean; reconcileEveryMs?: number } = {}): Promise<TestShop> {
  const logs: string[] = [];
  setLogSink((line) => logs.push(line), 'debug');
  const dataDir = mkdtempSync(path.join(tmpdir(), `shop-${provider}-`));
  const shop = await startLocalShop({
    provider,
    port: 0,
    dataDir,
    env: {},
    loadFunction: freshFunction(logs),
    reconcileEveryMs: 0,
    ...options,
    build: { log: () => undefined },
  });
  return {
    ...shop,
    logs,
    storedOrder: async (orderNo) => {
      const { data } = await shop.cloud.database().collection('orders').where({ orderNo }).get();
      if (!data[0]) throw new Error(`no stored order ${orderNo}`);
      return data[0] as unknown as Order;
    },
    close: async () => {
      await shop.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
