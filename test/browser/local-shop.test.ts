import path from 'node:path';
import { resolveStaticFile } from '../../sandbox/shop/static-files';
import { staleReason } from '../../sandbox/shop/h5-build';
import { LOCAL_APP_ID } from '../../sandbox/shop';
import { startTestShop, type TestShop } from '../support/local-shop';

// The local shop's one origin: the H5 build, the local cloud's functions (with a browser identity)
// and the sandbox cashier, without a browser.
describe('local shop server', () => {
  let shop: TestShop;
  beforeAll(async () => {
    shop = await startTestShop('quickpay');
  }, 240_000);
  afterAll(() => shop.close());

  const call = async (name: string, data: unknown, cookie?: string) => {
    const response = await fetch(`${shop.url}/functions/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
      body: JSON.stringify(data),
    });
    return { cookie: response.headers.get('set-cookie')?.split(';')[0], body: (await response.json()) as { result: any } }; // eslint-disable-line @typescript-eslint/no-explicit-any -- untyped JSON off the wire
  };

  it('serves the H5 build: index.html at /, hashed bundles, nothing else', async () => {
    const home = await fetch(`${shop.url}/`);
    expect(home.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await home.text();
    const script = /src="(\/js\/app\.[0-9a-f]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const bundle = await fetch(`${shop.url}${script}`);
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await fetch(`${shop.url}/nothing-here.js`)).status).toBe(404);
    expect((await fetch(`${shop.url}/%2e%2e/package.json`)).status).toBe(404);
  });

  it('never resolves a path outside the build', () => {
    const root = path.resolve(__dirname, '../../dist-h5');
    expect(resolveStaticFile(root, '/')).toBe(path.join(root, 'index.html'));
    expect(resolveStaticFile(root, '/../package.json')).toBeUndefined();
    expect(resolveStaticFile(root, '/%2e%2e/package.json')).toBeUndefined();
    expect(resolveStaticFile(root, '/js')).toBeUndefined();
    expect(resolveStaticFile(root, '/%E0%A4%A')).toBeUndefined();
  });

  it('is up to date with the client sources it was built from', () => {
    expect(staleReason()).toBeUndefined();
  });

  it('runs the real functions, each browser being its own shopper (the local cloud’s identity cookie)', async () => {
    const first = await call('pay', { action: 'create', items: [{ skuId: 'sample', quantity: 1 }], requestId: 'local-shop-test-1' });
    expect(first.body.result).toMatchObject({ ok: true, data: { amount: 1, status: 'PAYING' } });
    expect(first.cookie).toMatch(/^local_identity=/);

    const mine = await call('orders', { action: 'list' }, first.cookie);
    expect(mine.body.result.data.total).toBe(1);
    const someoneElse = await call('orders', { action: 'list' });
    expect(someoneElse.body.result.data.total).toBe(0);

    const refused = await call('pay', { action: 'create', items: [{ skuId: 'sample', quantity: 0 }], requestId: 'x' }, first.cookie);
    expect(refused.body.result).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });

  it('serves the sandbox cashier on the same origin, checking paySign like WeChat', async () => {
    const created = await call('pay', { action: 'create', items: [{ skuId: 'green-tea', quantity: 1 }], requestId: 'local-shop-test-2' });
    const payment = created.body.result.data.payment as Record<string, string>;
    const post = async (action: string, body: unknown) =>
      (await (await fetch(`${shop.url}/cashier/${action}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json()) as { errMsg: string };

    await expect(post('pay', { ...payment, paySign: 'F'.repeat(32) })).resolves.toEqual({ errMsg: 'requestPayment:fail invalid paySign' });
    await expect(post('cancel', payment)).resolves.toEqual({ errMsg: 'requestPayment:fail cancel' });
    await expect(post('pay', payment)).resolves.toEqual({ errMsg: 'requestPayment:ok' });
    const prepayId = payment.package!.replace('prepay_id=', '');
    await expect((await fetch(`${shop.url}/cashier/prepay/${prepayId}/status`)).json()).resolves.toMatchObject({ status: 'PAID', amount: 1200 });

    const status = await call('pay', { action: 'status', orderNo: created.body.result.data.orderNo }, created.cookie);
    expect(status.body.result.data.status).toBe('PAID');
  });
});

describe('local shop reconcile timer', () => {
  it('runs reconcile like the cloud’s timer trigger: an expired unpaid order gets closed', async () => {
    const shop = await startTestShop('caibao', { serveH5: false, reconcileEveryMs: 50 });
    try {
      const created = (await shop.cloud.invoke('pay', { action: 'create', items: [{ skuId: 'oolong', quantity: 1 }], requestId: 'timer-test-1' }, {
        OPENID: 'o_timer',
        APPID: LOCAL_APP_ID,
        SOURCE: 'wx_client',
      })) as { data: { orderNo: string } };
      const { orderNo } = created.data;
      const stored = await shop.storedOrder(orderNo);
      const past = Date.now() - 60 * 60_000;
      await shop.cloud.database().collection('orders').doc(stored._id).update({ data: { expiresAt: past, updatedAt: past } });

      // The run that closes the order records its answer when it ends, a moment after the order changed.
      const closedByRun = () => (shop.reconcile.runs as Array<{ ok?: boolean; data?: { expired?: number } }>).some((run) => run.ok === true && run.data?.expired === 1);
      for (let i = 0; i < 200 && !closedByRun(); i += 1) await new Promise((resolve) => setTimeout(resolve, 25));
      expect((await shop.storedOrder(orderNo)).status).toBe('CLOSED');
      expect(shop.reconcile.runs).toContainEqual({ ok: true, data: expect.objectContaining({ expired: 1 }) });
    } finally {
      await shop.close();
    }
  });
});
