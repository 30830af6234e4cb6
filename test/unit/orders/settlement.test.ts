import { LocalDatabase } from '../../../sandbox/cloud/database';
import type { PaymentGateway, ProviderOrderState } from '../../../server/gateways/contract';
import { toFen } from '../../../server/platform/money';
import { setLogSink } from '../../../server/platform/log';
import { createOrderContext, type OrderContext } from '../../../server/orders/context';
import { ORDERS, type Order } from '../../../server/orders/model';
import { settle } from '../../../server/orders/settlement';
import { storedOrder } from '../../support/orders';

// Settlement never calls the provider: a gateway that would fail loudly if it did.
const gateway = new Proxy({ name: 'quickpay', orderNoPrefix: '' } as PaymentGateway, {
  get: (target, key) => (key in target ? target[key as keyof PaymentGateway] : () => Promise.reject(new Error(`unexpected call ${String(key)}`))),
});

function order(overrides: Partial<Order> = {}): Order {
  return storedOrder({ requestId: 'r', previousOrderNos: ['N0'], ...overrides });
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

  it('accounts for a payment the provider reports refunded (outside our flow) on an order closed or failed here', async () => {
    const paidAt = new Date('2026-12-02T04:00:00Z');
    const refunded = (status: 'REFUNDED' | 'PARTIALLY_REFUNDED', refundedAmount: number, orderNo = 'N1'): ProviderOrderState => ({
      orderNo,
      status,
      rawStatus: status,
      amount: toFen(500),
      merchantId: 'STORE1',
      paidAt,
      refundedAmount: toFen(refundedAmount),
    });
    await db.collection(ORDERS).doc('o1').update({ data: { status: 'CLOSED', closedAt: 5 } });
    const late = () => settle(ctx, order({ status: 'CLOSED' }), refunded('REFUNDED', 500), 'signed_notification');
    expect(await late()).toBe('paid_after_close');
    expect(await stored()).toMatchObject({ status: 'REFUNDED', paidAt: paidAt.getTime(), paidOrderNo: 'N1', refundedAmount: 500 });
    expect(await late()).toBe('duplicate');
    expect(logs.filter((l) => l.includes('ALERT paid after it was closed here, and refunded at the provider'))).toHaveLength(1);

    // FAILED here, refunded in part there: the order carries the payment and what went back.
    await db.collection(ORDERS).doc('o1').update({ data: { status: 'FAILED', refundedAmount: 0, paidAt: db.command.remove(), paidOrderNo: db.command.remove() } });
    expect(await settle(ctx, order({ status: 'FAILED' }), refunded('PARTIALLY_REFUNDED', 200), 'query')).toBe('paid_after_close');
    expect(await stored()).toMatchObject({ status: 'PARTIALLY_REFUNDED', paidAt: paidAt.getTime(), paidOrderNo: 'N1', refundedAmount: 200 });

    // On a retired number of an order closed here: paid on that number.
    await db.collection(ORDERS).doc('o1').update({ data: { status: 'CLOSED', refundedAmount: 0, paidAt: db.command.remove(), paidOrderNo: db.command.remove() } });
    expect(await settle(ctx, order({ status: 'CLOSED' }), refunded('REFUNDED', 500, 'N0'), 'query')).toBe('paid_after_close');
    expect(await stored()).toMatchObject({ status: 'REFUNDED', paidOrderNo: 'N0', refundedAmount: 500 });
  });

  it('refuses a refunded report on a closed order that the PAID path would refuse: amount, merchant, no amount, more refunded than paid', async () => {
    await db.collection(ORDERS).doc('o1').update({ data: { status: 'CLOSED', closedAt: 5 } });
    const report = (extra: Partial<ProviderOrderState>): ProviderOrderState => ({ orderNo: 'N1', status: 'REFUNDED', rawStatus: 'REFUNDED', amount: toFen(500), merchantId: 'STORE1', ...extra });
    expect(await settle(ctx, order({ status: 'CLOSED' }), report({ amount: toFen(499) }), 'query')).toBe('amount_mismatch');
    expect(await settle(ctx, order({ status: 'CLOSED' }), report({ amount: undefined }), 'query')).toBe('amount_mismatch');
    expect(await settle(ctx, order({ status: 'CLOSED' }), report({ merchantId: 'OTHER' }), 'query')).toBe('merchant_mismatch');
    expect(await settle(ctx, order({ status: 'CLOSED' }), report({ status: 'PARTIALLY_REFUNDED', refundedAmount: toFen(501) }), 'query')).toBe('amount_mismatch');
    expect(await stored()).toMatchObject({ status: 'CLOSED', refundedAmount: 0 });
    expect((await stored()).paidAt).toBeUndefined();
  });

  it('records a double payment the provider reports refunded already as refunded, and one refunded in part with only the rest to refund', async () => {
    await db.collection(ORDERS).doc('o1').update({ data: { status: 'PAID', paidAt: 5, paidOrderNo: 'N1', previousOrderNos: ['N0', 'M0'] } });
    const paidOnN1 = order({ status: 'PAID', paidAt: 5, paidOrderNo: 'N1', previousOrderNos: ['N0', 'M0'] });
    const report = (orderNo: string, status: 'REFUNDED' | 'PARTIALLY_REFUNDED', refundedAmount?: number): ProviderOrderState => ({
      orderNo,
      status,
      rawStatus: status,
      amount: toFen(500),
      merchantId: 'STORE1',
      ...(refundedAmount !== undefined ? { refundedAmount: toFen(refundedAmount) } : {}),
    });
    expect(await settle(ctx, paidOnN1, report('N0', 'REFUNDED'), 'query')).toBe('double_payment');
    expect(await settle(ctx, await stored(), report('M0', 'PARTIALLY_REFUNDED', 200), 'query')).toBe('double_payment');
    const after = await stored();
    expect(after).toMatchObject({ status: 'PAID', refundedAmount: 0 });
    expect(after.doublePayments).toEqual([
      expect.objectContaining({ orderNo: 'N0', amount: 500, refundedAtProvider: 500, refund: expect.objectContaining({ refundNo: 'N0', status: 'SUCCEEDED', amount: 500 }) }),
      expect.objectContaining({ orderNo: 'M0', amount: 500, refundedAtProvider: 200, refund: expect.objectContaining({ refundNo: 'M0', status: 'PENDING', amount: 300 }) }),
    ]);
    expect(logs.some((l) => l.includes('ALERT double payment') && l.includes('refunded already'))).toBe(true);
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
