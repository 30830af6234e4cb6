import { LocalDatabase } from '../../../sandbox/cloud/database';
import type { PaymentGateway, ProviderOrderState } from '../../../server/gateways/contract';
import { toFen, type Fen } from '../../../server/platform/money';
import { setLogSink } from '../../../server/platform/log';
import { createOrderContext, type OrderContext } from '../../../server/orders/context';
import { ORDERS, type Order } from '../../../server/orders/model';
import { settle } from '../../../server/orders/settlement';

// Settlement never calls the provider: a gateway that would fail loudly if it did.
const gateway = new Proxy({ name: 'quickpay', orderNoPrefix: '' } as PaymentGateway, {
  get: (target, key) => (key in target ? target[key as keyof PaymentGateway] : () => Promise.reject(new Error(`unexpected call ${String(key)}`))),
});

function order(overrides: Partial<Order> = {}): Order {
  return {
    _id: 'o1',
    orderNo: 'N1',
    previousOrderNos: ['N0'],
    openid: 'o',
    appId: 'wx',
    requestId: 'r',
    provider: 'quickpay',
    lines: [],
    amount: 500 as Fen,
    description: 'd',
    status: 'PAYING',
    attemptId: 'a',
    payment: null,
    createdAt: 1,
    updatedAt: 1,
    expiresAt: Date.now() + 60_000,
    refundedAmount: 0 as Fen,
    refunds: [],
    ...overrides,
  };
}

const paid = (amount = 500, orderNo = 'N1'): ProviderOrderState => ({ orderNo, status: 'PAID', rawStatus: 'SUCCESS', amount: toFen(amount), merchantId: 'STORE1' });

describe('settlement', () => {
  let db: LocalDatabase;
  let ctx: OrderContext;
  const logs: string[] = [];
  beforeEach(async () => {
    db = new LocalDatabase();
    ctx = createOrderContext(db, gateway, { shopName: 'S', orderExpiryMs: 60_000, merchantId: 'STORE1', createWaitMs: 0, createLeaseMs: 60_000, statusQueryIntervalMs: 3_000 });
    setLogSink((line) => logs.push(line));
    await db.collection(ORDERS).add({ data: { ...order() } });
  });
  afterEach(() => db.close());
  const stored = async () => (await db.collection(ORDERS).doc('o1').get()).data as unknown as Order;

  it('moves the order once when the same payment is applied concurrently', async () => {
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => settle(ctx, order(), paid(), 'signed_notification')));
    expect(outcomes.filter((o) => o === 'applied')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'duplicate')).toHaveLength(9);
    expect((await stored()).status).toBe('PAID');
  });

  it('does not mark paid for another amount, or with no amount, or for another merchant', async () => {
    expect(await settle(ctx, order(), paid(501), 'query')).toBe('amount_mismatch');
    expect(await settle(ctx, order(), { ...paid(), amount: undefined }, 'query')).toBe('amount_mismatch');
    expect(await settle(ctx, order(), { ...paid(), merchantId: 'OTHER' }, 'query')).toBe('merchant_mismatch');
    expect((await stored()).status).toBe('PAYING');
    expect(logs.some((l) => l.includes('ALERT amount mismatch'))).toBe(true);
    const events = (await db.collection('payment_events').where({}).get()).data.map((e) => String(e.outcome));
    expect(events.sort()).toEqual(['amount_mismatch', 'amount_mismatch', 'merchant_mismatch']);
  });

  it('leaves pending answers alone and lets a retired order number prove a payment only', async () => {
    expect(await settle(ctx, order(), { orderNo: 'N1', status: 'PENDING', rawStatus: 'PAYING', amount: toFen(500) }, 'query')).toBe('ignored');
    expect(await settle(ctx, order(), { orderNo: 'N0', status: 'CLOSED', rawStatus: 'CLOSED', amount: toFen(500) }, 'query')).toBe('ignored');
    expect((await stored()).status).toBe('PAYING');
    expect(await settle(ctx, order(), paid(500, 'N0'), 'query')).toBe('applied');
    expect((await stored()).status).toBe('PAID');
  });

  it('makes an order closed here PAID when the provider proves it was paid after all, so the money can be refunded', async () => {
    await db.collection(ORDERS).doc('o1').update({ data: { status: 'CLOSED', closedAt: 5 } });
    const late = () => settle(ctx, order({ status: 'CLOSED' }), paid(), 'signed_notification');
    expect(await late()).toBe('paid_after_close');
    expect(await stored()).toMatchObject({ status: 'PAID', paidAt: expect.any(Number) });
    expect(await late()).toBe('duplicate');
    expect(logs.some((l) => l.includes('ALERT paid after it was closed'))).toBe(true);
    const events = (await db.collection('payment_events').where({}).get()).data.map((e) => String(e.outcome));
    expect(events.sort()).toEqual(['duplicate', 'paid_after_close']);
    // Only a proven payment reopens it: another amount does not.
    await db.collection(ORDERS).doc('o1').update({ data: { status: 'CLOSED' } });
    expect(await settle(ctx, order({ status: 'CLOSED' }), paid(499), 'signed_notification')).toBe('amount_mismatch');
    expect((await stored()).status).toBe('CLOSED');
  });

  it('does not close the order on a report about a number it was retired from meanwhile', async () => {
    // Read while the order still had N0; by the time the report is applied it is paying under N1.
    const stale = order({ orderNo: 'N0', previousOrderNos: [] });
    expect(await settle(ctx, stale, { orderNo: 'N0', status: 'CLOSED', rawStatus: 'CLOSED', amount: toFen(500) }, 'signed_notification')).toBe('ignored');
    expect((await stored()).status).toBe('PAYING');
  });

  it('never lets a late "paid" undo a refund in progress', async () => {
    await db.collection(ORDERS).doc('o1').update({ data: { status: 'REFUNDING' } });
    expect(await settle(ctx, order({ status: 'REFUNDING' }), paid(), 'signed_notification')).toBe('ignored');
    expect((await stored()).status).toBe('REFUNDING');
  });
});
