/**
 * "Is it paid?" The database answers for settled orders; for an order whose payment may still be
 * live we ask the provider, record the answer and apply it (the same checks as a notification).
 */
import { createLogger } from '../platform/log';
import type { OrderContext } from './context';
import type { Order } from './model';
import { queryProvider } from './provider-calls';
import { settle, targetStatus } from './settlement';
import { PAYMENT_PENDING } from './states';

const log = createLogger('orders.status');

/**
 * `throttled`: a shopper's poll (the client asks every second or two while it waits) asks the
 * provider at most once per `statusQueryIntervalMs` per order; the others answer from the database,
 * which a notification or that one query keeps current. Reconcile asks every time.
 */
export async function refreshOrder(ctx: OrderContext, order: Order, options: { throttled?: boolean } = {}): Promise<Order> {
  if (!PAYMENT_PENDING.includes(order.status)) return order;
  // The create call is still out: its own answer will settle it (after the lease, ask the provider).
  if (order.status === 'PAYING' && !order.payment && order.updatedAt + ctx.settings.createLeaseMs > ctx.now()) return order;
  if (options.throttled && !(await ctx.repo.claimStatusQuery(order._id, ctx.settings.statusQueryIntervalMs))) return order;
  try {
    // The answer is recorded once, with what it did to the order (settle).
    const found = await queryProvider(ctx, order, { recordAnswer: false });
    if (!found.found) return order;
    await settle(ctx, order, found.state, 'query');
    // Still pending at the provider: nothing moved, what we read is the answer (no second read).
    if (targetStatus(found.state.status) === null) return order;
  } catch (err) {
    // The provider being unreachable does not make our own answer wrong: report what we know.
    log.warn('status query failed; answering from the database', { orderNo: order.orderNo, error: err });
    return order;
  }
  return (await ctx.repo.findById(order._id)) ?? order;
}
