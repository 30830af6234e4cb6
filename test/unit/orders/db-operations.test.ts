/**
 * Database operations per call (each one a network round trip in CloudBase), counted by wrapping
 * the database: bounds of the code paths, not timings (the bench prints the figures).
 */
import { LocalDatabase } from '../../../sandbox/cloud/database';
import { CatalogCache } from '../../../server/catalog/cache';
import { priceCart, type CartItem } from '../../../server/catalog/pricing';
import { CatalogRepository } from '../../../server/catalog/repository';
import type { PaymentGateway, ProviderOrderState } from '../../../server/gateways/contract';
import { setLogSink } from '../../../server/platform/log';
import { toFen } from '../../../server/platform/money';
import { createOrderContext, type OrderContext } from '../../../server/orders/context';
import { CountingDatabase } from '../../../server/orders/counting-database';
import { PAYMENT_EVENTS, notificationHistory, type PaymentEvent } from '../../../server/orders/events';
import { ORDERS, type Order } from '../../../server/orders/model';
import { handleNotification } from '../../../server/orders/notifications';
import { checkout, createPayment } from '../../../server/orders/payments';
import { refreshOrder } from '../../../server/orders/status';

const PARAMS = { timeStamp: '1', nonceStr: 'n', package: 'prepay_id=p', signType: 'MD5' as const, paySign: 's' };
const cart = { lines: [{ skuId: 'tea', name: 'Tea', unitPrice: toFen(500), quantity: 1 }], amount: toFen(500) };

describe('database operations per call', () => {
  let local: LocalDatabase;
  let db: CountingDatabase;
  let ctx: OrderContext;
  let beforeCreateCall: number | undefined;
  let queries = 0;
  let queryStatus: 'PAID' | 'PENDING' = 'PAID';
  let notified: { kind: 'verified'; state: ProviderOrderState } | { kind: 'hint'; orderNo: string };
  const gateway = {
    name: 'caibao',
    orderNoPrefix: '',
    createJsapi: () => {
      beforeCreateCall = db.count;
      return Promise.resolve({ params: PARAMS });
    },
    query: (orderNo: string) => {
      queries += 1;
      return Promise.resolve({ orderNo, status: queryStatus, rawStatus: queryStatus, amount: toFen(500) });
    },
    parseNotification: () => notified,
    acknowledge: () => ({ statusCode: 200, headers: {}, body: 'success' }),
  } as unknown as PaymentGateway;

  beforeEach(() => {
    local = new LocalDatabase();
    db = new CountingDatabase(local);
    ctx = createOrderContext(db, gateway, { shopName: 'S', orderExpiryMs: 60_000, createWaitMs: 0, createLeaseMs: 60_000, statusQueryIntervalMs: 0 });
    setLogSink(() => {});
    beforeCreateCall = undefined;
    queries = 0;
    queryStatus = 'PAID';
  });
  afterEach(() => local.close());

  const pay = async () => {
    const answer = await createPayment(ctx, { openid: 'o', appId: 'wx', requestId: `r-${Math.random()}`, cart, method: { kind: 'jsapi' } });
    return answer;
  };
  const deliver = () => handleNotification(ctx, { headers: {}, body: Buffer.from('n') });
  /** The same delivery reaching another instance (another cold start: its own configured provider, its own context): a repeat, recorded in 1. */
  const repeatOnAnotherInstance = async () => {
    ctx = createOrderContext(db, { ...gateway }, ctx.settings);
    db.reset();
    expect(await deliver()).toEqual({ ack: true, outcome: 'duplicate' });
    expect(db.count).toBeLessThanOrEqual(1);
  };
  /** Every delivery about the order, wherever it is recorded: on the order, or in payment_events. */
  const recorded = async (orderNo: string) => {
    const order = (await local.collection(ORDERS).where({ orderNo }).get()).data[0] as unknown as Order;
    const events = (await local.collection(PAYMENT_EVENTS).where({ orderNo, kind: 'notification' }).get()).data as unknown as PaymentEvent[];
    return [...notificationHistory(order), ...events].flatMap((e) => Array.from({ length: e.deliveries ?? 1 }, () => e.outcome)).sort();
  };

  const operations = () => db.operations.map((op) => `${op.collection}.${op.kind}`);

  it('pay create: the claim before the provider call, then the pay params with the record of the call, in one write', async () => {
    db.reset();
    const answer = await pay();
    expect(answer).toMatchObject({ status: 'PAYING', payment: PARAMS });
    expect(beforeCreateCall).toBe(1);
    expect(operations()).toEqual(['orders.add', 'orders.update']);
    const order = (await local.collection(ORDERS).where({ orderNo: answer.orderNo }).get()).data[0] as unknown as Order;
    expect(order.providerCreates).toEqual([{ orderNo: answer.orderNo, at: expect.any(Number) }]);
  });

  it('a checkout as the pay function makes it on a new instance: the catalog read and the claim before the provider call, 3 in all', async () => {
    db.reset();
    const price = async () => {
      await db.collection('products').where({}).get();
      return cart;
    };
    const answer = await checkout(ctx, { openid: 'o', appId: 'wx', requestId: 'r-checkout', items: [{ skuId: 'tea', quantity: 1 }], method: { kind: 'jsapi' } }, price);
    expect(answer).toMatchObject({ status: 'PAYING' });
    expect(operations().slice(0, beforeCreateCall)).toEqual(['products.get', 'orders.add']);
    expect(db.count).toBe(3);
    // A retried checkout (same requestId) answers the kept pay params without a provider call.
    beforeCreateCall = undefined;
    expect(await checkout(ctx, { openid: 'o', appId: 'wx', requestId: 'r-checkout', items: [{ skuId: 'tea', quantity: 1 }], method: { kind: 'jsapi' } }, price)).toEqual(answer);
    expect(beforeCreateCall).toBeUndefined();
  });

  it('a checkout on a warm instance prices from the products it read: the claim alone before the provider call, 2 in all', async () => {
    await new CatalogRepository(local).upsert([{ skuId: 'tea', name: 'Tea', unitPrice: toFen(500), available: true, maxPerOrder: 9, sort: 0 }]);
    const products = new CatalogCache(30_000);
    const catalog = new CatalogRepository(db);
    const price = async (items: readonly CartItem[]) => priceCart(items, await products.findMany(catalog, items.map((item) => item.skuId)));
    const items = [{ skuId: 'tea', quantity: 1 }];
    await checkout(ctx, { openid: 'o', appId: 'wx', requestId: 'r-cold', items, method: { kind: 'jsapi' } }, price);
    db.reset();
    const answer = await checkout(ctx, { openid: 'o', appId: 'wx', requestId: 'r-warm', items, method: { kind: 'jsapi' } }, price);
    expect(answer).toMatchObject({ status: 'PAYING', amount: 500 });
    expect(operations()).toEqual(['orders.add', 'orders.update']);
    expect(beforeCreateCall).toBe(1);
  });

  it("a shopper's status check of a pending order: the read, the poll claim, the answer's record", async () => {
    const { orderNo } = await pay();
    queryStatus = 'PENDING';
    db.reset();
    const order = await ctx.repo.findOwn('o', orderNo);
    if (!order) throw new Error('no order');
    expect(await refreshOrder(ctx, order, { throttled: true })).toMatchObject({ status: 'PAYING' });
    expect(queries).toBe(1);
    expect(db.count).toBeLessThanOrEqual(3);
  });

  it('a signed notification: at most 2 when applied; a repeated delivery is recorded in 1, on any instance', async () => {
    const { orderNo } = await pay();
    notified = { kind: 'verified', state: { orderNo, status: 'PAID', rawStatus: 'PAY_SUC', amount: toFen(500) } };
    db.reset();
    expect(await deliver()).toEqual({ ack: true, outcome: 'applied' });
    expect(db.count).toBeLessThanOrEqual(2);
    db.reset();
    expect(await deliver()).toEqual({ ack: true, outcome: 'duplicate' });
    expect(db.count).toBeLessThanOrEqual(1);
    await repeatOnAnotherInstance();
    const order = (await local.collection(ORDERS).where({ orderNo }).get()).data[0] as unknown as Order;
    expect(order).toMatchObject({ status: 'PAID', paidOrderNo: orderNo, notifications: [{ outcome: 'applied', via: 'signed_notification', amount: toFen(500) }] });
    expect(await recorded(orderNo)).toEqual(['applied', 'duplicate', 'duplicate']);
  });

  it('a report that differs from what the paid order says is not counted as a repeat: judged and recorded apart', async () => {
    const { orderNo } = await pay();
    notified = { kind: 'verified', state: { orderNo, status: 'PAID', rawStatus: 'PAY_SUC', amount: toFen(500) } };
    expect(await deliver()).toEqual({ ack: true, outcome: 'applied' });
    notified = { kind: 'verified', state: { orderNo, status: 'PAID', rawStatus: 'PAY_SUC', amount: toFen(501) } };
    expect(await deliver()).toEqual({ ack: true, outcome: 'amount_mismatch' });
    expect(await recorded(orderNo)).toEqual(['amount_mismatch', 'applied']);
  });

  it('concurrent deliveries of one notification: applied once, every delivery recorded', async () => {
    const { orderNo } = await pay();
    notified = { kind: 'verified', state: { orderNo, status: 'PAID', rawStatus: 'PAY_SUC', amount: toFen(500) } };
    const results = await Promise.all(Array.from({ length: 8 }, () => deliver()));
    expect(results.filter((r) => r.ack && r.outcome === 'applied')).toHaveLength(1);
    expect(results.every((r) => r.ack)).toBe(true);
    expect(await recorded(orderNo)).toEqual(['applied', ...Array.from({ length: 7 }, () => 'duplicate')]);
  });

  it('a QuickPay hint: applied in 2 besides its query; about an order already paid, recorded in 1 without a query, on any instance', async () => {
    const { orderNo } = await pay();
    notified = { kind: 'hint', orderNo };
    db.reset();
    expect(await deliver()).toEqual({ ack: true, outcome: 'applied' });
    expect(db.count).toBeLessThanOrEqual(2);
    expect(queries).toBe(1);
    db.reset();
    expect(await deliver()).toEqual({ ack: true, outcome: 'duplicate' });
    expect(db.count).toBeLessThanOrEqual(1);
    await repeatOnAnotherInstance();
    expect(queries).toBe(1);
    expect(await recorded(orderNo)).toEqual(['applied', 'duplicate', 'duplicate']);
  });
});
