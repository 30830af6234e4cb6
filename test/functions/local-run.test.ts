/** The local shop's backend (what `npm start` runs, without the H5 build): everything wired with nothing configured. */
import { LOCAL_PAID_TEMPLATE_ID } from '../../sandbox/shop';
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

  it('sends the "payment succeeded" message the shopper allowed, and shows it on /messages to that shopper only', async () => {
    const post = (route: string, data: unknown, cookie = '') =>
      fetch(`${shop.url}${route}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(data) });
    const first = await post('/openapi/subscribe', { tmplIds: [LOCAL_PAID_TEMPLATE_ID] });
    const cookie = first.headers.get('set-cookie')?.split(';')[0] ?? '';
    expect(await first.json()).toEqual({ errMsg: 'requestSubscribeMessage:ok', [LOCAL_PAID_TEMPLATE_ID]: 'accept' });
    expect((await post('/openapi/subscribe', { tmplIds: [] }, cookie)).status).toBe(400);

    const created = (await (await post('/functions/pay', { action: 'create', items: [{ skuId: 'green-tea', quantity: 1 }], requestId: 'local-run-msg-01' }, cookie)).json()) as {
      result: { data: { orderNo: string; payment: never } };
    };
    const { orderNo, payment } = created.result.data;
    expect(await shop.cashier.pay(payment)).toEqual({ errMsg: 'requestPayment:ok' });
    for (const sandbox of Object.values(shop.sandboxes.providers)) await sandbox?.notifier.idle();

    const page = await fetch(`${shop.url}/messages`, { headers: { cookie } });
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain(orderNo);
    expect(html).toContain('¥12.00');
    expect(html).toContain('已送达');
    const listed = (await (await fetch(`${shop.url}/openapi/messages`, { headers: { cookie } })).json()) as { messages: Array<{ page: string }> };
    expect(listed.messages.map((m) => m.page)).toEqual([`pages/order/index?orderNo=${orderNo}`]);
    expect(await (await fetch(`${shop.url}/messages`)).text()).not.toContain(orderNo);
  });
});
