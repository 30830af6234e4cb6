/**
 * Payment notifications over real HTTP: form-encoded by default, JSON when switched; retried with
 * growing intervals until the merchant replies exactly `success`.
 */
import type { PaymentOrder } from '../../../server/gateways/contract';
import { toFen } from '../../../server/platform/money';
import { RETRY_DELAYS_MS as NOTIFY_RETRY_DELAYS_MS } from '../../../sandbox/caibao/pages';
import { orderNo, startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterEach(() => {
  h.sandbox.notificationFormat = 'form';
  h.replies.length = 0;
  h.sandbox.notifier.clearFaults();
});
afterAll(async () => {
  await h.close();
});

const payer = { appId: 'wxminiapp0001', openId: 'oPayer-123' };
const order = (amount = 1500): PaymentOrder => ({ orderNo: orderNo(), amount: toFen(amount), description: '龙井 x1', lines: [] });

async function pay(o: PaymentOrder): Promise<void> {
  const payment = await h.gateway.createJsapi(o, payer);
  expect((await h.cashier.pay(payment.params)).errMsg).toBe('requestPayment:ok');
}

describe('Caibao payment notifications', () => {
  it('form-encoded by default: verified PAID with amount = totalAmount, orderNo = appOrderNo, paidAt = payTime (epoch ms)', async () => {
    const o = order(1500);
    await pay(o);
    const [n] = await h.receivedFor(o.orderNo, 1);
    expect(n?.contentType).toContain('application/x-www-form-urlencoded');
    const fields = Object.fromEntries(new URLSearchParams(n?.body ?? ''));
    // The page's fields; paymentWay has no documented value for a JSAPI payment, so it is left out.
    expect(Object.keys(fields).sort()).toEqual(
      ['appOrderNo', 'cbOrderNo', 'discountAmount', 'orderStatus', 'outOrderNo', 'payTime', 'paymentChannel', 'sign', 'subject', 'totalAmount', 'receiveAmount'].sort(),
    );
    expect(fields.payTime).toMatch(/^\d{13}$/);
    expect(n?.parsed).toEqual({
      kind: 'verified',
      state: expect.objectContaining({ orderNo: o.orderNo, status: 'PAID', rawStatus: 'PAY_SUC', amount: 1500, providerOrderId: fields.cbOrderNo, paidAt: new Date(Number(fields.payTime)) }),
    });
  });

  it('a QR payment is notified with paymentWay SCAN and the documented channel name', async () => {
    const o = order(1800);
    const qr = await h.gateway.createQr!(o, 'alipay');
    await fetch(`${qr.qrContent}/pay`, { method: 'POST', redirect: 'manual' });
    const [n] = await h.receivedFor(o.orderNo, 1);
    expect(Object.fromEntries(new URLSearchParams(n?.body ?? ''))).toMatchObject({ paymentWay: 'SCAN', paymentChannel: 'ALIPAY', orderStatus: 'PAY_SUC' });
    expect(n?.parsed).toMatchObject({ kind: 'verified', state: { status: 'PAID', amount: 1800 } });
  });

  it('JSON when switched (the content type is not documented): verified the same way', async () => {
    h.sandbox.notificationFormat = 'json';
    const o = order(2100);
    await pay(o);
    const [n] = await h.receivedFor(o.orderNo, 1);
    expect(n?.contentType).toContain('application/json');
    expect(JSON.parse(n?.body ?? '{}')).toMatchObject({ totalAmount: 2100, orderStatus: 'PAY_SUC' });
    expect(n?.parsed).toMatchObject({ kind: 'verified', state: { orderNo: o.orderNo, status: 'PAID', amount: 2100 } });
  });

  it('retried with growing intervals until the reply is exactly "success"', async () => {
    h.replies.push('SUCCESS', 'success\n', 'ok');
    const o = order();
    await pay(o);
    await h.receivedFor(o.orderNo, 4);
    await h.sandbox.notifier.idle();
    const attempts = h.sandbox.notifier.deliveries.filter((d) => d.body.includes(o.orderNo));
    expect(attempts.map((d) => [d.attempt, d.replyText, d.acknowledged])).toEqual([
      [1, 'SUCCESS', false],
      [2, 'success\n', false],
      [3, 'ok', false],
      [4, 'success', true],
    ]);
    // The schedule grows, and each retry waited (at least) its step of it, in sandbox time;
    // 2 real ms of slack for timer rounding at clock speed 1000.
    expect(NOTIFY_RETRY_DELAYS_MS.every((delay, i) => i === 0 || delay > (NOTIFY_RETRY_DELAYS_MS[i - 1] ?? 0))).toBe(true);
    const gaps = attempts.slice(1).map((d, i) => d.at - (attempts[i]?.at ?? 0));
    gaps.forEach((gap, i) => expect(gap).toBeGreaterThanOrEqual((NOTIFY_RETRY_DELAYS_MS[i] ?? 0) - 2000));
  });

  it('a duplicated delivery verifies twice to the same state (applying it once is the order service’s job)', async () => {
    h.sandbox.notifier.setFault({ kind: 'duplicate' }, { times: 1 });
    const o = order();
    await pay(o);
    const both = await h.receivedFor(o.orderNo, 2);
    expect(both.map((n) => n.parsed)).toEqual([both[0]?.parsed, both[0]?.parsed]);
    expect(both[0]?.parsed).toMatchObject({ kind: 'verified', state: { status: 'PAID' } });
  });

  it('a dropped notification leaves the query as the way to learn the order was paid', async () => {
    h.sandbox.notifier.setFault({ kind: 'drop' }, { times: 1 });
    const o = order();
    await pay(o);
    await h.sandbox.notifier.idle();
    expect(h.received.filter((n) => n.body.includes(o.orderNo))).toHaveLength(0);
    expect(await h.gateway.query(o.orderNo)).toMatchObject({ status: 'PAID', amount: o.amount });
  });
});
