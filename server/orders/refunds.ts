/**
 * Merchant refunds, full or partial, idempotent by refund number.
 * - A new refund claims the order with a compare-and-set PAID|PARTIALLY_REFUNDED → REFUNDING that
 *   also appends the refund (PENDING) and checks refundedAmount did not move: one refund at a time,
 *   never more than was paid.
 * - The provider is called with the refund number, one call at a time per refund (a lease on the
 *   entry, taken by compare-and-set): two concurrent requests never race each other at the
 *   provider. A retry with the same number asks again with the same number (the provider refunds
 *   once per number) until it settles.
 * - Succeeded → REFUNDED (all refunded) or PARTIALLY_REFUNDED; refused → back to where it was.
 */
import type { RefundResult } from '../gateways/contract';
import { AppError } from '../platform/errors';
import { createLogger, scrubText } from '../platform/log';
import { addFen, subtractFen, type Fen } from '../platform/money';
import type { OrderContext } from './context';
import type { Order, RefundEntry } from './model';
import { classifyFailure, isFinalRefusal, providerUnavailable, recordFailure } from './provider-calls';
import { ORDER_NO_MAX_LENGTH } from './order-no';
import type { OrderStatus } from './states';

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

function answerFor(order: Order, entry: RefundEntry): RefundAnswer {
  return { orderNo: order.orderNo, refundNo: entry.refundNo, amount: entry.amount, status: entry.status, orderStatus: order.status, refundedAmount: order.refundedAmount };
}

async function load(ctx: OrderContext, orderNo: string): Promise<Order> {
  const order = await ctx.repo.findByOrderNo(orderNo);
  if (!order) throw new AppError('NOT_FOUND', `orderNo: no order ${orderNo}`);
  return order;
}

/**
 * The refund number the provider sees: the merchant's, under the provider's required prefix
 * (Tencent Cloud Pay's cloud_cashier_id applies to refund numbers too).
 */
export function providerRefundNo(ctx: OrderContext, refundNo: string): string {
  const prefix = ctx.gateway.orderNoPrefix;
  const full = refundNo.startsWith(prefix) ? refundNo : `${prefix}${refundNo}`;
  if (full.length > ORDER_NO_MAX_LENGTH) {
    throw new AppError('INVALID_ARGUMENT', `refundNo: at most ${ORDER_NO_MAX_LENGTH - prefix.length} characters with this provider`);
  }
  return full;
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
    if (!(await takeCall(ctx, order, index, existing))) return answerFor(order, existing);
    return callProvider(ctx, order, index, existing);
  }

  if (order.status === 'REFUNDING') throw new AppError('CONFLICT', `order ${order.orderNo} has a refund in progress; try again`, true);
  if (order.status !== 'PAID' && order.status !== 'PARTIALLY_REFUNDED') {
    throw new AppError('CONFLICT', `order ${order.orderNo} is ${order.status}: only paid orders can be refunded`);
  }
  const remaining = subtractFen(order.amount, order.refundedAmount);
  const amount = input.amount ?? remaining;
  if (amount < 1 || amount > remaining) throw new AppError('INVALID_ARGUMENT', `amount: must be between 1 and ${remaining} fen (what remains refundable)`);
  // A number is the provider's key for one refund: never let two orders (or two spellings of it under the prefix) share it.
  const holder = await ctx.repo.claimRefundNo(providerRefundNo(ctx, input.refundNo), order._id, input.refundNo);
  if (holder.orderId !== order._id || holder.refundNo !== input.refundNo) {
    throw new AppError('CONFLICT', `refundNo: ${input.refundNo} is already used${holder.orderId !== order._id ? ' by another order' : ` as ${holder.refundNo}`}`);
  }

  const entry: RefundEntry = {
    refundNo: input.refundNo,
    amount,
    status: 'PENDING',
    requestedAt: ctx.now(),
    callingUntil: ctx.now() + ctx.settings.createLeaseMs,
    ...(input.reason ? { reason: input.reason } : {}),
  };
  const _ = ctx.repo.command;
  const claimed = await ctx.repo.transition(order._id, {
    to: 'REFUNDING',
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
  return callProvider(ctx, claimedOrder, order.refunds.length, entry);
}

/** The lease for one provider call about this refund; false when another call holds it. */
async function takeCall(ctx: OrderContext, order: Order, index: number, entry: RefundEntry): Promise<boolean> {
  const path = `refunds.${index}`;
  const now = ctx.now();
  return ctx.repo.updateIf(
    order._id,
    { status: 'REFUNDING', [`${path}.refundNo`]: entry.refundNo, [`${path}.status`]: 'PENDING', [`${path}.callingUntil`]: ctx.repo.command.lt(now) },
    { [`${path}.callingUntil`]: now + ctx.settings.createLeaseMs },
  );
}

async function releaseCall(ctx: OrderContext, order: Order, index: number, entry: RefundEntry): Promise<void> {
  const path = `refunds.${index}`;
  await ctx.repo.updateIf(order._id, { [`${path}.refundNo`]: entry.refundNo, [`${path}.status`]: 'PENDING' }, { [`${path}.callingUntil`]: 0 });
}

/** Called only by the holder of the entry's lease. */
async function callProvider(ctx: OrderContext, order: Order, index: number, entry: RefundEntry): Promise<RefundAnswer> {
  let result: RefundResult;
  try {
    result = await ctx.gateway.refund({
      orderNo: order.orderNo,
      refundNo: providerRefundNo(ctx, entry.refundNo),
      orderAmount: order.amount,
      refundAmount: entry.amount,
      ...(entry.reason ? { reason: entry.reason } : {}),
    });
  } catch (err) {
    const failure = classifyFailure(err);
    await recordFailure(ctx, 'refund', order, failure, entry.refundNo);
    if (isFinalRefusal(failure)) {
      await settleRefund(ctx, order, index, entry, 'FAILED');
      throw new AppError('PROVIDER_REJECTED', `the provider refused the refund: ${scrubText(failure.message)}`, false);
    }
    // Not sent or unknown: the refund stays PENDING; the same refundNo asks again safely.
    await releaseCall(ctx, order, index, entry);
    throw providerUnavailable(failure);
  }
  await ctx.events.tryRecord({
    kind: 'refund',
    provider: ctx.gateway.name,
    orderNo: order.orderNo,
    orderId: order._id,
    outcome: 'ok',
    refundNo: entry.refundNo,
    rawStatus: result.rawStatus,
    refundStatus: result.status,
    amount: result.refundAmount,
  });
  if (result.refundAmount !== entry.amount) {
    await releaseCall(ctx, order, index, entry);
    log.error('ALERT refund amount differs from the request', { orderNo: order.orderNo, refundNo: entry.refundNo, asked: entry.amount, provider: result.refundAmount });
    throw new AppError('AMOUNT_MISMATCH', `the provider reports ${result.refundAmount} fen refunded for ${entry.refundNo}, ${entry.amount} was asked`);
  }
  if (result.status === 'PENDING') {
    await releaseCall(ctx, order, index, entry);
    return answerFor(order, entry);
  }
  return settleRefund(ctx, order, index, entry, result.status, result.providerRefundId);
}

async function settleRefund(
  ctx: OrderContext,
  order: Order,
  index: number,
  entry: RefundEntry,
  status: 'SUCCEEDED' | 'FAILED',
  providerRefundId?: string,
): Promise<RefundAnswer> {
  const refundedAmount = status === 'SUCCEEDED' ? addFen(order.refundedAmount, entry.amount) : order.refundedAmount;
  const back = order.statusBeforeRefund === 'PARTIALLY_REFUNDED' ? 'PARTIALLY_REFUNDED' : 'PAID';
  const to: OrderStatus = status === 'FAILED' ? back : refundedAmount === order.amount ? 'REFUNDED' : 'PARTIALLY_REFUNDED';
  const path = `refunds.${index}`;
  const moved = await ctx.repo.transition(order._id, {
    to,
    from: ['REFUNDING'],
    where: { [`${path}.refundNo`]: entry.refundNo, [`${path}.status`]: 'PENDING' },
    set: {
      refundedAmount,
      [`${path}.status`]: status,
      [`${path}.settledAt`]: ctx.now(),
      ...(providerRefundId ? { [`${path}.providerRefundId`]: providerRefundId } : {}),
    },
  });
  const current = await load(ctx, order.orderNo);
  const settled = current.refunds[index];
  if (!moved && settled?.status === 'PENDING') throw new AppError('CONFLICT', `refund ${entry.refundNo} changed concurrently; try again`, true);
  return answerFor(current, settled ?? { ...entry, status });
}

/** Reconcile: ask again (same refund number) for a refund whose outcome was not known. */
export async function retryPendingRefund(ctx: OrderContext, order: Order): Promise<RefundAnswer | undefined> {
  const index = order.refunds.findIndex((entry) => entry.status === 'PENDING');
  const entry = order.refunds[index];
  if (order.status !== 'REFUNDING' || !entry) return undefined;
  if (!(await takeCall(ctx, order, index, entry))) return answerFor(order, entry);
  return callProvider(ctx, order, index, entry);
}
