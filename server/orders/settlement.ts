/**
 * Applying what the provider says about an order — from a signed notification or from our own
 * query — to our order. Before anything moves: the amount and the merchant must be ours. Then one
 * compare-and-set from the statuses the state table allows a provider report to move: duplicates
 * and concurrent deliveries find the order already moved and change nothing. Every application is
 * recorded: on the order by the one-step updates by number (a move, a repeat), in payment_events
 * otherwise.
 *
 * A payment proven on a number other than the one the order was paid on is a double payment: the
 * shopper paid twice (a late create on a retired number). It is recorded on the order and in the
 * history, logged as an ALERT and refunded automatically under its own refund number (reconcile).
 */
import type { ProviderOrderState, ProviderStatus } from '../gateways/contract';
import { AppError } from '../platform/errors';
import { createLogger } from '../platform/log';
import { isForeignCurrency, subtractFen, type Fen } from '../platform/money';
import type { OrderContext } from './context';
import type { NotificationRecord, PaymentEvent } from './events';
import { paidNumber, type DoublePayment, type Order } from './model';
import { providerRefundNo } from './refund-numbers';
import { ORDER_STATUSES, UNPAID_STATUSES, allowedFrom, wasPaid, type OrderStatus } from './states';

const log = createLogger('orders.settlement');

export type SettleOutcome = 'applied' | 'paid_after_close' | 'double_payment' | 'duplicate' | 'ignored' | 'amount_mismatch' | 'merchant_mismatch';

/** Which order status a provider status leads to; null = nothing to change (still pending). */
export function targetStatus(status: ProviderStatus): OrderStatus | null {
  switch (status) {
    case 'PAID':
      return 'PAID';
    case 'REFUNDING':
      // A refund under way at the provider proves the payment; its end is reported separately.
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
      return null;
  }
}

/** The report proves the shopper's money reached the provider. */
export function provesPayment(status: ProviderStatus): boolean {
  return status === 'PAID' || status === 'REFUNDING' || status === 'REFUNDED' || status === 'PARTIALLY_REFUNDED';
}

/** What the report sets besides the status; undefined when it needs the order's amount to know. */
function fieldsFor(target: OrderStatus, state: ProviderOrderState, now: number, orderAmount?: number): Record<string, unknown> | undefined {
  switch (target) {
    case 'CLOSED':
    case 'FAILED':
      return { closedAt: now };
    case 'REFUNDED': {
      const refundedAmount = state.refundedAmount ?? orderAmount;
      return refundedAmount === undefined ? undefined : { refundedAmount };
    }
    case 'PARTIALLY_REFUNDED':
      return state.refundedAmount !== undefined ? { refundedAmount: state.refundedAmount } : {};
    default:
      return {};
  }
}

/** When and on which number the money came: set by the move that first makes an order paid. */
function paymentFields(state: ProviderOrderState, now: number): Record<string, unknown> {
  return { paidAt: state.paidAt ? state.paidAt.getTime() : now, paidOrderNo: state.orderNo };
}

interface MoveGroup {
  from: readonly OrderStatus[];
  /** The move makes the order paid (it was not): set paidAt / paidOrderNo. */
  pays: boolean;
  outcome: SettleOutcome;
}

/**
 * The sources the table allows a provider report to move to `target`, in the order tried: unpaid
 * orders, orders paid already (a refund made outside our refund flow), and — a payment only —
 * orders we closed or failed meanwhile.
 */
function moveGroups(target: OrderStatus, paysMoney: boolean): readonly MoveGroup[] {
  const key = `${target}/${paysMoney}`;
  let groups = MOVE_GROUPS.get(key);
  if (!groups) MOVE_GROUPS.set(key, (groups = Object.freeze(groupMoves(target, paysMoney))));
  return groups;
}

/** moveGroups' answers: they follow from the state table alone, so each is worked out once. */
const MOVE_GROUPS = new Map<string, readonly MoveGroup[]>();

function groupMoves(target: OrderStatus, paysMoney: boolean): MoveGroup[] {
  const allowed = allowedFrom(target, 'provider');
  const groups: MoveGroup[] = [
    { from: allowed.filter((from) => UNPAID_STATUSES.includes(from)), pays: paysMoney, outcome: 'applied' },
    { from: allowed.filter((from) => wasPaid(from)), pays: false, outcome: 'applied' },
    { from: paysMoney ? allowed.filter((from) => from === 'CLOSED' || from === 'FAILED') : [], pays: true, outcome: 'paid_after_close' },
  ];
  return groups.filter((group) => group.from.length > 0).map((group) => Object.freeze({ ...group, from: Object.freeze(group.from) }));
}

function eventFor(ctx: OrderContext, orderId: string | null | undefined, state: ProviderOrderState, via: NonNullable<PaymentEvent['via']>): PaymentEvent {
  return {
    kind: via === 'signed_notification' ? 'notification' : 'query',
    provider: ctx.gateway.name,
    orderNo: state.orderNo,
    ...(orderId !== undefined ? { orderId } : {}),
    outcome: '',
    providerStatus: state.status,
    rawStatus: state.rawStatus,
    amount: state.amount,
    ...(state.currency !== undefined ? { currency: state.currency } : {}),
    merchantId: state.merchantId,
    via,
  };
}

/** A refunded amount above what was paid is no provider's truth: refused like an amount mismatch. */
function refundedBeyondAmount(state: ProviderOrderState, amount: number): boolean {
  return state.refundedAmount !== undefined && state.refundedAmount > amount;
}

function merchantMismatch(ctx: OrderContext, state: ProviderOrderState): boolean {
  const ours = ctx.settings.merchantId;
  return ours !== undefined && state.merchantId !== undefined && state.merchantId !== ours;
}

/**
 * A report applied by its order number alone, before reading the order: one compare-and-set
 * carrying the amount, which also records the notification on the order (`order.notifications`).
 * True when it moved an order; false = read the order and `settle` (duplicates, mismatches,
 * retired numbers, late payments take that way).
 */
export async function settleByNumber(ctx: OrderContext, state: ProviderOrderState, via: NonNullable<PaymentEvent['via']>): Promise<boolean> {
  const target = targetStatus(state.status);
  if (!target || state.amount === undefined || isForeignCurrency(state.currency) || refundedBeyondAmount(state, state.amount) || merchantMismatch(ctx, state)) return false;
  const fields = fieldsFor(target, state, ctx.now());
  const [unpaid] = moveGroups(target, provesPayment(state.status));
  if (!fields || !unpaid || !unpaid.from.every((from) => UNPAID_STATUSES.includes(from))) return false;
  const record = { ...eventFor(ctx, undefined, state, via), kind: 'notification', outcome: 'applied', at: ctx.now() } satisfies NotificationRecord;
  const set = { ...fields, ...(unpaid.pays ? paymentFields(state, ctx.now()) : {}), notifications: ctx.repo.command.push([record]) };
  return ctx.repo.transitionByNumber(state.orderNo, { to: target, by: 'provider', from: unpaid.from, amount: state.amount, set });
}

/** The statuses of an order whose payment was received (refunds may have followed). */
const PAID_ONCE: readonly OrderStatus[] = ORDER_STATUSES.filter(wasPaid);

/**
 * A signed report the order already reflects — the same status, amount and number (for a payment:
 * the number it was paid on), and no move the state table allows from there — is a repeat: counted
 * on the order in the one conditional update that finds it. False when it is not one (or may be
 * something else: a mismatch, a retired number, a move), for `settleByNumber` and `settle` to judge.
 */
export async function recordRepeatByNumber(ctx: OrderContext, state: ProviderOrderState): Promise<boolean> {
  const target = targetStatus(state.status);
  const paysMoney = provesPayment(state.status);
  if (!target || merchantMismatch(ctx, state) || isForeignCurrency(state.currency) || (paysMoney && state.amount === undefined)) return false;
  // Only where settle() would find no move either (it would call the report a duplicate).
  if (moveGroups(target, paysMoney).some((group) => group.from.includes(target))) return false;
  const number = paysMoney ? { paidOrderNo: state.orderNo } : { orderNo: state.orderNo };
  return ctx.repo.recordRepeat({
    ...number,
    status: target,
    ...(state.amount !== undefined ? { amount: state.amount } : {}),
    // Another refunded amount is news, not a repeat (settle records it).
    ...(paysMoney && state.refundedAmount !== undefined ? { refundedAmount: state.refundedAmount } : {}),
  });
}

/**
 * A hint (it carries no state) about the number an order was paid on: nothing to ask the provider,
 * the delivery is counted on the order in one step. False when no order was paid on that number.
 */
export async function recordRepeatOfPaid(ctx: OrderContext, orderNo: string): Promise<boolean> {
  return ctx.repo.recordRepeat({ paidOrderNo: orderNo, status: ctx.repo.command.in([...PAID_ONCE]) });
}

export async function settle(
  ctx: OrderContext,
  order: Order,
  state: ProviderOrderState,
  via: NonNullable<PaymentEvent['via']>,
  record: (event: PaymentEvent) => Promise<void> = (event) => ctx.events.tryRecord(event),
): Promise<SettleOutcome> {
  const { outcome, paid } = await decide(ctx, order, state);
  await record({ ...eventFor(ctx, order._id, state, via), outcome });
  if (paid) await announcePaid(ctx, { ...order, status: 'PAID', ...paid });
  return outcome;
}

interface Decision {
  outcome: SettleOutcome;
  /** Set when this call's compare-and-set made the order PAID: the fields it set. */
  paid?: Partial<Order>;
}

/** The moves a report makes on an order we read, and what came of it. */
async function decide(ctx: OrderContext, order: Order, state: ProviderOrderState, rereads = 2): Promise<Decision> {
  const outcome = (value: SettleOutcome): Decision => ({ outcome: value });
  const target = targetStatus(state.status);
  const paysMoney = provesPayment(state.status);
  // An amount must match whenever it is given (in fen of CNY), and must be given before we call anything paid.
  const amountMismatch = (state.amount !== undefined && state.amount !== order.amount) || (paysMoney && state.amount === undefined);
  if (amountMismatch || isForeignCurrency(state.currency) || refundedBeyondAmount(state, order.amount)) {
    log.error('ALERT amount mismatch: order not changed', {
      orderNo: order.orderNo,
      ours: order.amount,
      provider: state.amount ?? null,
      status: state.status,
      ...(state.currency !== undefined ? { currency: state.currency } : {}),
      ...(state.refundedAmount !== undefined ? { refunded: state.refundedAmount } : {}),
    });
    return outcome('amount_mismatch');
  }
  if (merchantMismatch(ctx, state)) {
    log.error('ALERT merchant mismatch: order not changed', { orderNo: order.orderNo, provider: state.merchantId });
    return outcome('merchant_mismatch');
  }
  // A retired order number (the order was retried under a new one) can still prove a payment, nothing else.
  if (!target || (state.orderNo !== order.orderNo && !paysMoney)) return outcome('ignored');
  if (paysMoney && wasPaid(order.status) && paidNumber(order) !== state.orderNo) return outcome(await recordDoublePayment(ctx, order, state));
  const fields = fieldsFor(target, state, ctx.now(), order.amount) ?? {};
  // Anything but a payment applies only while the order still carries the number reported on (it may have been retired since we read it).
  const sameNumber = paysMoney ? {} : { where: { orderNo: state.orderNo } };
  for (const group of moveGroups(target, paysMoney)) {
    const set = { ...fields, ...(group.pays ? paymentFields(state, ctx.now()) : {}) };
    const move = { to: target, by: 'provider' as const, from: group.from, ...sameNumber, set };
    // A move that pays: on the number we read, whose provider order is retired (closed by reconcile) when the money came on another.
    if (!(await (group.pays ? ctx.repo.transitionToPaid(order, state.orderNo, move) : ctx.repo.transition(order._id, move)))) continue;
    if (group.outcome === 'paid_after_close') {
      // Paid at the provider although closed or failed here (a payment that raced our close): the
      // money was received, so the order is paid — the shopper sees it, the merchant fulfils or refunds it.
      // Reported refunded, the money also went back (in full or in part) outside our refund flow: the
      // order carries the payment and the provider's refunded amount, so every fen is accounted for.
      if (target === 'PAID') log.error('ALERT paid after it was closed here: the order is paid again; fulfil or refund it', { orderNo: order.orderNo, notified: state.orderNo, status: target });
      else
        log.error('ALERT paid after it was closed here, and refunded at the provider since: recorded as paid and refunded; check what remains', {
          orderNo: order.orderNo,
          notified: state.orderNo,
          status: target,
          amount: order.amount,
          refunded: (set as { refundedAmount?: number }).refundedAmount ?? null,
        });
    }
    return { outcome: group.outcome, ...(group.pays && target === 'PAID' ? { paid: set } : {}) };
  }
  const current = await ctx.repo.findById(order._id);
  if (!current) return outcome('ignored');
  if (paysMoney && wasPaid(current.status) && paidNumber(current) !== state.orderNo) return outcome(await recordDoublePayment(ctx, current, state));
  // Retired since we read it (a payment moves only the number read): decide again on what is stored.
  if (paysMoney && !wasPaid(current.status) && current.orderNo !== order.orderNo && rereads > 0) return decide(ctx, current, state, rereads - 1);
  return outcome(current.status === target ? 'duplicate' : 'ignored');
}

/**
 * After a notification made an order PAID by its number alone: tell whoever listens (read only
 * when someone does). The payment is applied and recorded by then: a failed read is logged, never
 * allowed to make the provider deliver again (the repeat would not announce it either).
 */
export async function announcePaidByNumber(ctx: OrderContext, orderNo: string): Promise<void> {
  if (!ctx.onPaid) return;
  try {
    const order = await ctx.repo.findByOrderNo(orderNo);
    if (order?.status === 'PAID') await announcePaid(ctx, order);
  } catch (err) {
    log.error('could not read the order just paid to announce it; the payment is unaffected', { orderNo, error: err });
  }
}

/**
 * The shopper paid `state.orderNo` although the order is paid on another number. Its refund
 * number is that order number itself (unique, and the provider's prefix is already on it): the
 * claim on it in refund_numbers records the double payment once, however many reports prove it.
 */
async function recordDoublePayment(ctx: OrderContext, order: Order, state: ProviderOrderState): Promise<SettleOutcome> {
  const refundNo = state.orderNo;
  if (order.doublePayments?.some((payment) => payment.orderNo === state.orderNo)) return 'duplicate';
  const holder = await ctx.repo.claimRefundNo(providerRefundNo(ctx, refundNo), order._id, refundNo);
  if (holder.orderId !== order._id) {
    log.error('ALERT double payment whose refund number another order holds: refund by hand', { orderNo: order.orderNo, paid: state.orderNo });
    return 'double_payment';
  }
  // Whoever holds the claim (another call may be between its claim and its write, or have stopped
  // there): the write succeeds only on the list as read, so two calls never both record it.
  const now = ctx.now();
  const refundedAtProvider = refundedOutside(state, order.amount);
  const remaining = subtractFen(order.amount, refundedAtProvider ?? (0 as Fen));
  const payment: DoublePayment = {
    orderNo: state.orderNo,
    amount: order.amount,
    provenAt: now,
    ...(refundedAtProvider !== undefined ? { refundedAtProvider } : {}),
    // What the provider refunded already is not refunded again: only the rest, or nothing to do.
    refund:
      remaining > 0
        ? { refundNo, orderNo: state.orderNo, amount: remaining, status: 'PENDING', reason: 'double payment', requestedAt: now, callingUntil: 0 }
        : { refundNo, orderNo: state.orderNo, amount: order.amount, status: 'SUCCEEDED', reason: 'double payment, refunded at the provider', requestedAt: now, settledAt: now, callingUntil: 0 },
  };
  // The claimer may write on the list it read; anyone else reads it first.
  let known: readonly DoublePayment[] | undefined = holder.claimed ? (order.doublePayments ?? []) : undefined;
  for (let tries = 0; ; tries++) {
    if (!known) {
      const current = await ctx.repo.findById(order._id);
      if (!current) return 'ignored';
      known = current.doublePayments ?? [];
    }
    if (known.some((recorded) => recorded.orderNo === state.orderNo)) return 'duplicate';
    if (await ctx.repo.addDoublePayment(order._id, payment, known.length)) break;
    if (tries >= 3) throw new AppError('CONFLICT', `double payment on ${state.orderNo}: the order changed while it was recorded; deliver again`, true);
    known = undefined;
  }
  log.error(
    remaining > 0
      ? 'ALERT double payment: the shopper paid a retired number of an order already paid; it is refunded automatically'
      : 'ALERT double payment: the shopper paid a retired number of an order already paid; the provider reports it refunded already',
    {
      orderNo: order.orderNo,
      paidOn: paidNumber(order),
      doublePaidOn: state.orderNo,
      amount: order.amount,
      ...(refundedAtProvider !== undefined ? { refundedAtProvider } : {}),
      refundNo,
    },
  );
  return 'double_payment';
}

/**
 * What the provider reports refunded on a payment outside our refund flow (its console, say):
 * all of it for REFUNDED without an amount; undefined when none is reported (PARTIALLY_REFUNDED
 * without an amount: our refund of the whole then fails at the provider and asks for a person).
 */
function refundedOutside(state: ProviderOrderState, amount: Fen): Fen | undefined {
  if (state.status === 'REFUNDED') return state.refundedAmount ?? amount;
  if (state.status === 'PARTIALLY_REFUNDED') return state.refundedAmount;
  return undefined;
}

/** The one place an order becomes PAID: tell whoever listens, without letting it touch the payment. */
async function announcePaid(ctx: OrderContext, order: Order): Promise<void> {
  try {
    await ctx.onPaid?.(order);
  } catch (err) {
    log.error('onPaid failed; the payment is unaffected', { orderNo: order.orderNo, error: err });
  }
}
