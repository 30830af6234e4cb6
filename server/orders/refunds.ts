/**
 * Refunds, full or partial, idempotent by refund number: the merchant's own, and the automatic
 * refund of a double payment.
 * - A new refund claims the order with a compare-and-set PAID|PARTIALLY_REFUNDED → REFUNDING that
 *   also appends the refund (PENDING) and checks refundedAmount did not move: one refund at a time,
 *   never more than was paid.
 * - The provider is called with the refund number, one call at a time per refund (a lease on the
 *   entry, taken by compare-and-set): two concurrent requests never race each other at the provider.
 * - An unknown outcome (time-out, reset, unreadable answer) never leads to a second send on a guess:
 *   the entry stays PENDING and locked until that call's answer can no longer arrive (twice the
 *   call deadline), and every retry meanwhile answers PENDING. A send is itself an unknown outcome
 *   until its answer is recorded: the holder marks the entry so as it takes the call, for the call
 *   and that window after it (`sendLeaseMs`), so a holder that dies mid-call leaves the next one
 *   to ask the provider first, once the call can no longer land. Then a query decides: refunded →
 *   SUCCEEDED without sending; a refund still under way → locked again; otherwise the same refund
 *   number is asked again — the provider refunds once per number (QuickPay, Tencent: documented;
 *   Caibao has no refund number and its adapter reads the order first, which is sound only
 *   because nothing of ours can still be in flight by then).
 * - Succeeded → REFUNDED (all refunded) or PARTIALLY_REFUNDED; refused → back to where it was.
 */
import type { ProviderOrderState, RefundResult } from '../gateways/contract';
import { AppError } from '../platform/errors';
import { createLogger, scrubText } from '../platform/log';
import { addFen, isForeignCurrency, subtractFen, type Fen } from '../platform/money';
import { lateAnswerWindowMs, type OrderContext } from './context';
import { orderNumbers, paidNumber, type Order, type RefundEntry } from './model';
import { classifyFailure, isFinalRefusal, providerUnavailable, queryProvider, recordFailure } from './provider-calls';
import { providerRefundNo } from './refund-numbers';
import type { RefundSlot } from './repository';
import type { OrderStatus } from './states';

export { providerRefundNo } from './refund-numbers';

const log = createLogger('orders.refunds');

export interface RefundInput {
  orderNo: string;
  refundNo: string;
  /** Fen; the whole remaining amount when absent. */
  amount?: Fen;
  reason?: string;
}

export interface RefundAnswer {
  orderNo: string;
  refundNo: string;
  amount: Fen;
  status: RefundEntry['status'];
  orderStatus: OrderStatus;
  refundedAmount: Fen;
}

/** One pending refund and the provider order its money is on. */
interface PendingRefund {
  order: Order;
  slot: RefundSlot;
  entry: RefundEntry;
  /** The provider order number the money is on. */
  orderNo: string;
  orderAmount: Fen;
  /** What the provider had refunded on that number before this refund. */
  refundedBefore: Fen;
}

/** How long a send holds its refund: the call's deadline, then the time its effect may still land. */
function sendLeaseMs(settings: OrderContext['settings']): number {
  return Math.max(settings.createLeaseMs, (settings.callDeadlineMs ?? settings.createLeaseMs) + lateAnswerWindowMs(settings));
}

function ownRefund(order: Order, index: number): PendingRefund {
  const entry = order.refunds[index] as RefundEntry;
  return { order, slot: { kind: 'refund', index }, entry, orderNo: entry.orderNo ?? paidNumber(order), orderAmount: order.amount, refundedBefore: order.refundedAmount };
}

function doublePaymentRefund(order: Order, index: number): PendingRefund {
  const payment = order.doublePayments?.[index];
  if (!payment) throw new AppError('INTERNAL', 'no such double payment');
  return { order, slot: { kind: 'double_payment', index }, entry: payment.refund, orderNo: payment.orderNo, orderAmount: payment.amount, refundedBefore: payment.refundedAtProvider ?? (0 as Fen) };
}

function answerFor(order: Order, entry: RefundEntry): RefundAnswer {
  return { orderNo: order.orderNo, refundNo: entry.refundNo, amount: entry.amount, status: entry.status, orderStatus: order.status, refundedAmount: order.refundedAmount };
}

async function load(ctx: OrderContext, orderNo: string): Promise<Order> {
  const order = await ctx.repo.findByOrderNo(orderNo);
  if (!order) throw new AppError('NOT_FOUND', `orderNo: no order ${orderNo}`);
  return order;
}

export async function refund(ctx: OrderContext, input: RefundInput): Promise<RefundAnswer> {
  providerRefundNo(ctx, input.refundNo);
  const order = await load(ctx, input.orderNo);
  const owner = await ctx.repo.findByRefundNo(input.refundNo);
  if (owner && owner._id !== order._id) throw new AppError('CONFLICT', `refundNo: ${input.refundNo} is already used by another order`);

  const index = order.refunds.findIndex((entry) => entry.refundNo === input.refundNo);
  const existing = order.refunds[index];
  if (existing) {
    if (input.amount !== undefined && input.amount !== existing.amount) {
      throw new AppError('CONFLICT', `refundNo: ${input.refundNo} was already used for ${existing.amount} fen`);
    }
    if (existing.status !== 'PENDING' || order.status !== 'REFUNDING') return answerFor(order, existing);
    return continueRefund(ctx, ownRefund(order, index));
  }

  if (order.status === 'REFUNDING') throw new AppError('CONFLICT', `order ${order.orderNo} has a refund in progress; try again`, true);
  if (order.status !== 'PAID' && order.status !== 'PARTIALLY_REFUNDED') {
    throw new AppError('CONFLICT', `order ${order.orderNo} is ${order.status}: only paid orders can be refunded`);
  }
  const remaining = subtractFen(order.amount, order.refundedAmount);
  const amount = input.amount ?? remaining;
  if (amount < 1 || amount > remaining) throw new AppError('INVALID_ARGUMENT', `amount: must be between 1 and ${remaining} fen (what remains refundable)`);
  const asSent = providerRefundNo(ctx, input.refundNo);
  // The order's numbers but the one it was paid on are the refund numbers of payments made on them
  // (double payments, settlement.ts): one the merchant used would make the provider answer either
  // refund with the other's result, and a payment kept would read as refunded.
  if (asSent !== paidNumber(order) && orderNumbers(order).includes(asSent)) {
    throw new AppError('CONFLICT', `refundNo: ${input.refundNo} is a number of order ${order.orderNo}, kept for the refund of a payment made on it; use another refund number`);
  }
  // A number is the provider's key for one refund: never let two orders (or two spellings of it under the prefix) share it.
  const holder = await ctx.repo.claimRefundNo(asSent, order._id, input.refundNo);
  if (holder.orderId !== order._id || holder.refundNo !== input.refundNo) {
    throw new AppError('CONFLICT', `refundNo: ${input.refundNo} is already used${holder.orderId !== order._id ? ' by another order' : ` as ${holder.refundNo}`}`);
  }

  const entry: RefundEntry = {
    refundNo: input.refundNo,
    orderNo: paidNumber(order),
    amount,
    status: 'PENDING',
    requestedAt: ctx.now(),
    // Sent below by this caller: unknown until the answer is recorded.
    callingUntil: ctx.now() + sendLeaseMs(ctx.settings),
    unknownSince: ctx.now(),
    ...(input.reason ? { reason: input.reason } : {}),
  };
  const _ = ctx.repo.command;
  const claimed = await ctx.repo.transition(order._id, {
    to: 'REFUNDING',
    by: 'refund',
    from: [order.status],
    where: { refundedAmount: order.refundedAmount, orderNo: order.orderNo },
    set: { statusBeforeRefund: order.status, refunds: _.push([entry]) },
  });
  if (!claimed) {
    // Someone else moved the order first (a concurrent retry of this very refund, or another refund).
    const current = await load(ctx, input.orderNo);
    if (current.refunds.some((r) => r.refundNo === input.refundNo)) return refund(ctx, input);
    throw new AppError('CONFLICT', `order ${order.orderNo} changed while refunding; try again`, true);
  }
  const claimedOrder: Order = { ...order, status: 'REFUNDING', statusBeforeRefund: order.status, refunds: [...order.refunds, entry] };
  return send(ctx, ownRefund(claimedOrder, order.refunds.length));
}

/**
 * A pending refund asked again (a retry, reconcile): one call at a time, and after an unknown
 * outcome nothing until its answer can no longer arrive; then a query before any send.
 */
async function continueRefund(ctx: OrderContext, pending: PendingRefund): Promise<RefundAnswer> {
  const { order, slot, entry } = pending;
  const ownOnly = slot.kind === 'refund' ? { status: 'REFUNDING' } : {};
  if (entry.unknownSince === undefined) {
    // Taken only while no outcome is unknown, and marked unknown until this send's answer is recorded.
    if (!(await ctx.repo.takeRefundCall(order._id, slot, entry.refundNo, sendLeaseMs(ctx.settings), ownOnly, true))) return answerFor(order, entry);
    return send(ctx, pending);
  }
  if (!(await ctx.repo.takeRefundCall(order._id, slot, entry.refundNo, ctx.settings.createLeaseMs, ownOnly))) return answerFor(order, entry);
  return resolveUnknownRefund(ctx, pending);
}

type RefundEvidence = 'refunded' | 'under_way' | 'ask_again';

/** What the provider's order state says about this refund. Amounts decide where the provider gives them. */
export function refundEvidence(pending: Pick<PendingRefund, 'entry' | 'refundedBefore'>, state: ProviderOrderState): RefundEvidence {
  const { entry, refundedBefore } = pending;
  if (state.refundedAmount !== undefined) {
    if (state.refundedAmount === addFen(refundedBefore, entry.amount)) return 'refunded';
    if (state.refundedAmount === refundedBefore && state.status === 'REFUNDING') return 'under_way';
  }
  // Otherwise the refund number decides: the provider answers a repeated number with its first result.
  return 'ask_again';
}

async function resolveUnknownRefund(ctx: OrderContext, pending: PendingRefund): Promise<RefundAnswer> {
  const { order, slot, entry } = pending;
  let state: ProviderOrderState | undefined;
  try {
    const found = await queryProvider(ctx, { _id: order._id, orderNo: pending.orderNo });
    if (found.found) state = found.state;
  } catch {
    // No answer: still unknown. Let the next try ask again.
    await ctx.repo.holdRefundCall(order._id, slot, entry.refundNo, 0);
    return answerFor(order, entry);
  }
  const evidence = state ? refundEvidence(pending, state) : 'ask_again';
  if (evidence === 'refunded') return settleRefund(ctx, pending, 'SUCCEEDED', state?.providerOrderId);
  if (evidence === 'under_way') {
    await ctx.repo.holdRefundCall(order._id, slot, entry.refundNo, ctx.now() + lateAnswerWindowMs(ctx.settings));
    return answerFor(order, entry);
  }
  // Proven not refunded: the same number is asked again, unknown until this send's answer is recorded.
  await ctx.repo.holdRefundCall(order._id, slot, entry.refundNo, ctx.now() + sendLeaseMs(ctx.settings), ctx.now());
  return send(ctx, pending);
}

/** Called only by the holder of the entry's lease. */
async function send(ctx: OrderContext, pending: PendingRefund): Promise<RefundAnswer> {
  const { order, slot, entry } = pending;
  const ref = { _id: order._id, orderNo: pending.orderNo };
  let result: RefundResult;
  try {
    result = await ctx.gateway.refund({
      orderNo: pending.orderNo,
      refundNo: providerRefundNo(ctx, entry.refundNo),
      orderAmount: pending.orderAmount,
      refundAmount: entry.amount,
      ...(entry.reason ? { reason: entry.reason } : {}),
    });
  } catch (err) {
    const failure = classifyFailure(err);
    await recordFailure(ctx, 'refund', ref, failure, entry.refundNo);
    if (isFinalRefusal(failure)) {
      await settleRefund(ctx, pending, 'FAILED');
      throw new AppError('PROVIDER_REJECTED', `the provider refused the refund: ${scrubText(failure.message)}`, false);
    }
    if (failure.outcome === 'unknown') {
      // The provider may still refund on this call: locked until its answer can no longer arrive, then a query decides.
      const now = ctx.now();
      log.warn('refund outcome unknown: locked until a query can decide', { orderNo: pending.orderNo, refundNo: entry.refundNo, code: failure.code });
      await ctx.repo.holdRefundCall(order._id, slot, entry.refundNo, now + lateAnswerWindowMs(ctx.settings), now);
    } else {
      // Not sent: nothing can land, the same number may be asked at once.
      await ctx.repo.holdRefundCall(order._id, slot, entry.refundNo, 0, null);
    }
    throw providerUnavailable(failure);
  }
  await ctx.events.tryRecord({
    kind: 'refund',
    provider: ctx.gateway.name,
    orderNo: pending.orderNo,
    orderId: order._id,
    outcome: 'ok',
    refundNo: entry.refundNo,
    rawStatus: result.rawStatus,
    refundStatus: result.status,
    amount: result.refundAmount,
    // What a person must do (e.g. pay the shopper by hand: the card refused the refund), in the history too.
    ...(result.manualActionRequired ? { message: result.manualActionRequired } : {}),
  });
  if (result.manualActionRequired) {
    log.error('ALERT refund needs a person', { orderNo: pending.orderNo, refundNo: entry.refundNo, status: result.status, action: result.manualActionRequired });
  }
  if (result.refundAmount !== entry.amount || isForeignCurrency(result.currency)) {
    await ctx.repo.holdRefundCall(order._id, slot, entry.refundNo, 0, null);
    const currency = result.currency !== undefined ? { currency: result.currency } : {};
    log.error('ALERT refund amount differs from the request', { orderNo: pending.orderNo, refundNo: entry.refundNo, asked: entry.amount, provider: result.refundAmount, ...currency });
    const unit = isForeignCurrency(result.currency) ? `${result.currency} (not CNY)` : 'fen';
    throw new AppError('AMOUNT_MISMATCH', `the provider reports ${result.refundAmount} ${unit} refunded for ${entry.refundNo}, ${entry.amount} fen was asked`);
  }
  if (result.status === 'PENDING') {
    // Accepted and under way: asking again with the same number reads its result.
    await ctx.repo.holdRefundCall(order._id, slot, entry.refundNo, 0, null);
    return answerFor(order, entry);
  }
  return settleRefund(ctx, pending, result.status, result.providerRefundId);
}

async function settleRefund(ctx: OrderContext, pending: PendingRefund, status: 'SUCCEEDED' | 'FAILED', providerRefundId?: string): Promise<RefundAnswer> {
  const { order, slot, entry } = pending;
  const settled = { status, ...(providerRefundId ? { providerRefundId } : {}) };
  let moved: boolean;
  if (slot.kind === 'refund') {
    const refundedAmount = status === 'SUCCEEDED' ? addFen(order.refundedAmount, entry.amount) : order.refundedAmount;
    const back = order.statusBeforeRefund === 'PARTIALLY_REFUNDED' ? 'PARTIALLY_REFUNDED' : 'PAID';
    const to: OrderStatus = status === 'FAILED' ? back : refundedAmount === order.amount ? 'REFUNDED' : 'PARTIALLY_REFUNDED';
    moved = await ctx.repo.settleRefundEntry(order._id, slot, entry.refundNo, settled, { to, by: 'refund', from: ['REFUNDING'], set: { refundedAmount } });
  } else {
    moved = await ctx.repo.settleRefundEntry(order._id, slot, entry.refundNo, settled);
    if (moved && status === 'SUCCEEDED') log.info('double payment refunded', { orderNo: order.orderNo, refundedOn: pending.orderNo, amount: entry.amount });
    if (moved && status === 'FAILED') log.error('ALERT the refund of a double payment was refused: refund it by hand', { orderNo: order.orderNo, paidOn: pending.orderNo });
  }
  const current = await ctx.repo.findById(order._id);
  if (!current) throw new AppError('INTERNAL', 'order vanished');
  const now = slot.kind === 'refund' ? current.refunds[slot.index] : current.doublePayments?.[slot.index]?.refund;
  if (!moved && now?.status === 'PENDING') throw new AppError('CONFLICT', `refund ${entry.refundNo} changed concurrently; try again`, true);
  return answerFor(current, now ?? { ...entry, status });
}

/** Reconcile: a refund whose outcome was not known, asked again (same number) once that is safe. */
export async function retryPendingRefund(ctx: OrderContext, order: Order): Promise<RefundAnswer | undefined> {
  const index = order.refunds.findIndex((entry) => entry.status === 'PENDING');
  if (order.status !== 'REFUNDING' || index < 0) return undefined;
  return continueRefund(ctx, ownRefund(order, index));
}

/** Reconcile: refund every double payment of the order not refunded yet. */
export async function refundDoublePayments(ctx: OrderContext, order: Order): Promise<RefundAnswer[]> {
  const answers: RefundAnswer[] = [];
  for (const [index, payment] of (order.doublePayments ?? []).entries()) {
    if (payment.refund.status === 'PENDING') answers.push(await continueRefund(ctx, doublePaymentRefund(order, index)));
  }
  return answers;
}
