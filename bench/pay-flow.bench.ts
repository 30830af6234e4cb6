/**
 * The whole payment on one laptop, per provider: `pay` create through the local cloud and the
 * provider's sandbox over loopback HTTP, the shopper paying at the sandbox cashier, the provider's
 * notification reaching `payNotify`, and `pay` status reporting PAID. Each provider runs in its own
 * process (the functions read their provider from the environment at cold start).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RequestPaymentParams } from '../server/gateways/contract';
import { LOCAL_APP_ID, PROVIDERS, startLocalShop } from '../sandbox/shop';
import { setLogSink } from '../server/platform/log';
import { measure, printFigures, type Figure } from './measure';

const N = Number(process.env.BENCH_PAYMENTS ?? 100);

interface Answer<T> {
  ok: boolean;
  data?: T;
  error?: { code: string; message: string };
}

function unwrap<T>(answer: unknown): T {
  const a = answer as Answer<T>;
  if (!a.ok || a.data === undefined) throw new Error(`function failed: ${JSON.stringify(a.error)}`);
  return a.data;
}

async function runProvider(provider: (typeof PROVIDERS)[number]): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-cloud-'));
  // The functions' log lines would drown the figures (e.g. every paid message the sandbox refuses
  // with 43101, a warning): only errors are shown, on stderr.
  setLogSink((line) => process.stderr.write(`${line}\n`), 'error');
  const local = await startLocalShop({ port: 0, dataDir, provider, serveH5: false, reconcileEveryMs: 0, env: {} });
  const shopper = { OPENID: 'o_bench_shopper', APPID: LOCAL_APP_ID, SOURCE: 'wx_client' as const };
  let seq = 0;
  const create = async () => {
    seq += 1;
    const event = { action: 'create', items: [{ skuId: 'green-tea', quantity: 1 }], requestId: `bench-${provider}-${seq}` };
    return unwrap<{ orderNo: string; payment: RequestPaymentParams }>(await local.cloud.invoke('pay', event, shopper));
  };
  const figures: Figure[] = [];
  try {
    figures.push(await measure(`${provider}: pay create (order + provider order)`, N, create));
    figures.push(
      await measure(`${provider}: create → cashier pay → notified → status PAID`, N, async () => {
        const { orderNo, payment } = await create();
        const paid = await local.sandboxes.cashier.pay(payment);
        if (paid.errMsg !== 'requestPayment:ok') throw new Error(paid.errMsg);
        for (;;) {
          const view = unwrap<{ status: string }>(await local.cloud.invoke('pay', { action: 'status', orderNo }, shopper));
          if (view.status === 'PAID') return;
          if (view.status !== 'PAYING') throw new Error(`order ended ${view.status}`);
          await new Promise((resolve) => setTimeout(resolve, 2));
        }
      }),
    );
  } finally {
    await local.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  printFigures(`Payment round trips on loopback, ${provider} (${N} payments each; node ${process.version})`, figures);
}

const only = process.env.BENCH_PROVIDER as (typeof PROVIDERS)[number] | undefined;
if (only) {
  void runProvider(only).catch((err: unknown) => {
    process.stderr.write(`${String(err)}\n`);
    process.exitCode = 1;
  });
} else {
  for (const provider of PROVIDERS) {
    const result = spawnSync(process.execPath, ['--import', 'tsx', __filename], { stdio: 'inherit', env: { ...process.env, BENCH_PROVIDER: provider } });
    if (result.status !== 0) process.exitCode = 1;
  }
}
