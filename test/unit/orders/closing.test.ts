/**
 * Closing an unpaid order (the shopper's cancel, reconcile's expiry) while another instance pays it
 * again: a provider order must never be left payable under an order we consider closed.
 */
import { LocalDatabase } from '../../../sandbox/cloud/database';
import { GatewayError, type PaymentGateway, type PaymentOrder, type ProviderStatus } from '../../../server/gateways/contract';
import { setLogSink } from '../../../server/platform/log';
import { toFen } from '../../../server/platform/money';
import { closeOrder } from '../../../server/orders/closing';
import { createOrderContext, lateAnswerWindowMs, type OrderContext, type OrderSettings } from '../../../server/orders/context';
import { ORDERS, orderIdFor, type Order } from '../../../server/orders/model';
import { resumePayment } from '../../../server/orders/payments';
import { reconcile } from '../../../server/orders/reconcile';
import { storedOrder } from '../../support/orders';

const PARAMS = { timeStamp: '1', nonceStr: 'n', package: 'prepay_id=p', signType: 'MD5' as const, paySign: 's' };
const ID = orderIdFor('o', 'request-1');

/**
 * A provider whose create calls wait for `release()` before they are processed and answered; with
 * `loseNextCreate()`, the next one times out (unknown outcome) and is processed only at `land()`.
 */
function slowCreateProvider() {
  const orders = new Map<string, ProviderStatus>();
  const landing: string[] = [];
  let lose = false;
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let createStarted!: () => void;
  const started = new Promise<void>((resolve) => (createStarted = resolve));
  const notFound = () => new GatewayError('quickpay', 'NOT_FOUND', 'no such order', 'rejected', { retryable: false });
  const gateway: PaymentGateway = {
    name: 'quickpay',
    orderNoPrefix: '',
    createJsapi: async (order: PaymentOrder) => {
      if (lose) {
        lose = false;
        landing.push(order.orderNo);
        throw new GatewayError('quickpay', 'PROVIDER_UNAVAILABLE', 'no answer within 10000 ms', 'unknown');
      }
      createStarted();
      await released;
      orders.set(order.orderNo, 'PENDING');
      return { params: PARAMS };
    },
    query: async (orderNo) => {
      const status = orders.get(orderNo);
      if (!status) throw notFound();
      return { orderNo, status, rawStatus: status, amount: toFen(500) };
    },
    close: async (orderNo) => {
      if (!orders.has(orderNo)) throw notFound();
      orders.set(orderNo, 'CLOSED');
    },
    refund: () => Promise.reject(new Error('no refund expected')),
    parseNotification: () => {
      throw new Error('not used');
    },
    acknowledge: () => ({ statusCode: 200, headers: {}, body: '' }),
  };
  return {
    gateway,
    orders,
    release,
    started,
    loseNextCreate: () => (lose = true),
    land: () => landing.splice(0).forEach((orderNo) => orders.set(orderNo, 'PENDING')),
  };
}

/** An order whose last create call was not sent (or that was retried under a new number): CREATED, nothing at the provider. */
function createdOrder(): Order {
  return storedOrder({
    _id: ID,
    requestId: 'request-1',
    lines: [{ skuId: 'tea', name: 'Tea', unitPrice: toFen(500), quantity: 1 }],
    status: 'CREATED',
    attemptId: null,
    createdAt: Date.now(),
    updatedAt: Date.now(),
  });
}

describe('closing an order', () => {
  let db: LocalDatabase;
  let ctx: OrderContext;
  let provider: ReturnType<typeof slowCreateProvider>;
  let now: number;
  const settings: OrderSettings = { shopName: 'S', orderExpiryMs: 60_000, createWaitMs: 0, createLeaseMs: 60_000, statusQueryIntervalMs: 0, callDeadlineMs: 1_000 };
  beforeEach(async () => {
    db = new LocalDatabase();
    setLogSink(() => {});
    provider = slowCreateProvider();
    now = Date.now();
    ctx = createOrderContext(db, provider.gateway, settings, () => now);
    await db.collection(ORDERS).add({ data: { ...createdOrder() } });
  });
  afterEach(() => db.close());
  const stored = async () => (await db.collection(ORDERS).doc(ID).get()).data as unknown as Order;

  it('does not close, as never sent, an order whose create call another instance claimed after it was read', async () => {
    const read = await stored();
    // 去支付 on one phone: the create call is claimed and out...
    const paying = resumePayment(ctx, 'o', 'request-1', [{ skuId: 'tea', quantity: 1 }], { kind: 'jsapi' });
    await provider.started;
    // ...while the cancel (or reconcile's expiry), which read the order before that claim, goes on.
    const closing = closeOrder(ctx, read).then(
      (result) => result,
      (err: unknown) => err,
    );
    const closed = await closing;
    provider.release();
    const paid = await paying.then(
      (answer) => answer,
      (err: unknown) => err,
    );
    // Whatever each of them answered, an order we consider closed has no payable provider order.
    const order = await stored();
    if (order.status === 'CLOSED') expect(provider.orders.get(order.orderNo)).not.toBe('PENDING');
    expect(closed).toMatchObject({ code: 'CONFLICT', retryable: true });
    expect(paid).toMatchObject({ orderNo: 'N1', payment: PARAMS });
    // Asked again once the create call has answered, the cancel closes the provider order first.
    expect(await closeOrder(ctx, await stored())).toBe('closed');
    expect(provider.orders.get('N1')).toBe('CLOSED');
    expect((await stored()).status).toBe('CLOSED');
  });
  it('keeps watching the number of an order cancelled while its create outcome was unknown: a create that lands later is closed at the provider', async () => {
    provider.loseNextCreate();
    await expect(resumePayment(ctx, 'o', 'request-1', [{ skuId: 'tea', quantity: 1 }], { kind: 'jsapi' })).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE' });
    expect((await stored()).status).toBe('UNKNOWN');
    // The shopper cancels at once: the provider does not have the order (yet), so nothing is closed there.
    expect(await closeOrder(ctx, await stored())).toBe('closed');
    // The lost create is processed by the provider only now.
    provider.land();
    expect(provider.orders.get('N1')).toBe('PENDING');
    now += lateAnswerWindowMs(settings);
    await reconcile(ctx, { staleAfterMs: 60 * 60_000, batchSize: 10 });
    expect(provider.orders.get('N1')).toBe('CLOSED');
    expect(await stored()).toMatchObject({ status: 'CLOSED', orderNo: 'N1' });
  });
});
