/**
 * The timer's sweep: nothing stays pending because a notification never came or a call had no
 * answer.
 * 1. Expired and unpaid → closed at the provider (after a query proves it unpaid) and CLOSED here.
 * 2. PAYING / UNKNOWN untouched for `staleAfterMs` → queried and settled; an UNKNOWN the provider
 *    does not know goes back to CREATED under a new number (the shopper's retry pays it).
 * 3. REFUNDING untouched for `staleAfterMs` → the pending refund is asked again (same number),
 *    once its last call's answer can no longer arrive (see refunds.ts).
 * 4. Retired order numbers the provider may still hold open → closed there, until it confirms
 *    (retired.ts); a payment found on one is settled, a double payment recorded. An order stored
 *    before retired numbers were recorded has its previous numbers taken as retired and open.
 * 5. Double payments not refunded yet → refunded under their own refund number.
 * An order that could not be settled this time has its updatedAt bumped, so the next run starts
 * with others.
 */
import { createLogger } from '../platform/log';
import { closeOrder } from './closing';
import type { OrderContext } from './context';
import type { Order } from './model';
import { createCallGone, markCreateUnknown, resolveUnknown } from './payments';
import { refundDoublePayments, retryPendingRefund } from './refunds';
import { closeLegacyNumbers, closeRetiredNumbers } from './retired';
import { refreshOrder } from './status';

const log = createLogger('orders.reconcile');

export interface ReconcileOptions {
  staleAfterMs: number;
  /** Orders handled per run and kind (a run must finish within the function's time limit). */
  batchSize: number;
}

export interface ReconcileSummary {
  expired: number;
  closed: number;
  checked: number;
  settled: number;
  refundsRetried: number;
  /** Retired numbers the provider confirmed closed (or never had), or proved paid. */
  retiredClosed: number;
  doublePaymentsRefunded: number;
  errors: number;
}

export async function reconcile(ctx: OrderContext, options: ReconcileOptions): Promise<ReconcileSummary> {
  const summary: ReconcileSummary = { expired: 0, closed: 0, checked: 0, settled: 0, refundsRetried: 0, retiredClosed: 0, doublePaymentsRefunded: 0, errors: 0 };
  const now = ctx.now();

  const attempt = async (order: Order, work: () => Promise<void>) => {
    try {
      await work();
    } catch (err) {
      summary.errors++;
      log.warn('reconcile could not settle an order this time', { orderNo: order.orderNo, status: order.status, error: err });
      await ctx.repo.updateIf(order._id, { status: order.status, orderNo: order.orderNo }, { reconciledAt: ctx.now() }).catch(() => false);
    }
  };

  for (const order of await ctx.repo.listExpired(['CREATED', 'PAYING', 'UNKNOWN'], now, options.batchSize)) {
    summary.expired++;
    await attempt(order, async () => {
      const result = await closeOrder(ctx, order);
      if (result === 'closed') summary.closed++;
      if (result === 'paid') summary.settled++;
    });
  }

  for (const order of await ctx.repo.listStale(['PAYING', 'UNKNOWN'], now - options.staleAfterMs, options.batchSize)) {
    summary.checked++;
    await attempt(order, async () => {
      // A create call that died between the claim and its answer (or before sending) leaves PAYING without pay params: unknown.
      const current = createCallGone(ctx, order) ? await markCreateUnknown(ctx, order) : order;
      const after = current.status === 'UNKNOWN' ? await resolveUnknown(ctx, current) : await refreshOrder(ctx, current);
      if (after.status !== order.status) summary.settled++;
      else await ctx.repo.updateIf(order._id, { status: order.status, orderNo: order.orderNo }, { reconciledAt: ctx.now() });
    });
  }

  for (const order of await ctx.repo.listStale(['REFUNDING'], now - options.staleAfterMs, options.batchSize)) {
    summary.refundsRetried++;
    await attempt(order, async () => {
      await retryPendingRefund(ctx, order);
    });
  }

  for (const order of await ctx.repo.listLegacyRetired(options.batchSize)) {
    await attempt(order, async () => {
      summary.retiredClosed += (await closeLegacyNumbers(ctx, order)).filter((outcome) => outcome !== 'open').length;
    });
  }

  for (const order of await ctx.repo.listOpenRetired(options.batchSize)) {
    await attempt(order, async () => {
      summary.retiredClosed += (await closeRetiredNumbers(ctx, order)).filter((outcome) => outcome !== 'open').length;
    });
  }

  for (const order of await ctx.repo.listPendingDoublePayments(options.batchSize)) {
    await attempt(order, async () => {
      summary.doublePaymentsRefunded += (await refundDoublePayments(ctx, order)).filter((answer) => answer.status === 'SUCCEEDED').length;
    });
  }
  if (summary.expired + summary.checked + summary.refundsRetried + summary.retiredClosed + summary.doublePaymentsRefunded > 0) log.info('reconcile run', { ...summary });
  return summary;
}
