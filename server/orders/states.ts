/**
 * The order state machine, as data. Every status change in the repository is a compare-and-set
 * from one of `allowedFrom(target)` to `target`, so the table below is the whole truth of which
 * moves exist.
 *
 *   CREATED  → PAYING (the provider order is being / has been created)
 *   PAYING   → PAID | CLOSED | FAILED | UNKNOWN (create outcome unknown) | CREATED (nothing was created: retry)
 *   UNKNOWN  → PAID | CLOSED | FAILED | CREATED (the provider holds nothing payable: retry with a new order number)
 *   PAID     → REFUNDING → REFUNDED | PARTIALLY_REFUNDED | back (the refund failed)
 *   CREATED  → CLOSED | FAILED, and PAID directly (a verified payment that raced our create call)
 *   CLOSED   → PAID only: the provider proves a payment that raced our close (the money is real)
 */
import { ORDER_STATUSES, type OrderStatus } from '../../api/statuses';

// The statuses are defined once in api/statuses.ts (the client shows them too).
export { ORDER_STATUSES, type OrderStatus };

export const TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  CREATED: ['PAYING', 'PAID', 'CLOSED', 'FAILED', 'CREATED'],
  PAYING: ['PAID', 'CLOSED', 'FAILED', 'UNKNOWN', 'CREATED'],
  UNKNOWN: ['PAID', 'CLOSED', 'FAILED', 'CREATED'],
  PAID: ['REFUNDING', 'PARTIALLY_REFUNDED', 'REFUNDED'],
  REFUNDING: ['REFUNDED', 'PARTIALLY_REFUNDED', 'PAID'],
  PARTIALLY_REFUNDED: ['REFUNDING', 'REFUNDED'],
  CLOSED: ['PAID'],
  FAILED: [],
  REFUNDED: [],
};

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** The statuses an order may be in for a move to `target`: the condition of the compare-and-set. */
export function allowedFrom(target: OrderStatus): OrderStatus[] {
  return ORDER_STATUSES.filter((from) => canTransition(from, target));
}

/** The provider may hold a live order for these: ask it (status, reconcile). */
export const PAYMENT_PENDING: readonly OrderStatus[] = ['PAYING', 'UNKNOWN'];

/** The money was received at some point (refunds may have followed). */
export function wasPaid(status: OrderStatus): boolean {
  return status === 'PAID' || status === 'REFUNDING' || status === 'PARTIALLY_REFUNDED' || status === 'REFUNDED';
}
