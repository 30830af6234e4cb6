/**
 * What a shopper is shown of an order: the stored order with its shopper status (api/statuses.ts):
 * an unpaid order whose time is up reads EXPIRED at once, before reconcile closes it. Reading
 * changes nothing: the provider order is closed by reconcile (or the shopper's cancel), and a
 * payment the provider proves later still makes the order PAID (CLOSED → PAID).
 */
import { shopperStatus } from '../../api/statuses';
import type { OrderView } from '../../api/views';
import { methodOf, toView, type Order } from '../orders/model';
import { sumFen, type Fen } from '../platform/money';

export function shopperView(order: Order, now: number): OrderView {
  return { ...toView(order), status: shopperStatus(order, now), refundingAmount: refundingAmount(order), method: methodOf(order).kind };
}

/**
 * The order's refunds still under way (PENDING): what 退款中 shows before refundedAmount moves. A
 * double payment's refund is the shopper's second payment returned, not a refund of this order: not counted.
 */
export function refundingAmount(order: Pick<Order, 'refunds'>): Fen {
  return sumFen((order.refunds ?? []).filter((entry) => entry.status === 'PENDING').map((entry) => entry.amount));
}
