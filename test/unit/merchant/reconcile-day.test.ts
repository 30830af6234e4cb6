import * as v from 'valibot';
import type { ProviderOrderState } from '../../../server/gateways/contract';
import { dayOf, dayRange, DAY } from '../../../server/merchant/days';
import { ADVICE, compare } from '../../../server/merchant/reconcile-day';
import type { Order } from '../../../server/orders/model';
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
