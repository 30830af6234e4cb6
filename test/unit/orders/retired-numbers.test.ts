/**
 * Retired order numbers and double payments. The provider double creates an order whose create
 * answer was lost only later (`land()`), as a real provider may after our deadline: the shopper's
 * retry closes a provider order that does not exist yet and retires the number; reconcile must
 * close the order that lands later, and a payment on it for an order already paid is a double
 * payment, refunded under its own refund number.
 */
import { LocalDatabase } from '../../../sandbox/cloud/database';
import { GatewayError, type PaymentGateway, type PaymentOrder, type ProviderOrderState, type ProviderStatus, type RefundRequest } from '../../../server/gateways/contract';
import { setLogSink } from '../../../server/platform/log';
import { toFen } from '../../../server/platform/money';
import { createOrderContext, lateAnswerWindowMs, type OrderContext, type OrderSettings } from '../../../server/orders/context';
import { ORDERS, type Order } from '../../../server/orders/model';
import { handleNotification } from '../../../server/orders/notifications';
import { createPayment, resolveUnknown, resumePayment } from '../../../server/orders/payments';
import { reconcile } from '../../../server/orders/reconcile';
import { settle } from '../../../server/orders/settlement';
import { refund } from '../../../server/orders/refunds';
import { PAYMENT_EVENTS } from '../../../server/orders/events';
import type { CloudDatabase, CloudQuery } from '../../../server/orders/cloud-database';

const PARAMS = { timeStamp: '1', nonceStr: 'n', package: 'prepay_id=p', signType: 'MD5' as const, paySign: 's' };
const settings: OrderSettings = { shopName: 'S', orderExpiryMs: 3_600_000, createWaitMs: 0, createLeaseMs: 150_000, statusQueryIntervalMs: 0, callDeadlineMs: 10_000 };
const cart = { lines: [{ skuId: 'tea', name: 'Tea', unitPrice: toFen(500), quantity: 1 }], amount: toFen(500) };
const items = [{ skuId: 'tea', quantity: 1 }];

function lateProvider() {
  const orders = new Map<string, { status: ProviderStatus; amount: number }>();
  const landing: PaymentOrder[] = [];
  const refunds: RefundRequest[] = [];
  let loseNext = false;
  let notified: ProviderOrderState | undefined;
  const notFound = () => new GatewayError('tencent', 'NOT_FOUND', 'no such order', 'rejected', { retryable: false });
  const gateway: PaymentGateway = {
    name: 'tencent',
    orderNoPrefix: '',
    createJsapi: (order) => {
      if (loseNext) {
        loseNext = false;
        landing.push(order);
        return Promise.reject(new GatewayError('tencent', 'PROVIDER_UNAVAILABLE', 'no answer within 10000 ms', 'unknown'));
      }
      orders.set(order.orderNo, { status: 'PENDING', amount: order.amount });
      return Promise.resolve({ params: PARAMS });
    },
    query: (orderNo) => {
      const order = orders.get(orderNo);
      if (!order) return Promise.reject(notFound());
      return Promise.resolve({ orderNo, status: order.status, rawStatus: order.status, amount: toFen(order.amount) });
    },
    close: (orderNo) => {
      const order = orders.get(orderNo);
      if (!order || order.status !== 'PENDING') return Promise.reject(order ? new GatewayError('tencent', 'CONFLICT', 'not closable', 'rejected', { retryable: false }) : notFound());
      order.status = 'CLOSED';
      return Promise.resolve();
    },
    refund: (request) => {
      refunds.push(request);
      const order = orders.get(request.orderNo);
      if (!order || order.status !== 'PAID') return Promise.reject(notFound());
      order.status = 'REFUNDED';
      return Promise.resolve({ refundNo: request.refundNo, status: 'SUCCEEDED', rawStatus: 'REFUND_SUCCESS', refundAmount: request.refundAmount });
    },
    parseNotification: () => {
      if (!notified) throw new Error('nothing notified');
      return { kind: 'verified', state: notified };
    },
    acknowledge: () => ({ statusCode: 200, headers: {}, body: 'ok' }),
  };
  return {
    gateway,
    orders,
    refunds,
    loseNextCreate: () => (loseNext = true),
    /** The lost creates are processed by the provider now. */
    land: () => {
      for (const order of landing.splice(0)) orders.set(order.orderNo, { status: 'PENDING', amount: order.amount });
    },
    /** The shopper pays this number at the provider; the signed notification for it is `notify()`'s. */
    pay: (orderNo: string) => {
      const order = orders.get(orderNo);
      if (!order) throw new Error(`no provider order ${orderNo}`);
      order.status = 'PAID';
      notified = { orderNo, status: 'PAID', rawStatus: 'SUCCESS', amount: toFen(order.amount) };
    },
  };
}

describe('retired order numbers', () => {
  let db: LocalDatabase;
  let now: number;
  let provider: ReturnType<typeof lateProvider>;
  let ctx: OrderContext;
  const logs: string[] = [];
  beforeEach(() => {
    db = new LocalDatabase();
    logs.length = 0;
    setLogSink((line) => logs.push(line));
    now = Date.now();
    provider = lateProvider();
    ctx = createOrderContext(db, provider.gateway, settings, () => now);
  });
  afterEach(() => db.close());

  const stored = async () => (await db.collection(ORDERS).where({ requestId: 'request-1' }).get()).data[0] as unknown as Order;
  const events = async () => (await db.collection(PAYMENT_EVENTS).where({}).limit(1000).get()).data;
  const notify = () => handleNotification(ctx, { headers: {}, body: Buffer.from('n') });
  const runReconcile = async () => {
    now += 1;
    return reconcile(ctx, { staleAfterMs: 60 * 60_000, batchSize: 10 });
  };

  /** The create answer is lost, the shopper retries before the lost create lands, then it lands. */
  const lostThenRetried = async () => {
    provider.loseNextCreate();
    await expect(createPayment(ctx, { openid: 'o', appId: 'wx', requestId: 'request-1', cart, method: { kind: 'jsapi' } })).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE' });
    const lost = (await stored()).orderNo;
    const retried = await resumePayment(ctx, 'o', 'request-1', items, { kind: 'jsapi' });
    if (!retried) throw new Error('no order');
    expect(retried.orderNo).not.toBe(lost);
    provider.land();
    expect(provider.orders.get(lost)?.status).toBe('PENDING');
    return { lost, current: retried.orderNo };
  };

  it('closes the provider order that landed after its number was retired', async () => {
    const { lost } = await lostThenRetried();
    expect((await stored()).retiredOrderNos).toEqual([expect.objectContaining({ orderNo: lost, open: true })]);
    const summary = await runReconcile();
    expect(summary.retiredClosed).toBe(1);
    expect(provider.orders.get(lost)?.status).toBe('CLOSED');
    expect((await stored()).retiredOrderNos).toEqual([expect.objectContaining({ orderNo: lost, open: false })]);
  });

  it('keeps a retired number the provider does not know open until the lost create can no longer land', async () => {
    provider.loseNextCreate();
    await expect(createPayment(ctx, { openid: 'o', appId: 'wx', requestId: 'request-1', cart, method: { kind: 'jsapi' } })).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE' });
    await resumePayment(ctx, 'o', 'request-1', items, { kind: 'jsapi' });
    await runReconcile();
    expect((await stored()).retiredOrderNos?.[0]?.open).toBe(true);
    now += lateAnswerWindowMs(settings);
    await runReconcile();
    expect((await stored()).retiredOrderNos?.[0]?.open).toBe(false);
  });

  it('takes a payment on the retired number of an unpaid order as its payment, and refunds to the number the money is on', async () => {
    const { lost } = await lostThenRetried();
    provider.pay(lost);
    expect(await notify()).toEqual({ ack: true, outcome: 'applied' });
    expect(await stored()).toMatchObject({ status: 'PAID', paidOrderNo: lost });
    await runReconcile();
    expect((await stored()).retiredOrderNos?.[0]?.open).toBe(false);
    expect(await refund(ctx, { orderNo: (await stored()).orderNo, refundNo: 'RF1' })).toMatchObject({ status: 'SUCCEEDED', orderStatus: 'REFUNDED' });
    expect(provider.refunds.map((r) => r.orderNo)).toEqual([lost]);
  });

  it('retires the current number when the order is paid on a retired one, and reconcile closes its provider order', async () => {
    const { lost, current } = await lostThenRetried();
    expect(provider.orders.get(current)?.status).toBe('PENDING');
    provider.pay(lost);
    expect(await notify()).toEqual({ ack: true, outcome: 'applied' });
    const paid = await stored();
    expect(paid).toMatchObject({ status: 'PAID', paidOrderNo: lost, orderNo: current });
    expect(paid.retiredOrderNos).toEqual([expect.objectContaining({ orderNo: lost, open: true }), expect.objectContaining({ orderNo: current, open: true })]);
    await runReconcile();
    expect(provider.orders.get(current)?.status).toBe('CLOSED');
    expect((await stored()).retiredOrderNos?.map((retired) => [retired.orderNo, retired.open])).toEqual([
      [lost, false],
      [current, false],
    ]);
  });

  it('refunds a payment the shopper also made on the current number of an order paid on a retired one', async () => {
    const { lost, current } = await lostThenRetried();
    provider.pay(lost);
    await notify();
    // Before reconcile closes it, the shopper pays the current number too; its notification is lost.
    provider.pay(current);
    await runReconcile();
    await runReconcile();
    const order = await stored();
    expect(order).toMatchObject({ status: 'PAID', paidOrderNo: lost });
    expect(order.doublePayments?.map((payment) => [payment.orderNo, payment.refund.status])).toEqual([[current, 'SUCCEEDED']]);
    expect(provider.refunds.map((r) => r.orderNo)).toEqual([current]);
  });

  it('applies a payment on the number it read as retired only to the order as stored: one retired since is retired too', async () => {
    const { lost } = await lostThenRetried();
    const read = await stored();
    // Between our read and our move, the order was retired again (as after another unknown create outcome).
    await db.collection(ORDERS).doc(read._id).update({ data: { status: 'UNKNOWN' } });
    const latest = (await resolveUnknown(ctx, await stored())).orderNo;
    expect(latest).not.toBe(read.orderNo);
    provider.pay(lost);
    expect(await settle(ctx, read, { orderNo: lost, status: 'PAID', rawStatus: 'SUCCESS', amount: toFen(500) }, 'query')).toBe('applied');
    const order = await stored();
    expect(order).toMatchObject({ status: 'PAID', paidOrderNo: lost, orderNo: latest });
    expect(order.retiredOrderNos?.filter((retired) => retired.open).map((retired) => retired.orderNo)).toContain(latest);
  });

  describe('an order stored before retired numbers were recorded (previousOrderNos only)', () => {
    const makeLegacy = async () => {
      const order = await stored();
      await db.collection(ORDERS).doc(order._id).update({ data: { retiredOrderNos: db.command.remove() } });
      expect((await stored()).retiredOrderNos).toBeUndefined();
    };

    it('has its previous numbers closed at the provider by reconcile, until it confirms', async () => {
      const { lost } = await lostThenRetried();
      await makeLegacy();
      const summary = await runReconcile();
      expect(summary.retiredClosed).toBe(1);
      expect(provider.orders.get(lost)?.status).toBe('CLOSED');
      expect((await stored()).retiredOrderNos).toEqual([expect.objectContaining({ orderNo: lost, open: false })]);
      expect((await runReconcile()).retiredClosed).toBe(0);
    });

    it('keeps a previous number the provider does not know open until a lost create could no longer land', async () => {
      provider.loseNextCreate();
      await expect(createPayment(ctx, { openid: 'o', appId: 'wx', requestId: 'request-1', cart, method: { kind: 'jsapi' } })).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE' });
      await resumePayment(ctx, 'o', 'request-1', items, { kind: 'jsapi' });
      await makeLegacy();
      await runReconcile();
      expect((await stored()).retiredOrderNos?.map((retired) => retired.open)).toEqual([true]);
      now += lateAnswerWindowMs(settings);
      await runReconcile();
      expect((await stored()).retiredOrderNos?.map((retired) => retired.open)).toEqual([false]);
    });

    it('keeps its previous numbers open for reconcile when it is retired again', async () => {
      const { lost, current } = await lostThenRetried();
      await makeLegacy();
      // The current number's create outcome is unknown too: it is retired, and the older number with it.
      await db.collection(ORDERS).doc((await stored())._id).update({ data: { status: 'UNKNOWN' } });
      const retired = (await resolveUnknown(ctx, await stored())).retiredOrderNos;
      expect(retired?.map((entry) => [entry.orderNo, entry.open])).toEqual([
        [lost, true],
        [current, true],
      ]);
      await runReconcile();
      expect(provider.orders.get(lost)?.status).toBe('CLOSED');
      expect((await stored()).retiredOrderNos?.map((entry) => entry.open)).toEqual([false, false]);
    });

    it('keeps its previous numbers open for reconcile when it is paid on one of them', async () => {
      const { lost, current } = await lostThenRetried();
      await makeLegacy();
      provider.pay(lost);
      expect(await notify()).toEqual({ ack: true, outcome: 'applied' });
      expect((await stored()).retiredOrderNos?.map((entry) => [entry.orderNo, entry.open])).toEqual([
        [lost, true],
        [current, true],
      ]);
      await runReconcile();
      expect(provider.orders.get(current)?.status).toBe('CLOSED');
      expect((await stored())).toMatchObject({ status: 'PAID', paidOrderNo: lost });
      expect((await stored()).retiredOrderNos?.map((entry) => entry.open)).toEqual([false, false]);
    });
  });

  it('records a payment on a retired number of an order already paid as a double payment, alerts, and refunds it under its own refund number', async () => {
    const { lost, current } = await lostThenRetried();
    provider.pay(current);
    expect(await notify()).toEqual({ ack: true, outcome: 'applied' });
    provider.pay(lost);
    expect(await notify()).toEqual({ ack: true, outcome: 'double_payment' });
    // A repeated delivery, and reconcile finding it too, record it once.
    expect(await notify()).toEqual({ ack: true, outcome: 'duplicate' });
    await runReconcile();
    const order = await stored();
    expect(order).toMatchObject({ status: 'PAID', paidOrderNo: current, refundedAmount: 0 });
    expect(order.doublePayments).toHaveLength(1);
    expect(order.doublePayments?.[0]).toMatchObject({ orderNo: lost, amount: 500, refund: { refundNo: lost, status: 'SUCCEEDED' } });
    expect(provider.refunds.map((r) => [r.orderNo, r.refundNo, r.refundAmount])).toEqual([[lost, lost, 500]]);
    expect(provider.orders.get(lost)?.status).toBe('REFUNDED');
    expect(logs.filter((line) => line.includes('ALERT double payment'))).toHaveLength(1);
    const history = (await events()).filter((e) => e.orderNo === lost).map((e) => `${String(e.kind)}:${String(e.outcome)}`);
    expect(history).toEqual(expect.arrayContaining(['notification:double_payment', 'refund:ok']));
  });
  it('records a double payment once when two deliveries prove it at the same time (one is between its claim and its write)', async () => {
    const { lost, current } = await lostThenRetried();
    provider.pay(current);
    expect(await notify()).toEqual({ ack: true, outcome: 'applied' });
    provider.pay(lost);
    // The first delivery's write of the double payment is slow (a round trip to the database that
    // takes its time): the second delivery comes and goes meanwhile.
    let secondDone!: () => void;
    const second = new Promise<void>((resolve) => (secondDone = resolve));
    let firstWrite = true;
    const orders = db.collection(ORDERS);
    const slowFirstWrite: CloudDatabase = {
      command: db.command,
      collection: (name) => {
        if (name !== ORDERS) return db.collection(name);
        const query = (inner: CloudQuery): CloudQuery => ({
          where: (condition) => query(inner.where(condition)),
          orderBy: (field, direction) => query(inner.orderBy(field, direction)),
          skip: (offset) => query(inner.skip(offset)),
          limit: (max) => query(inner.limit(max)),
          get: () => inner.get(),
          count: () => inner.count(),
          remove: () => inner.remove(),
          update: async (options) => {
            if (firstWrite && 'doublePayments' in options.data) {
              firstWrite = false;
              await second;
            }
            return inner.update(options);
          },
        });
        return { ...query(orders), doc: (id) => orders.doc(id), add: (options) => orders.add(options) };
      },
    };
    ctx = createOrderContext(slowFirstWrite, provider.gateway, settings, () => now);
    const first = notify();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(firstWrite).toBe(false);
    const outcomes = [await notify()];
    secondDone();
    outcomes.push(await first);
    expect(outcomes.map((answer) => answer.ack)).toEqual([true, true]);
    expect(outcomes.map((answer) => (answer.ack ? answer.outcome : '')).sort()).toEqual(['double_payment', 'duplicate']);
    expect((await stored()).doublePayments?.map((payment) => payment.orderNo)).toEqual([lost]);
    await runReconcile();
    const order = await stored();
    expect(order.doublePayments?.map((payment) => payment.refund.status)).toEqual(['SUCCEEDED']);
    expect(provider.refunds.map((r) => r.orderNo)).toEqual([lost]);
    expect(logs.filter((line) => line.includes('refund it by hand'))).toEqual([]);
  });
});
