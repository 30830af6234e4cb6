/**
 * The whole payment loop over HTTP: the shopper pays at the cashier → the sandbox marks the order
 * SUCCESSED and notifies → the adapter reads a hint → the query confirms PAID.
 */
import { newOrder, payer, startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ clockSpeed: 1000 });
});
afterAll(() => h.close());
beforeEach(async () => {
  await h.sandbox.notifier.idle();
  h.sandbox.notifier.clearFaults();
  h.sandbox.notificationFormat = 'bare';
  h.notifications.length = 0;
  h.merchantReplies.length = 0;
});

async function createAndPay() {
  const order = newOrder();
  const payment = await h.gateway.createJsapi(order, payer);
  expect((await h.cashier.pay(payment.params)).errMsg).toBe('requestPayment:ok');
  return { order, payment };
}

const forOrder = (orderNo: string) => h.notifications.filter((n) => n.parsed?.kind === 'hint' && n.parsed.orderNo === orderNo);

describe('pay → notify → hint → query', () => {
  it('confirms PAID by query after a bare PayResultInfo notification', async () => {
    const { order } = await createAndPay();
    await h.sandbox.notifier.idle();
    expect(forOrder(order.orderNo)).toHaveLength(1);
    const note = forOrder(order.orderNo)[0];
    expect(JSON.parse(note?.body ?? '{}')).toEqual(expect.objectContaining({ order_no: order.orderNo, transaction_status: 'SUCCESSED', total_amount: 2500 }));
    expect(note?.parsed).toEqual({ kind: 'hint', orderNo: order.orderNo });
    const state = await h.gateway.query(order.orderNo);
    expect(state).toEqual(expect.objectContaining({ status: 'PAID', amount: order.amount, merchantId: h.env.QUICKPAY_STORE_NO }));
    const deliveries = h.sandbox.notifier.deliveries.filter((d) => d.body === note?.body);
    expect(deliveries).toEqual([expect.objectContaining({ attempt: 1, status: 200, replyText: 'SUCCESS', acknowledged: true })]);
  });

  it('reads the wrapped {code, msg, data} format too', async () => {
    h.sandbox.notificationFormat = 'wrapped';
    const { order } = await createAndPay();
    await h.sandbox.notifier.idle();
    const [note] = forOrder(order.orderNo);
    expect(JSON.parse(note?.body ?? '{}')).toEqual(expect.objectContaining({ code: 'SUCCESS', data: expect.objectContaining({ order_no: order.orderNo }) }));
    expect((await h.gateway.query(order.orderNo)).status).toBe('PAID');
  });

  it('reads form-encoded fields too, acknowledged at the first delivery', async () => {
    h.sandbox.notificationFormat = 'form';
    const { order } = await createAndPay();
    await h.sandbox.notifier.idle();
    const [note] = forOrder(order.orderNo);
    expect(new URLSearchParams(note?.body).get('order_no')).toBe(order.orderNo);
    expect(h.sandbox.notifier.deliveries.filter((d) => d.body === note?.body)).toEqual([expect.objectContaining({ attempt: 1, acknowledged: true })]);
    expect((await h.gateway.query(order.orderNo)).status).toBe('PAID');
  });

  it('is retried on the 20 s schedule while the merchant does not acknowledge', async () => {
    h.merchantReplies.push(false, false);
    const { order } = await createAndPay();
    await h.sandbox.notifier.idle();
    expect(forOrder(order.orderNo)).toHaveLength(3);
    const attempts = h.sandbox.notifier.deliveries.filter((d) => d.body.includes(order.orderNo));
    expect(attempts.map((d) => [d.attempt, d.status, d.replyText, d.acknowledged])).toEqual([
      [1, 500, 'FAIL', false],
      [2, 500, 'FAIL', false],
      [3, 200, 'SUCCESS', true],
    ]);
    const [first, second] = attempts;
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(20_000);
  });

  it('a second tap at the cashier pays and notifies once', async () => {
    const { order, payment } = await createAndPay();
    expect((await h.cashier.pay(payment.params)).errMsg).toBe('requestPayment:fail order already paid');
    await h.sandbox.notifier.idle();
    expect(forOrder(order.orderNo)).toHaveLength(1);
  });
});

describe('notification faults', () => {
  it('duplicate: the merchant sees the same notification twice; both are hints for the same order', async () => {
    h.sandbox.notifier.setFault({ kind: 'duplicate' }, { times: 1 });
    const { order } = await createAndPay();
    await h.sandbox.notifier.idle();
    const notes = forOrder(order.orderNo);
    expect(notes).toHaveLength(2);
    expect(notes[0]?.body).toBe(notes[1]?.body);
    expect((await h.gateway.query(order.orderNo)).status).toBe('PAID');
  });

  it('outOfOrder: a later payment’s notification arrives first', async () => {
    h.sandbox.notifier.setFault({ kind: 'outOfOrder', holdMs: 60_000 }, { times: 1 });
    const first = await createAndPay();
    const second = await createAndPay();
    await h.sandbox.notifier.idle();
    const order = h.notifications.map((n) => (n.parsed?.kind === 'hint' ? n.parsed.orderNo : undefined));
    expect(order.indexOf(second.order.orderNo)).toBeLessThan(order.indexOf(first.order.orderNo));
  });

  it('drop: nothing arrives, and the query still tells the truth', async () => {
    h.sandbox.notifier.setFault({ kind: 'drop' }, { times: 1 });
    const { order } = await createAndPay();
    await h.sandbox.notifier.idle();
    expect(forOrder(order.orderNo)).toHaveLength(0);
    expect(h.sandbox.notifier.deliveries.at(-1)).toEqual(expect.objectContaining({ fault: 'drop', attempt: 0 }));
    expect((await h.gateway.query(order.orderNo)).status).toBe('PAID');
  });
});

describe('the cashier', () => {
  it('cancel: the order stays payable and unpaid, no notification', async () => {
    const order = newOrder();
    const payment = await h.gateway.createJsapi(order, payer);
    expect((await h.cashier.cancel(payment.params)).errMsg).toBe('requestPayment:fail cancel');
    await h.sandbox.notifier.idle();
    expect(forOrder(order.orderNo)).toHaveLength(0);
    expect((await h.gateway.query(order.orderNo)).status).toBe('PENDING');
    expect((await h.cashier.pay(payment.params)).errMsg).toBe('requestPayment:ok');
    expect((await h.gateway.query(order.orderNo)).status).toBe('PAID');
  });

  it('refuses parameters whose paySign was changed (e.g. recomputed by the client)', async () => {
    const order = newOrder();
    const payment = await h.gateway.createJsapi(order, payer);
    const forged = { ...payment.params, paySign: '0'.repeat(32) };
    expect((await h.cashier.pay(forged)).errMsg).toBe('requestPayment:fail invalid paySign');
    expect((await h.gateway.query(order.orderNo)).status).toBe('PENDING');
  });

  it('a forged notification for an unpaid order is only a hint: the query says PENDING', async () => {
    const order = newOrder();
    await h.gateway.createJsapi(order, payer);
    const res = await fetch(h.notifyUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ transaction_status: 'SUCCESSED', order_no: order.orderNo, store_no: h.env.QUICKPAY_STORE_NO, total_amount: 2500 }),
    });
    expect(await res.text()).toBe('SUCCESS');
    expect(h.notifications.at(-1)?.parsed).toEqual({ kind: 'hint', orderNo: order.orderNo });
    expect((await h.gateway.query(order.orderNo)).status).toBe('PENDING');
  });

  it('a notification for another store is refused and asked again', async () => {
    const res = await fetch(h.notifyUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ transaction_status: 'SUCCESSED', order_no: 'X1', store_no: 'OTHERSTORE' }),
    });
    expect(res.status).toBe(500);
    expect(await res.text()).toBe('FAIL');
    expect(h.notifications.at(-1)?.error).toContain('another store');
  });
});
