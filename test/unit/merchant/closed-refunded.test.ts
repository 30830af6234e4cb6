/**
 * An order closed here that the provider reports paid and refunded since (outside our refund
 * flow): the day's reconciliation tells the merchant to bring it in, the sync does, and the day's
 * summary then counts both the payment and what went back of it.
 */
import { LocalDatabase } from '../../../sandbox/cloud/database';
import { GatewayError, type PaymentGateway, type ProviderOrderState } from '../../../server/gateways/contract';
import { reconcileDay, syncOrder } from '../../../server/merchant/reconcile-day';
import { MerchantRepository } from '../../../server/merchant/repository';
import { daySummary } from '../../../server/merchant/summary';
import { createOrderContext } from '../../../server/orders/context';
import { ORDERS, type Order } from '../../../server/orders/model';
import { setLogSink } from '../../../server/platform/log';
import type { Fen } from '../../../server/platform/money';
import { storedOrder } from '../../support/orders';

const DAY = '2026-12-02';
const AT = Date.parse('2026-12-02T04:00:00Z');
const fen = (n: number) => n as Fen;

function stored(id: string, orderNo: string, extra: Partial<Order>): Order {
  return storedOrder({
    _id: id,
    orderNo,
    requestId: id,
    provider: 'tencent',
    amount: fen(1000),
    status: 'CLOSED',
    createdAt: AT,
    updatedAt: AT,
    expiresAt: AT + 1_800_000,
    closedAt: AT + 1_800_000,
    ...extra,
  });
}

describe('an order closed here, paid and refunded at the provider', () => {
  let db: LocalDatabase;
  beforeEach(() => {
    db = new LocalDatabase();
    setLogSink(() => {});
  });
  afterEach(() => db.close());

  it('is listed, brought in by the sync, then agrees, and the summary counts its payment and what went back', async () => {
    await db.collection(ORDERS).add({ data: { ...stored('o1', 'N1', {}) } });
    await db.collection(ORDERS).add({ data: { ...stored('o2', 'N2', {}) } });
    // o3: paid here, 300 refunded through our flow that day.
    const ours = { refundNo: 'R3', amount: fen(300), status: 'SUCCEEDED' as const, requestedAt: AT + 60_000, settledAt: AT + 60_000, callingUntil: 0 };
    await db.collection(ORDERS).add({ data: { ...stored('o3', 'N3', { status: 'PARTIALLY_REFUNDED', closedAt: undefined, paidAt: AT, paidOrderNo: 'N3', refundedAmount: fen(300), refunds: [ours] }) } });
    const paidAt = new Date(AT + 120_000);
    const books: Record<string, ProviderOrderState> = {
      N1: { orderNo: 'N1', status: 'REFUNDED', rawStatus: '4', amount: fen(1000), refundedAmount: fen(1000), paidAt },
      N2: { orderNo: 'N2', status: 'PARTIALLY_REFUNDED', rawStatus: '4', amount: fen(1000), refundedAmount: fen(400), paidAt },
      N3: { orderNo: 'N3', status: 'PARTIALLY_REFUNDED', rawStatus: '4', amount: fen(1000), refundedAmount: fen(300), paidAt: new Date(AT) },
    };
    const gateway = new Proxy({ name: 'tencent', orderNoPrefix: '' } as PaymentGateway, {
      get: (target, key) => {
        if (key === 'query') return async (orderNo: string) => books[orderNo] ?? Promise.reject(new GatewayError('tencent', 'NOT_FOUND', 'no such order', 'rejected', { retryable: false }));
        return key in target ? target[key as keyof PaymentGateway] : () => Promise.reject(new Error(`unexpected call ${String(key)}`));
      },
    });
    const ctx = createOrderContext(db, gateway, { shopName: 'S', orderExpiryMs: 1_800_000, createWaitMs: 0, createLeaseMs: 60_000, statusQueryIntervalMs: 0 });
    const repo = new MerchantRepository(db);

    const before = await reconcileDay(ctx, repo, DAY);
    expect(before.findings.filter((f) => f.mismatch).map((f) => [f.orderNo, f.mismatch])).toEqual([
      ['N1', 'paid_not_recorded'],
      ['N2', 'paid_not_recorded'],
    ]);
    expect(before.findings[0]?.advice).toContain('已退款');

    const read = async (id: string) => (await db.collection(ORDERS).doc(id).get()).data as unknown as Order;
    expect(await syncOrder(ctx, await read('o1'))).toBe('paid_after_close');
    expect(await syncOrder(ctx, await read('o2'))).toBe('paid_after_close');
    expect(await read('o1')).toMatchObject({ status: 'REFUNDED', paidAt: paidAt.getTime(), refundedAmount: 1000 });
    expect(await read('o2')).toMatchObject({ status: 'PARTIALLY_REFUNDED', paidAt: paidAt.getTime(), refundedAmount: 400 });

    const after = await reconcileDay(ctx, repo, DAY);
    expect(after.mismatches).toBe(0);
    expect(await daySummary(repo, DAY)).toMatchObject({
      paidOrders: 3,
      paid: 3000,
      refunds: 1,
      refunded: 300,
      refundsAtProvider: 2,
      refundedAtProvider: 1400,
      net: 3000 - 300 - 1400,
    });
  });
});
