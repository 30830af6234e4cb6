import { GatewayError } from '../../../server/gateways/contract';
import { toFen } from '../../../server/platform/money';
import { newOrder, payer, rejection, startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

async function expectRejected(promise: Promise<unknown>, msgPart: string) {
  const err = (await rejection(promise)) as GatewayError;
  expect(err).toBeInstanceOf(GatewayError);
  expect(err.code).toBe('PROVIDER_REJECTED');
  expect(err.outcome).toBe('rejected');
  expect(err.retryable).toBe(false);
  expect(err.providerCode).toBe('FAIL');
  expect(err.message).toContain(msgPart);
}

async function payAtCashier(params: Parameters<Harness['cashier']['pay']>[0]) {
  const result = await h.cashier.pay(params);
  expect(result.errMsg).toBe('requestPayment:ok');
}

describe('QuickPay/JSAPIPay', () => {
  it('creates an order and returns the five requestPayment fields the cashier accepts', async () => {
    const order = newOrder();
    const payment = await h.gateway.createJsapi(order, payer);
    expect(Object.keys(payment.params).sort()).toEqual(['nonceStr', 'package', 'paySign', 'signType', 'timeStamp']);
    expect(payment.params.package).toMatch(/^prepay_id=/);
    expect(payment.providerOrderId).toMatch(/^QP/);
    expect('error' in h.cashier.check(payment.params)).toBe(false);
    const kept = h.sandbox.orders.find(order.orderNo);
    expect(kept).toEqual(expect.objectContaining({ amount: 2500, status: 'CREATE', storeNo: h.env.QUICKPAY_STORE_NO }));
    expect(kept?.request).toEqual(expect.objectContaining({ appid: payer.appId, openid: payer.openId, notify_url: h.notifyUrl, paytype: 11 }));
    // The params are passed through unchanged: exactly the cloudpay_param the sandbox issued.
    const issued = JSON.parse(kept?.cloudpayParam ?? '{}') as Record<string, string>;
    expect({ ...payment.params, appId: payer.appId }).toEqual(issued);
  });

  it('answers a repeated identical request with the same parameters (one provider order)', async () => {
    const order = newOrder();
    const first = await h.gateway.createJsapi(order, payer);
    const second = await h.gateway.createJsapi(order, payer);
    expect(second).toEqual(first);
    expect(h.sandbox.orders.list().filter((o) => o.orderNo === order.orderNo)).toHaveLength(1);
  });

  it('refuses a reused order_no with different content', async () => {
    const order = newOrder();
    await h.gateway.createJsapi(order, payer);
    await expectRejected(h.gateway.createJsapi({ ...order, amount: toFen(2600) }, payer), 'already used');
    await expectRejected(h.gateway.createJsapi(order, { ...payer, openId: 'oSomeoneElse' }), 'already used');
  });
});

describe('QuickPay/Query', () => {
  it('reports a new order as PENDING with its amount and store', async () => {
    const order = newOrder({ amount: toFen(1) });
    await h.gateway.createJsapi(order, payer);
    const state = await h.gateway.query(order.orderNo);
    expect(state).toEqual(expect.objectContaining({ orderNo: order.orderNo, status: 'PENDING', rawStatus: 'CREATE', amount: 1, merchantId: h.env.QUICKPAY_STORE_NO }));
    expect(state.paidAt).toBeUndefined();
  });

  it('reports a paid order as PAID with the time it was paid', async () => {
    const order = newOrder();
    const payment = await h.gateway.createJsapi(order, payer);
    await payAtCashier(payment.params);
    const state = await h.gateway.query(order.orderNo);
    expect(state.status).toBe('PAID');
    expect(state.rawStatus).toBe('SUCCESSED');
    expect(state.paidAt).toBeInstanceOf(Date);
    expect(Math.abs((state.paidAt?.getTime() ?? 0) - Date.now())).toBeLessThan(24 * 3_600_000);
  });

  it('refuses an order it does not know', async () => {
    await expectRejected(h.gateway.query('NO-SUCH-ORDER'), 'not found');
  });
});

describe('QuickPay/Cancel (assumed route)', () => {
  it('cancels an unpaid order: query says FAILED and the cashier refuses to pay it', async () => {
    const order = newOrder();
    const payment = await h.gateway.createJsapi(order, payer);
    await h.gateway.close(order.orderNo);
    await h.gateway.close(order.orderNo);
    const state = await h.gateway.query(order.orderNo);
    expect(state.status).toBe('FAILED');
    expect((await h.cashier.pay(payment.params)).errMsg).toBe('requestPayment:fail order closed');
  });

  it('refuses to cancel a paid order', async () => {
    const order = newOrder();
    await payAtCashier((await h.gateway.createJsapi(order, payer)).params);
    await expectRejected(h.gateway.close(order.orderNo), 'cannot be cancelled');
    expect((await h.gateway.query(order.orderNo)).status).toBe('PAID');
  });

  it('refuses to cancel an unknown order', async () => {
    await expectRejected(h.gateway.close('NO-SUCH-ORDER'), 'not found');
  });
});

describe('QuickPay/Refund', () => {
  async function paidOrder(amount = 1000) {
    const order = newOrder({ amount: toFen(amount) });
    await payAtCashier((await h.gateway.createJsapi(order, payer)).params);
    return order;
  }
  const refund = (orderNo: string, refundNo: string, refundAmount: number, orderAmount = 1000) => ({
    orderNo,
    refundNo,
    orderAmount: toFen(orderAmount),
    refundAmount: toFen(refundAmount),
  });

  it('refunds partially, repeatedly, and idempotently by refund_no, up to the amount', async () => {
    const order = await paidOrder();
    const first = await h.gateway.refund(refund(order.orderNo, `${order.orderNo}R1`, 300));
    expect(first).toEqual(expect.objectContaining({ refundNo: `${order.orderNo}R1`, status: 'SUCCEEDED', rawStatus: 'REFUNDED', refundAmount: 300 }));
    const retried = await h.gateway.refund(refund(order.orderNo, `${order.orderNo}R1`, 300));
    expect(retried).toEqual(first);
    expect((await h.gateway.query(order.orderNo)).status).toBe('PAID');
    await expectRejected(h.gateway.refund(refund(order.orderNo, `${order.orderNo}R2`, 701)), 'exceeds');
    const second = await h.gateway.refund(refund(order.orderNo, `${order.orderNo}R2`, 700));
    expect(second.status).toBe('SUCCEEDED');
    expect(second.providerRefundId).not.toBe(first.providerRefundId);
    expect(h.sandbox.orders.find(order.orderNo)?.refundedAmount).toBe(1000);
    expect((await h.gateway.query(order.orderNo)).status).toBe('REFUNDED');
    await expectRejected(h.gateway.refund(refund(order.orderNo, `${order.orderNo}R3`, 1)), 'only paid orders');
  });

  it('refuses a reused refund_no with different content', async () => {
    const order = await paidOrder();
    await h.gateway.refund(refund(order.orderNo, `${order.orderNo}R1`, 100));
    await expectRejected(h.gateway.refund(refund(order.orderNo, `${order.orderNo}R1`, 200)), 'already used');
    const other = await paidOrder();
    await expectRejected(h.gateway.refund(refund(other.orderNo, `${order.orderNo}R1`, 100)), 'already used');
  });

  it('refuses to refund an unpaid order, an unknown order, or with the wrong order amount', async () => {
    const unpaid = newOrder({ amount: toFen(1000) });
    await h.gateway.createJsapi(unpaid, payer);
    await expectRejected(h.gateway.refund(refund(unpaid.orderNo, `${unpaid.orderNo}R1`, 100)), 'only paid orders');
    await expectRejected(h.gateway.refund(refund('NO-SUCH-ORDER', 'RNONE', 100)), 'not found');
    const order = await paidOrder();
    await expectRejected(h.gateway.refund(refund(order.orderNo, `${order.orderNo}R1`, 100, 999)), 'does not match');
  });
});
