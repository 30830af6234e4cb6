/**
 * Retired order numbers: a create whose answer was lost may land at the provider after we gave up
 * on it and retried under a new number. Reconcile closes every retired number the provider may
 * still hold open, until the provider confirms it closed, or proves it never existed — a "not
 * found" counts only once the lost create can no longer land (twice the call deadline). A payment
 * found on one is settled: the order's payment if it had none, otherwise a double payment (refunded).
 * Orders stored before retired numbers were recorded have their previous numbers adopted as open.
 */
import { AppError } from '../platform/errors';
import { createLogger } from '../platform/log';
import { lateAnswerWindowMs, type OrderContext } from './context';
import type { Order, RetiredOrderNo } from './model';
import { closeAtProvider, queryProvider, type QueryAnswer } from './provider-calls';
import { provesPayment, settle } from './settlement';

const log = createLogger('orders.retired');

export type RetiredOutcome = 'closed' | 'paid' | 'open';

/** Every open retired number of the order, one after the other; how many the provider confirmed closed or paid. */
export async function closeRetiredNumbers(ctx: OrderContext, order: Order): Promise<RetiredOutcome[]> {
  const outcomes: RetiredOutcome[] = [];
  for (const [index, retired] of (order.retiredOrderNos ?? []).entries()) {
    if (retired.open) outcomes.push(await closeRetired(ctx, order, index, retired));
  }
  return outcomes;
}

/**
 * An order stored before retired numbers were recorded (`previousOrderNos` only): its previous
 * numbers are adopted as retired and open, then closed like any other.
 */
export async function closeLegacyNumbers(ctx: OrderContext, order: Order): Promise<RetiredOutcome[]> {
  const retiredOrderNos = await ctx.repo.adoptLegacyRetired(order);
  return retiredOrderNos ? closeRetiredNumbers(ctx, { ...order, retiredOrderNos }) : [];
}

async function closeRetired(ctx: OrderContext, order: Order, index: number, retired: RetiredOrderNo): Promise<RetiredOutcome> {
  const ref = { _id: order._id, orderNo: retired.orderNo };
  // A provider that refuses the query outright (QuickPay has no documented "not found") has nothing under that number.
  const found: QueryAnswer | undefined = await queryProvider(ctx, ref).catch((err: unknown) => {
    if (err instanceof AppError && err.code === 'PROVIDER_REJECTED') return undefined;
    throw err;
  });
  if (!found?.found) {
    if (ctx.now() < retired.retiredAt + lateAnswerWindowMs(ctx.settings)) return 'open';
    await ctx.repo.closeRetired(order._id, index, retired.orderNo);
    return 'closed';
  }
  const { state } = found;
  if (provesPayment(state.status)) {
    const outcome = await settle(ctx, order, state, 'query');
    if (outcome === 'amount_mismatch' || outcome === 'merchant_mismatch') return 'open';
    await ctx.repo.closeRetired(order._id, index, retired.orderNo);
    return 'paid';
  }
  if (state.status === 'PENDING' || state.status === 'UNKNOWN') {
    await closeAtProvider(ctx, ref, false);
    log.info('closed a retired order number at the provider', { orderNo: order.orderNo, retired: retired.orderNo });
  }
  await ctx.repo.closeRetired(order._id, index, retired.orderNo);
  return 'closed';
}
