/**
 * The sandboxes as the local shop uses them: started together by `startSandboxes`, the browser
 * cashier page and its POST endpoints over HTTP, paying a QuickPay order end to end.
 */
import { createSandboxApp, listen, type Listening } from '../../../sandbox/common';
import { startSandboxes, type RunningSandboxes } from '../../../sandbox';
import type { PaymentGateway } from '../../../server/gateways/contract';
import { gatewayFromEnv } from '../../../server/gateways/registry';
import { setLogSink } from '../../../server/platform/log';
import { toFen } from '../../../server/platform/money';

let sandboxes: RunningSandboxes;
let merchant: Listening;
let gateway: PaymentGateway;
const received: string[] = [];

beforeAll(async () => {
  setLogSink(() => undefined);
  sandboxes = await startSandboxes({ ports: 'ephemeral', clockSpeed: 1000, only: ['quickpay'] });
  const app = createSandboxApp();
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));
  app.post('/payNotify', async (request) => {
    received.push(String(request.body));
    return 'SUCCESS';
  });
  merchant = await listen(app);
  gateway = gatewayFromEnv({ PAY_PROVIDER: 'quickpay', ...sandboxes.adapterEnv({ quickpay: `${merchant.url}/payNotify` }) });
});
afterAll(async () => {
  await sandboxes.close();
  await merchant.close();
});

let seq = 0;
async function createOrder() {
  const orderNo = `C${Date.now()}${++seq}`;
  const payment = await gateway.createJsapi(
    { orderNo, amount: toFen(1990), description: 'Demo Shop - Oolong x1', lines: [{ skuId: 'oolong', name: 'Oolong', unitPrice: toFen(1990), quantity: 1 }] },
    { appId: 'wx5a1b2c3d4e5f6a7b', openId: 'oBrowserShopper' },
  );
  return { orderNo, payment, prepayId: payment.params.package.slice('prepay_id='.length) };
}

const post = async (path: string, body: unknown) => {
  const res = await fetch(`${sandboxes.urls.cashier}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return (await res.json()) as { errMsg: string };
};

it('starts the cashier and the QuickPay sandbox on loopback, and describes the adapter settings', () => {
  expect(sandboxes.urls.cashier).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(sandboxes.urls.quickpay).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(sandboxes.adapterEnv({ quickpay: 'http://127.0.0.1:9/n' })).toEqual(
    expect.objectContaining({ QUICKPAY_BASE_URL: sandboxes.urls.quickpay, QUICKPAY_NOTIFY_URL: 'http://127.0.0.1:9/n' }),
  );
});

it('serves a page for the prepay id showing the amount, with Pay and Cancel', async () => {
  const { prepayId } = await createOrder();
  const res = await fetch(`${sandboxes.urls.cashier}/cashier/prepay/${prepayId}`);
  expect(res.status).toBe(200);
  const html = await res.text();
  expect(html).toContain('¥19.90');
  expect(html).toContain('Demo Shop - Oolong x1');
  expect(html).toMatch(/<button id="pay"[^>]*>Pay<\/button>/);
  expect(html).toMatch(/<button id="cancel"[^>]*>Cancel<\/button>/);
});

it('Pay over HTTP pays the provider order, which notifies the merchant; the query says PAID', async () => {
  const { orderNo, payment, prepayId } = await createOrder();
  expect(await post('/cashier/pay', payment.params)).toEqual({ errMsg: 'requestPayment:ok' });
  await sandboxes.providers.quickpay?.notifier.idle();
  expect(received.some((body) => body.includes(orderNo))).toBe(true);
  expect((await gateway.query(orderNo)).status).toBe('PAID');
  const status = (await (await fetch(`${sandboxes.urls.cashier}/cashier/prepay/${prepayId}/status`)).json()) as { status: string };
  expect(status.status).toBe('PAID');
});

it('Cancel over HTTP leaves the order unpaid; paying again later works', async () => {
  const { orderNo, payment } = await createOrder();
  expect(await post('/cashier/cancel', payment.params)).toEqual({ errMsg: 'requestPayment:fail cancel' });
  expect((await gateway.query(orderNo)).status).toBe('PENDING');
  expect(await post('/cashier/pay', payment.params)).toEqual({ errMsg: 'requestPayment:ok' });
  expect((await gateway.query(orderNo)).status).toBe('PAID');
});

it('refuses a tampered paySign and a closed order', async () => {
  const { orderNo, payment } = await createOrder();
  expect(await post('/cashier/pay', { ...payment.params, paySign: payment.params.paySign.toLowerCase() })).toEqual({
    errMsg: 'requestPayment:fail invalid paySign',
  });
  await gateway.close(orderNo);
  expect(await post('/cashier/pay', payment.params)).toEqual({ errMsg: 'requestPayment:fail order closed' });
  expect((await gateway.query(orderNo)).status).toBe('FAILED');
});

it('refuses params issued for another mini program ("appid mismatch"); the issuing one pays', async () => {
  const { orderNo, payment } = await createOrder();
  expect(await post('/cashier/pay', { ...payment.params, appId: 'wxsomeothermini01' })).toEqual({ errMsg: 'requestPayment:fail appid mismatch' });
  expect(await post('/cashier/cancel', { ...payment.params, appId: 'wxsomeothermini01' })).toEqual({ errMsg: 'requestPayment:fail appid mismatch' });
  expect((await gateway.query(orderNo)).status).toBe('PENDING');
  expect(await post('/cashier/pay', { ...payment.params, appId: 'wx5a1b2c3d4e5f6a7b' })).toEqual({ errMsg: 'requestPayment:ok' });
});

it('refuses an unknown prepay id (expiry: test/unit/sandbox-common/cashier.test.ts, on a manual clock)', async () => {
  const { payment } = await createOrder();
  expect(await post('/cashier/pay', { ...payment.params, package: 'prepay_id=wxnotissued' })).toEqual({ errMsg: 'requestPayment:fail prepay_id not found' });
});
