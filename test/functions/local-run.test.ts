/** `startLocalCloud` (what `npm start` runs): everything wired with nothing configured. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalCloud, type RunningLocalCloud } from '../../sandbox/cloud/start';

describe('local run', () => {
  let running: RunningLocalCloud;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'local-run-'));
    running = await startLocalCloud({ port: 0, dataDir, sandboxes: { ports: 'ephemeral', clockSpeed: 100 }, reconcileEveryMs: 0 });
  });
  afterAll(async () => {
    await running?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves the shop over HTTP: catalog, pay, cashier, notification, PAID', async () => {
    const call = async (name: string, data: unknown, cookie = '') => {
      const response = await fetch(`${running.url}/functions/${name}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(data) });
      return { cookie: response.headers.get('set-cookie')?.split(';')[0] ?? cookie, body: (await response.json()) as { result: { ok: boolean; data: any } } }; // eslint-disable-line @typescript-eslint/no-explicit-any
    };
    const catalog = await call('catalog', {});
    expect(catalog.body.result.data.products.length).toBeGreaterThan(0);
    const created = await call('pay', { action: 'create', items: [{ skuId: 'sample', quantity: 1 }], requestId: 'local-run-0001' }, catalog.cookie);
    expect(created.body.result).toMatchObject({ ok: true, data: { amount: 1, status: 'PAYING' } });
    expect(await running.sandboxes.cashier.pay(created.body.result.data.payment)).toEqual({ errMsg: 'requestPayment:ok' });
    for (const sandbox of Object.values(running.sandboxes.providers)) await sandbox?.notifier.idle();
    const status = await call('pay', { action: 'status', orderNo: created.body.result.data.orderNo }, catalog.cookie);
    expect(status.body.result.data.status).toBe('PAID');
  });
});
