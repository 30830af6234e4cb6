import * as v from 'valibot';
import { LocalDatabase } from '../../../sandbox/cloud/database';
import { GatewayError, type PaymentGateway, type ProviderOrderState } from '../../../server/gateways/contract';
import { dayOf, dayRange, DAY } from '../../../server/merchant/days';
import { ADVICE, compare, reconcileDay } from '../../../server/merchant/reconcile-day';
import { MerchantRepository } from '../../../server/merchant/repository';
import { createOrderContext } from '../../../server/orders/context';
import { ORDERS, type Order } from '../../../server/orders/model';
import { setLogSink } from '../../../server/platform/log';
import type { Fen } from '../../../server/platform/money';

const order = (status: Order['status'], amount = 1000, refundedAmount = 0) => ({ status, amount, refundedAmount }) as unknown as Order;
const state = (status: ProviderOrderState['status'], extra: Partial<ProviderOrderState> = {}): ProviderOrderState => ({ orderNo: 'A1', status, rawStatus: status, ...extra });
const fen = (n: number) => n as Fen;

describe('compare: our order against the provider’s', () => {
  it.each([
    ['PAYING', state('PAID', { amount: fen(1000) }), 'paid_not_recorded'],
    ['CLOSED', state('PAID', { amount: fen(1000) }), 'paid_not_recorded'],
    ['PAID', state('PENDING'), 'recorded_not_paid'],
    ['PAID', state('CLOSED'), 'recorded_not_paid'],
    ['PAID', state('PAID', { amount: fen(999) }), 'amount_mismatch'],
    ['PARTIALLY_REFUNDED', state('PARTIALLY_REFUNDED', { amount: fen(1000), refundedAmount: fen(300) }), 'refund_mismatch'],
    ['PAYING', state('CLOSED'), 'closed_at_provider'],
    ['UNKNOWN', state('FAILED'), 'closed_at_provider'],
  ] as const)('%s here, %o there → %s', (ours, theirs, kind) => {
    expect(compare(order(ours, 1000, ours === 'PARTIALLY_REFUNDED' ? 500 : 0), theirs)).toBe(kind);
    expect(ADVICE[kind]).toMatch(/[\u4e00-\u9fff]/);
  });

  it.each([
    ['PAID', state('PAID', { amount: fen(1000) })],
    ['PAYING', state('PENDING')],
    ['CLOSED', state('CLOSED')],
    ['PAID', state('UNKNOWN')],
    ['REFUNDED', state('REFUNDED', { amount: fen(1000), refundedAmount: fen(1000) })],
  ] as const)('%s here and %o there agree', (ours, theirs) => {
    expect(compare(order(ours, 1000, ours === 'REFUNDED' ? 1000 : 0), theirs)).toBeUndefined();
  });
});

describe('a merchant’s day is a day in China time', () => {
  it('starts at 16:00 UTC the day before and lasts 24 hours', () => {
    expect(dayRange('2026-12-02')).toEqual({ start: Date.parse('2026-12-01T16:00:00Z'), end: Date.parse('2026-12-02T16:00:00Z') });
    expect(dayOf(Date.parse('2026-12-01T16:00:00Z'))).toBe('2026-12-02');
    expect(dayOf(Date.parse('2026-12-01T15:59:59Z'))).toBe('2026-12-01');
  });

  it('refuses dates that do not exist', () => {
    expect(v.safeParse(DAY, '2026-02-29').success).toBe(false);
    expect(v.safeParse(DAY, '2028-02-29').success).toBe(true);
    expect(v.safeParse(DAY, '2026-1-2').success).toBe(false);
  });
});

describe('a day’s reconciliation', () => {
  let db: LocalDatabase;
  beforeEach(() => {
    db = new LocalDatabase();
    setLogSink(() => {});
  });
  afterEach(() => db.close());

  it('asks the provider about the number an order was paid on, not a retired current number', async () => {
    const at = Date.parse('2026-12-02T04:00:00Z');
    // Paid on N1 (a number retired after a lost create answer); N2, its current number, was closed at the provider by reconcile.
    const paidOnRetired: Order = {
      _id: 'o1',
      orderNo: 'N2',
      previousOrderNos: ['N1'],
      retiredOrderNos: [
        { orderNo: 'N1', retiredAt: at, open: false },
        { orderNo: 'N2', retiredAt: at, open: false },
      ],
      paidOrderNo: 'N1',
      openid: 'o',
      appId: 'wx',
      requestId: 'request-1',
      provider: 'tencent',
      lines: [],
      amount: fen(1000),
      description: 'd',
      status: 'PAID',
      attemptId: null,
      payment: null,
      createdAt: at,
      updatedAt: at,
      expiresAt: at + 1_800_000,
      paidAt: at,
      refundedAmount: fen(0),
      refunds: [],
    };
    await db.collection(ORDERS).add({ data: { ...paidOnRetired } });
    const books: Record<string, ProviderOrderState> = {
      N1: state('PAID', { orderNo: 'N1', amount: fen(1000) }),
      N2: state('CLOSED', { orderNo: 'N2', amount: fen(1000) }),
    };
    const gateway = new Proxy({ name: 'tencent', orderNoPrefix: '' } as PaymentGateway, {
      get: (target, key) => {
        if (key === 'query') {
          return async (orderNo: string) => books[orderNo] ?? Promise.reject(new GatewayError('tencent', 'NOT_FOUND', 'no such order', 'rejected', { retryable: false }));
        }
        return key in target ? target[key as keyof PaymentGateway] : () => Promise.reject(new Error(`unexpected call ${String(key)}`));
      },
    });
    const ctx = createOrderContext(db, gateway, { shopName: 'S', orderExpiryMs: 1_800_000, createWaitMs: 0, createLeaseMs: 60_000, statusQueryIntervalMs: 0 });
    const day = await reconcileDay(ctx, new MerchantRepository(db), '2026-12-02');
    expect(day.checked).toBe(1);
    expect(day.findings[0]).toMatchObject({ orderNo: 'N2', status: 'PAID', provider: { status: 'PAID', amount: 1000 } });
    expect(day.mismatches).toBe(0);
  });
});
