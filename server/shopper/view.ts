/**
 * What a shopper is shown of an order: the stored order with its shopper status (api/statuses.ts):
 * an unpaid order whose time is up reads EXPIRED at once, before reconcile closes it. Reading
 * changes nothing: the provider order is closed by reconcile (or the shopper's cancel), and a
 * payment the provider proves later still makes the order PAID (CLOSED → PAID).
 */
import { shopperStatus } from '../../api/statuses';
import type { OrderView } from '../../api/views';
import { toView, type Order } from '../orders/model';

export function shopperView(order: Order, now: number): OrderView {
  return { ...toView(order), status: shopperStatus(order, now) };
}
