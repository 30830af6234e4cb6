/**
 * The order state machine, as data: the one table of every move an order can make, and who makes
 * it. Every status change in the repository is a compare-and-set from `allowedFrom(target, by)` to
 * `target`; no other module keeps a list of moves of its own.
 *
 *   create:   CREATED → PAYING (our create call is claimed) → UNKNOWN (its outcome was lost) |
 *             FAILED (refused for good) | CREATED (nothing was created: retry); UNKNOWN → CREATED
 *             (the provider holds nothing payable: retry under a new order number)
 *   close:    CREATED | PAYING | UNKNOWN → CLOSED (the shopper cancelled, or it expired)
 *   provider: what the provider proves, from a notification or a query. Unpaid → PAID | CLOSED |
 *             FAILED; an unpaid order the provider reports refunded (in full or in part) → REFUNDED |
 *             PARTIALLY_REFUNDED (refunded proves paid: the money came, then went back outside our
 *             refund flow); a payment also after we closed or failed it (the money is real):
 *             CLOSED | FAILED → PAID, or → REFUNDED | PARTIALLY_REFUNDED when the provider reports
 *             it refunded since; a paid order refunded outside our refund flow → REFUNDED |
 *             PARTIALLY_REFUNDED
 *   refund:   PAID | PARTIALLY_REFUNDED → REFUNDING → REFUNDED | PARTIALLY_REFUNDED | back (refused)
 * REFUNDED is the only end: every other status has a way out (test/unit/orders/state-walk.test.ts).
 */
import { ORDER_STATUSES, type OrderStatus } from '../../api/statuses';

// The statuses are defined once in api/statuses.ts (the client shows them too).
export { ORDER_STATUSES, type OrderStatus };

/** Who makes a move: our create call, our close, a provider's report, our refund call. */
export type MoveCause = 'create' | 'close' | 'provider' | 'refund';

export interface Move {
  from: OrderStatus;
  to: OrderStatus;
  by: MoveCause;
}

/** Not paid, and not ended: a payment may still come. */
export const UNPAID_STATUSES: readonly OrderStatus[] = ['CREATED', 'PAYING', 'UNKNOWN'];
const UNPAID = UNPAID_STATUSES;

function moves(by: MoveCause, from: readonly OrderStatus[], to: readonly OrderStatus[]): Move[] {
  return from.flatMap((f) => to.map((t) => ({ from: f, to: t, by })));
}

export const MOVES: readonly Move[] = [
  ...moves('create', ['CREATED'], ['PAYING']),
  ...moves('create', ['PAYING'], ['UNKNOWN', 'FAILED', 'CREATED']),
  ...moves('create', ['UNKNOWN'], ['CREATED']),
  ...moves('close', UNPAID, ['CLOSED']),
  ...moves('provider', UNPAID, ['PAID', 'CLOSED', 'FAILED', 'REFUNDED', 'PARTIALLY_REFUNDED']),
  ...moves('provider', ['CLOSED', 'FAILED'], ['PAID', 'REFUNDED', 'PARTIALLY_REFUNDED']),
  ...moves('provider', ['PAID'], ['REFUNDED', 'PARTIALLY_REFUNDED']),
  ...moves('provider', ['PARTIALLY_REFUNDED'], ['REFUNDED']),
  ...moves('refund', ['PAID', 'PARTIALLY_REFUNDED'], ['REFUNDING']),
  ...moves('refund', ['REFUNDING'], ['REFUNDED', 'PARTIALLY_REFUNDED', 'PAID']),
];

/** The table by source status (derived from MOVES). */
export const TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = Object.fromEntries(
  ORDER_STATUSES.map((from) => [from, [...new Set(MOVES.filter((m) => m.from === from).map((m) => m.to))]]),
) as Record<OrderStatus, OrderStatus[]>;

export function canTransition(from: OrderStatus, to: OrderStatus, by?: MoveCause): boolean {
  return MOVES.some((m) => m.from === from && m.to === to && (by === undefined || m.by === by));
}

/** `allowedFrom`'s answers, each worked out from MOVES on first use (a notification asks several times). */
const ALLOWED_FROM = new Map<string, readonly OrderStatus[]>();

/** The statuses an order may be in for a move to `target` (by `by`, when given): the condition of the compare-and-set. */
export function allowedFrom(target: OrderStatus, by?: MoveCause): OrderStatus[] {
  const key = `${target}/${by ?? ''}`;
  let allowed = ALLOWED_FROM.get(key);
  if (!allowed) ALLOWED_FROM.set(key, (allowed = ORDER_STATUSES.filter((from) => canTransition(from, target, by))));
  return [...allowed];
}

/** The provider may hold a live order for these: ask it (status, reconcile). */
export const PAYMENT_PENDING: readonly OrderStatus[] = ['PAYING', 'UNKNOWN'];

/** The money was received at some point (refunds may have followed). */
export function wasPaid(status: OrderStatus): boolean {
  return status === 'PAID' || status === 'REFUNDING' || status === 'PARTIALLY_REFUNDED' || status === 'REFUNDED';
}
