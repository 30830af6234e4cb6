/** The local shop's backend (what `npm start` runs, without the H5 build): everything wired with nothing configured. */
import { startTestShop, type TestShop } from '../support/local-shop';

describe('local run', () => {
  let shop: TestShop;
  beforeAll(async () => {
    shop = await startTestShop('quickpay', { serveH5: false });
  });
  afterAll(async () => {
    await shop?.close();
  });

  it('serves the shop over HTTP: catalog, pay, cashier, notification, PAID', async () => {
    const call = async (name: string, data: unknown, cookie = '') => {
      const response = await fetch(`${shop.url}/functions/${name}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(data) });
      return { cookie: response.headers.get('set-cookie')?.split(';')[0] ?? cookie, body: (await response.json()) as { result: { ok: boolean; data: any } } }; // eslint-disable-line @typescript-eslint/no-explicit-any
    };
    const catalog = await call('catalog', {});
    expect(catalog.body.result.data.products.length).toBeGreaterThan(0);
    const created = await call('pay', { action: 'create', items: [{ skuId: 'sample', quantity: 1 }], requestId: 'local-run-0001' }, catalog.cookie);
    expect(created.body.result).toMatchObject({ ok: true, data: { amount: 1, status: 'PAYING' } });
    expect(await shop.cashier.pay(created.body.result.data.payment)).toEqual({ errMsg: 'requestPayment:ok' });
    for (const sandbox of Object.values(shop.sandboxes.providers)) await sandbox?.notifier.idle();
    const status = await call('pay', { action: 'status', orderNo: created.body.result.data.orderNo }, catalog.cookie);
    expect(status.body.result.data.status).toBe('PAID');
  });
});
