/**
 * Paying an order the shopper already has (去支付 in 我的订单 / 订单详情) and finding the one to go
 * back to after a reload or restart. Both go through the machinery of a retried checkout
 * (resumePayment): the same order and, while they are valid, the same pay params — no second
 * provider order; an order whose last provider call failed is retried under the usual rules
 * (unknown outcome → query, close, new number).
 */
import { shopperStatus, UNPAID } from '../../api/statuses';
import type { OrderView } from '../../api/views';
import { AppError } from '../platform/errors';
import type { OrderContext } from '../orders/context';
import { methodOf, orderIdFor, type Order } from '../orders/model';
import { renewPayment, resumePayment, type PaymentAnswer } from '../orders/payments';
import { refreshOrder } from '../orders/status';
import { wasPaid } from '../orders/states';
import { shopperView } from './view';

/**
 * WeChat's prepay ids (the `package` of wx.requestPayment) are valid for two hours; params older
 * than this are replaced, with a margin for the shopper to finish on the sheet.
 */
export const PAY_PARAMS_VALID_MS = 2 * 60 * 60 * 1000 - 5 * 60 * 1000;

export type PayAgainAnswer = PaymentAnswer & { expiresAt: number };

/** The shopper's own order by its current number or one it had before a retry; another's is NOT_FOUND. */
async function findOwnOrder(ctx: OrderContext, openid: string, orderNo: string): Promise<Order> {
  const order = await ctx.repo.findByOrderNo(orderNo);
  if (!order || order.openid !== openid) throw new AppError('NOT_FOUND', `orderNo: no order ${orderNo}`);
  return order;
}

/** Why this order cannot be paid now, if it cannot. UNKNOWN counts as unpaid here: paying again resolves it. */
function refusal(order: Order, now: number): AppError | undefined {
  if (wasPaid(order.status)) return new AppError('ORDER_PAID', `order ${order.orderNo} is already paid`);
  const expired = shopperStatus(order, now) === 'EXPIRED' || (order.status === 'UNKNOWN' && now >= order.expiresAt);
  if (expired) return new AppError('ORDER_EXPIRED', `order ${order.orderNo} has expired; start a new order`);
  if (order.status === 'CLOSED') return new AppError('ORDER_CLOSED', `order ${order.orderNo} is cancelled; start a new order`);
  if (order.status === 'FAILED') return new AppError('PROVIDER_REJECTED', `the provider refused order ${order.orderNo}; start a new order`);
  return undefined;
}

/** When the pay params were issued: the provider create call recorded for the current number (on the order; older orders: in payment_events). */
async function paramsIssuedAt(ctx: OrderContext, order: Order): Promise<number> {
  const kept = order.providerCreates?.filter((create) => create.orderNo === order.orderNo).at(-1);
  if (kept) return kept.at;
  const created = await ctx.events.lastOutcome(order.orderNo, 'create', 'ok');
  // Not recorded (the write failed): assume the oldest they can be, so they are replaced rather than refused by WeChat.
  return created?.at ?? order.createdAt;
}

async function paramsExpired(ctx: OrderContext, order: Order): Promise<boolean> {
  if (order.status !== 'PAYING' || !order.payment || !('params' in order.payment)) return false;
  const now = ctx.now();
  // Cheap test first: params are never older than their order.
  if (now - order.createdAt < PAY_PARAMS_VALID_MS) return false;
  return now - (await paramsIssuedAt(ctx, order)) >= PAY_PARAMS_VALID_MS;
}

/**
 * `pay {orderNo}`: pay params for one of the shopper's unpaid orders. The provider is asked first
 * (throttled, as a status check) so an order paid meanwhile answers ORDER_PAID instead of a sheet.
 */
export async function payAgain(ctx: OrderContext, openid: string, orderNo: string): Promise<PayAgainAnswer> {
  let order = await refreshOrder(ctx, await findOwnOrder(ctx, openid, orderNo), { throttled: true });
  const refused = refusal(order, ctx.now());
  if (refused) throw refused;
  if (await paramsExpired(ctx, order)) {
    order = await renewPayment(ctx, order);
    const after = refusal(order, ctx.now());
    if (after) throw after;
  }
  const answer = await resumePayment(ctx, openid, order.requestId, order.lines, methodOf(order));
  if (!answer) throw new AppError('NOT_FOUND', `orderNo: no order ${orderNo}`);
  return { ...answer, expiresAt: order.expiresAt };
}

/**
 * `orders pending`: the shopper's newest order still payable (unpaid, time not up), to go back to
 * after a reload or restart instead of starting another. It is asked of the provider first
 * (throttled), so one paid meanwhile is answered as PAID — the client then empties the cart.
 */
export async function pendingOrder(ctx: OrderContext, openid: string): Promise<{ order: OrderView | null }> {
  const latest = await ctx.repo.latestOwn(openid, [{ statuses: UNPAID, expiresAfter: ctx.now() }]);
  if (!latest) return { order: null };
  return { order: shopperView(await refreshOrder(ctx, latest, { throttled: true }), ctx.now()) };
}

/**
 * A retried checkout (`create` with the same requestId) whose order can no longer be paid is
 * refused by the payment code as ORDER_CLOSED; say ORDER_EXPIRED when it is closed because its
 * time is up, so the shopper reads 已过期 rather than 已取消.
 */
export async function explainClosed<T>(ctx: OrderContext, openid: string, requestId: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== 'ORDER_CLOSED') throw err;
    const order = await ctx.repo.findById(orderIdFor(openid, requestId));
    if (order && shopperStatus(order, ctx.now()) === 'EXPIRED') throw new AppError('ORDER_EXPIRED', `order ${order.orderNo} has expired; start a new order`);
    throw err;
  }
}
