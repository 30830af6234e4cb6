/**
 * `npm run sandbox -- …` against a running local shop (backend only): what a developer does by hand
 * — re-send, duplicate and out-of-order notifications, faults on provider endpoints — and what the
 * shop's functions make of it.
 */
import { LOCAL_ADMIN_OPENID } from '../../sandbox/cloud/identity';
import { LOCAL_APP_ID } from '../../sandbox/shop';
import { drive, requestFor } from '../../sandbox/drive';
import { notificationHistory } from '../../server/orders/events';
import { startTestShop, type TestShop } from '../support/local-shop';

let shop: TestShop;
beforeAll(async () => {
  shop = await startTestShop('quickpay', { serveH5: false });
}, 60_000);
afterAll(() => shop?.close());

const OPENID = 'o_local_driverdriverdriverdriver';
const context = { OPENID, APPID: LOCAL_APP_ID, SOURCE: 'wx_client' };
const run = async (...args: string[]) => {
  let out = '';
  await drive([...args, '--shop', shop.url], {}, (text) => {
    out += text;
  });
  return JSON.parse(out) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
};
/** The outcome of every notification delivery about the order, wherever it is recorded (payment_events, the order's own). */
const events = async (orderNo: string) => {
  const { data } = await shop.cloud.database().collection('payment_events').where({ orderNo }).orderBy('at', 'asc').get();
  const history = [...data, ...notificationHistory(await shop.storedOrder(orderNo))] as Array<Record<string, unknown>>;
  return history.filter((e) => e.kind === 'notification').flatMap((e) => Array.from({ length: Number(e.deliveries ?? 1) }, () => String(e.outcome)));
};
let counter = 0;
async function paidOrder(): Promise<string> {
  const created = (await shop.cloud.invoke('pay', { action: 'create', items: [{ skuId: 'sample', quantity: 1 }], requestId: `drive-request-${Date.now()}-${++counter}` }, context)) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
  await shop.cashier.pay(created.data.payment);
  await shop.sandboxes.providers.quickpay?.notifier.idle();
  return created.data.orderNo as string;
}

it('re-sends an order’s last notification, and a duplicate pair: the order moves once', async () => {
  const orderNo = await paidOrder();
  expect(await events(orderNo)).toEqual(['applied']);
  const before = await shop.storedOrder(orderNo);
  expect(await run('resend', orderNo)).toMatchObject({ mode: 'again', acknowledged: true, attempts: 1 });
  expect(await run('resend', orderNo, '--duplicate')).toMatchObject({ mode: 'duplicate', acknowledged: true, attempts: 2 });
  // Four deliveries reached payNotify; the order moved once, and every repeat is recorded as a duplicate.
  const { deliveries } = await run('notifications', orderNo);
  expect(deliveries.filter((d: { acknowledged: boolean }) => d.acknowledged)).toHaveLength(4);
  expect(await events(orderNo)).toEqual(['applied', 'duplicate', 'duplicate', 'duplicate']);
  expect(await shop.storedOrder(orderNo)).toMatchObject({ status: 'PAID', paidAt: before.paidAt, updatedAt: before.updatedAt });
});

it('sends the first notification again after a refund (out of order): the refund stands', async () => {
  const orderNo = await paidOrder();
  // Refunded from the merchant console, as the local shop's administrator.
  const admin = { OPENID: LOCAL_ADMIN_OPENID, APPID: LOCAL_APP_ID, SOURCE: 'wx_client' };
  const refunded = (await shop.cloud.invoke('merchant', { action: 'refund', orderNo, refundNo: `RD${counter}`, reason: '测试' }, admin)) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
  expect(refunded.data?.orderStatus ?? refunded.error?.code).toBe('REFUNDED');
  expect(await run('resend', orderNo, '--out-of-order')).toMatchObject({ mode: 'out-of-order', acknowledged: true });
  expect((await shop.storedOrder(orderNo)).status).toBe('REFUNDED');
});

it('arms a fault on a provider endpoint and clears it', async () => {
  await run('fault', '/QuickPay/JSAPIPay', 'http5xx', '--status', '503');
  const failed = (await shop.cloud.invoke('pay', { action: 'create', items: [{ skuId: 'sample', quantity: 1 }], requestId: `drive-request-${Date.now()}-${++counter}` }, context)) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
  expect(failed.error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: true });
  await run('clear');
  const ok = (await shop.cloud.invoke('pay', { action: 'create', items: [{ skuId: 'sample', quantity: 1 }], requestId: `drive-request-${Date.now()}-${++counter}` }, context)) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
  expect(ok.ok).toBe(true);
});

it('drops the next notification when told to: the order stays PAYING until asked', async () => {
  await run('notify-fault', 'drop', '--times', '1');
  const created = (await shop.cloud.invoke('pay', { action: 'create', items: [{ skuId: 'sample', quantity: 1 }], requestId: `drive-request-${Date.now()}-${++counter}` }, context)) as any; // eslint-disable-line @typescript-eslint/no-explicit-any
  await shop.cashier.pay(created.data.payment);
  await shop.sandboxes.providers.quickpay?.notifier.idle();
  expect((await shop.storedOrder(created.data.orderNo)).status).toBe('PAYING');
});

it('turns command lines into requests, and refuses incomplete ones', () => {
  expect(requestFor(['fault', '*', 'delay', '--ms', '4000', '--times', '2'])).toEqual({
    method: 'POST',
    path: '/sandbox/control/fault',
    body: { endpoint: '*', kind: 'delay', ms: 4000, times: 2 },
  });
  expect(requestFor(['fault', 'open.pay.query', 'status', '--payload', '{"code":"FAIL"}']).body).toMatchObject({ kind: 'status', payload: { code: 'FAIL' } });
  expect(() => requestFor(['resend'])).toThrow(/needs an order number/);
  expect(() => requestFor(['explode'])).toThrow(/unknown command/);
});

it('says so when no shop is running', async () => {
  await expect(drive(['clear', '--shop', 'http://127.0.0.1:9'], {}, () => undefined)).rejects.toThrow(/no local shop at/);
});
