/**
 * Applying what the provider says about an order — from a signed notification or from our own
 * query — to our order. Before anything moves: the amount and the merchant must be ours. Then one
 * compare-and-set: duplicates and concurrent deliveries find the order already moved and change
 * nothing. Every application is recorded in payment_events.
 */
import type { ProviderOrderState, ProviderStatus } from '../gateways/contract';
import { createLogger } from '../platform/log';
import type { OrderContext } from './context';
import type { PaymentEvent } from './events';
import type { Order } from './model';
import type { OrderStatus } from './states';

const log = createLogger('orders.settlement');

export type SettleOutcome = 'applied' | 'paid_after_close' | 'duplicate' | 'ignored' | 'amount_mismatch' | 'merchant_mismatch';

/** Which order status a provider status leads to; null = nothing to change (still pending, or our refund flow's business). */
export function targetStatus(status: ProviderStatus): OrderStatus | null {
  switch (status) {
    case 'PAID':
      return 'PAID';
    case 'CLOSED':
      return 'CLOSED';
    case 'FAILED':
      return 'FAILED';
    case 'REFUNDED':
      return 'REFUNDED';
    case 'PARTIALLY_REFUNDED':
      return 'PARTIALLY_REFUNDED';
    case 'PENDING':
    case 'UNKNOWN':
    case 'REFUNDING':
      return null;
  }
}

/**
 * The statuses each provider-driven move starts from: narrower than the table (a late "paid" must
 * not undo a refund). Not from REFUNDING: our refund call owns that order until its answer settles
 * the refund entry; a provider report racing that answer would strand the entry PENDING.
 */
const SETTLE_FROM: Partial<Record<OrderStatus, OrderStatus[]>> = {
  PAID: ['CREATED', 'PAYING', 'UNKNOWN'],
  CLOSED: ['CREATED', 'PAYING', 'UNKNOWN'],
  FAILED: ['CREATED', 'PAYING', 'UNKNOWN'],
  REFUNDED: ['PAID', 'PARTIALLY_REFUNDED'],
  PARTIALLY_REFUNDED: ['PAID'],
};

function fieldsFor(target: OrderStatus, order: Order, state: ProviderOrderState, now: number): Record<string, unknown> {
  switch (target) {
    case 'PAID':
      return { paidAt: state.paidAt ? state.paidAt.getTime() : now };
    case 'CLOSED':
    case 'FAILED':
      return { closedAt: now };
    case 'REFUNDED':
      return { refundedAmount: state.refundedAmount ?? order.amount };
    case 'PARTIALLY_REFUNDED':
      return state.refundedAmount !== undefined ? { refundedAmount: state.refundedAmount } : {};
    default:
      return {};
  }
}

export async function settle(
  ctx: OrderContext,
  order: Order,
  state: ProviderOrderState,
  via: NonNullable<PaymentEvent['via']>,
  record: (event: PaymentEvent) => Promise<void> = (event) => ctx.events.tryRecord(event),
): Promise<SettleOutcome> {
  const base: PaymentEvent = {
    kind: via === 'signed_notification' ? 'notification' : 'query',
    provider: ctx.gateway.name,
    orderNo: state.orderNo,
    orderId: order._id,
    outcome: '',
    providerStatus: state.status,
    rawStatus: state.rawStatus,
    amount: state.amount,
    merchantId: state.merchantId,
    via,
  };
  const target = targetStatus(state.status);
  const paysMoney = target === 'PAID';
  // An amount must match whenever it is given, and must be given before we call anything paid.
  if ((state.amount !== undefined && state.amount !== order.amount) || (paysMoney && state.amount === undefined)) {
    log.error('ALERT amount mismatch: order not changed', { orderNo: order.orderNo, ours: order.amount, provider: state.amount ?? null, status: state.status });
    await record({ ...base, outcome: 'amount_mismatch' });
    return 'amount_mismatch';
  }
  const merchantId = ctx.settings.merchantId;
  if (merchantId !== undefined && state.merchantId !== undefined && state.merchantId !== merchantId) {
    log.error('ALERT merchant mismatch: order not changed', { orderNo: order.orderNo, provider: state.merchantId });
    await record({ ...base, outcome: 'merchant_mismatch' });
    return 'merchant_mismatch';
  }
  // A retired order number (the order was retried under a new one) can still prove a payment, nothing else.
  const retiredNumber = state.orderNo !== order.orderNo;
  if (!target || (retiredNumber && !paysMoney)) {
    await record({ ...base, outcome: 'ignored' });
    return 'ignored';
  }
  // Anything but a payment applies only while the order still carries the number reported on (it may have been retired since we read it).
  const sameNumber = paysMoney ? {} : { where: { orderNo: state.orderNo } };
  let moved = await ctx.repo.transition(order._id, { to: target, from: SETTLE_FROM[target], ...sameNumber, set: fieldsFor(target, order, state, ctx.now()) });
  let outcome: SettleOutcome = 'applied';
  if (!moved && paysMoney) {
    // Paid at the provider although closed here (a payment that raced our close): the money was
    // received, so the order is PAID — the shopper sees it, the merchant fulfils or refunds it.
    moved = await ctx.repo.transition(order._id, { to: 'PAID', from: ['CLOSED'], set: fieldsFor(target, order, state, ctx.now()) });
    if (moved) {
      outcome = 'paid_after_close';
      log.error('ALERT paid after it was closed here: the order is PAID again; fulfil or refund it', { orderNo: order.orderNo, notified: state.orderNo });
    }
  }
  if (!moved) {
    const current = await ctx.repo.findById(order._id);
    outcome = current?.status === target ? 'duplicate' : 'ignored';
    if (paysMoney && current?.status === 'FAILED') {
      log.error('ALERT paid at the provider but failed here: refund or reopen by hand', { orderNo: order.orderNo, status: current.status });
    }
  }
  await record({ ...base, outcome });
  if (moved && paysMoney) await announcePaid(ctx, { ...order, status: 'PAID', ...(fieldsFor('PAID', order, state, ctx.now()) as { paidAt: number }) });
  return outcome;
}

/** The one place an order becomes PAID: tell whoever listens, without letting it touch the payment. */
async function announcePaid(ctx: OrderContext, order: Order): Promise<void> {
  try {
    await ctx.onPaid?.(order);
  } catch (err) {
    log.error('onPaid failed; the payment is unaffected', { orderNo: order.orderNo, error: err });
  }
}
