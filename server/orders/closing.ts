/**
 * Ending an unpaid order: by the shopper (cancel) or because it expired (reconcile). A provider
 * order that may exist is closed at the provider first, and only then here, after a query has
 * made sure it was not paid in the meantime: a closed order is never one the shopper paid. An
 * UNKNOWN order the provider does not have (yet) keeps its number watched by reconcile (retired,
 * open) until its lost create can no longer land, as when it is retried (retired.ts).
 */
import { AppError } from '../platform/errors';
import type { OrderContext } from './context';
import type { Order } from './model';
import { createCallGone, markCreateUnknown } from './payments';
import { closeAtProvider, queryProvider } from './provider-calls';
import { settle } from './settlement';
import { wasPaid } from './states';

export type CloseResult = 'closed' | 'paid' | 'already_closed' | 'failed';

/** The provider may hold an order for these numbers (current and any still open after a retry). */
function mayExistAtProvider(order: Order): boolean {
  return order.status === 'PAYING' || order.status === 'UNKNOWN';
}

export async function closeOrder(ctx: OrderContext, given: Order): Promise<CloseResult> {
  // A create call gone without an answer (its caller died): the provider may or may not have the order.
  const order = createCallGone(ctx, given) ? await markCreateUnknown(ctx, given) : given;
  if (wasPaid(order.status)) return 'paid';
  if (order.status === 'CLOSED') return 'already_closed';
  if (order.status === 'FAILED') return 'failed';
  if (order.status === 'PAYING' && !order.payment && order.updatedAt + ctx.settings.createLeaseMs > ctx.now()) {
    throw new AppError('CONFLICT', 'the payment is still being prepared; try again in a moment', true);
  }
  // An UNKNOWN create the provider does not have (yet) may still land: reconcile watches the number.
  let mayStillLand = false;
  if (mayExistAtProvider(order)) {
    // An UNKNOWN order may not exist at the provider at all: a refused query then means "nothing there".
    const found = await queryProvider(ctx, order).catch((err: unknown) => {
      if (order.status === 'UNKNOWN' && err instanceof AppError && err.code === 'PROVIDER_REJECTED') return undefined;
      throw err;
    });
    if (found?.found) {
      const outcome = await settle(ctx, order, found.state, 'query');
      const current = await ctx.repo.findById(order._id);
      if (current && wasPaid(current.status)) return 'paid';
      if (current?.status === 'CLOSED') return outcome === 'applied' ? 'closed' : 'already_closed';
      if (current?.status === 'FAILED') return 'failed';
      await closeAtProvider(ctx, order, false);
    } else if (order.status === 'UNKNOWN') {
      await closeAtProvider(ctx, order, true);
      mayStillLand = true;
    }
  }
  // Only from the status it was read in: a CREATED order claimed for a create call since (PAYING) may
  // have a provider order by now, which this close did not close.
  const set = { closedAt: ctx.now(), ...(mayStillLand ? ctx.repo.watchCurrentNumber(order) : {}) };
  const moved = await ctx.repo.transition(order._id, { to: 'CLOSED', by: 'close', from: [order.status], where: { orderNo: order.orderNo }, set });
  if (moved) return 'closed';
  const current = await ctx.repo.findById(order._id);
  if (!current) throw new AppError('INTERNAL', 'order vanished');
  if (current.orderNo !== order.orderNo || current.status !== order.status) return closeOrder(ctx, current);
  return wasPaid(current.status) ? 'paid' : 'already_closed';
}
