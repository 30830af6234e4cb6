/**
 * A provider's notification, end to end: verify (the adapter, over the raw bytes), find our order,
 * check amount and merchant, compare-and-set, record, acknowledge.
 * - A signed notification is applied directly; a hint (QuickPay: unsigned) only tells us which
 *   order to query, and the query's answer is applied.
 * - Every verified notification is recorded (once per content: repeated deliveries are
 *   recognised by the record's key), also for an order we cannot find.
 * - The answer to the provider: `true` (stop retrying) once the notification is recorded and
 *   handled — duplicates and mismatches included, retrying would not change them; `false` (retry)
 *   when it could not be verified, or we could not record or query.
 */
import { createHash } from 'node:crypto';
import { GatewayError, type IncomingNotification, type ParsedNotification, type ProviderOrderState } from '../gateways/contract';
import { createLogger } from '../platform/log';
import type { OrderContext } from './context';
import type { PaymentEvent } from './events';
import { paidNumber } from './model';
import { queryProvider } from './provider-calls';
import { announcePaidByNumber, settle, settleByNumber, targetStatus, type SettleOutcome } from './settlement';
import { wasPaid } from './states';

const log = createLogger('orders.notifications');

export type NotificationResult =
  | { ack: true; outcome: SettleOutcome | 'unknown_order' }
  | { ack: false; reason: 'invalid' | 'unverifiable' | 'error' };

export async function handleNotification(ctx: OrderContext, incoming: IncomingNotification): Promise<NotificationResult> {
  let parsed: ParsedNotification;
  try {
    parsed = ctx.gateway.parseNotification(incoming);
  } catch (err) {
    // Forged, altered or unreadable: nothing in it may be used, not even to look an order up.
    const code = err instanceof GatewayError ? err.code : 'INTERNAL';
    log.warn('notification rejected', { provider: ctx.gateway.name, code, bytes: incoming.body.length });
    return { ack: false, reason: 'invalid' };
  }
  try {
    return parsed.kind === 'verified' ? await applyVerified(ctx, parsed.state) : await applyHint(ctx, parsed.orderNo);
  } catch (err) {
    log.error('notification not processed; the provider will retry', { provider: ctx.gateway.name, error: err });
    return { ack: false, reason: 'error' };
  }
}

/** The identity of a notification's content: repeated deliveries of one notification share it. */
export function notificationKey(provider: string, state: ProviderOrderState): string {
  const content = [provider, state.orderNo, state.status, state.rawStatus, state.amount ?? '', state.refundedAmount ?? '', state.merchantId ?? ''].join('\n');
  return `n${createHash('sha256').update(content).digest('hex').slice(0, 40)}`;
}

/**
 * Per configured provider (one per cold start of an instance): the notifications this instance
 * handled to the end, so that a repeated delivery reaching the same instance costs one operation
 * (its record). Bounded; a miss only costs the slower, equally correct way.
 */
const handledHere = new WeakMap<object, Set<string>>();
const HANDLED_MAX = 10_000;

function handled(ctx: OrderContext): Set<string> {
  let keys = handledHere.get(ctx.gateway);
  if (!keys) handledHere.set(ctx.gateway, (keys = new Set()));
  return keys;
}

function remember(ctx: OrderContext, key: string): void {
  const keys = handled(ctx);
  if (keys.size >= HANDLED_MAX) keys.delete(keys.values().next().value as string);
  keys.add(key);
}

/**
 * A signed notification: recorded under its key first (the record of its first delivery), then
 * applied by its order number in one compare-and-set. Only when that does not move an order is the
 * order read, and the record completed with what came of it. A repeated delivery finds the key
 * taken (or handled on this instance already) and is recorded as a duplicate. If handling fails
 * the record is taken back, so the provider's next delivery is handled afresh; a process that dies
 * between the record and the move leaves the order to reconcile's query.
 */
async function applyVerified(ctx: OrderContext, state: ProviderOrderState): Promise<NotificationResult> {
  const key = notificationKey(ctx.gateway.name, state);
  const event: PaymentEvent = {
    kind: 'notification',
    provider: ctx.gateway.name,
    orderNo: state.orderNo,
    outcome: 'applied',
    providerStatus: state.status,
    rawStatus: state.rawStatus,
    amount: state.amount,
    merchantId: state.merchantId,
    via: 'signed_notification',
  };
  const duplicate = async (): Promise<NotificationResult> => {
    await ctx.events.record({ ...event, outcome: 'duplicate' });
    return { ack: true, outcome: 'duplicate' };
  };
  if (handled(ctx).has(key) || !(await ctx.events.recordOnce(key, event))) return duplicate();
  try {
    if (await settleByNumber(ctx, state)) {
      if (targetStatus(state.status) === 'PAID') await announcePaidByNumber(ctx, state.orderNo);
      remember(ctx, key);
      return { ack: true, outcome: 'applied' };
    }
    const order = await ctx.repo.findByOrderNo(state.orderNo);
    if (!order) {
      log.error('ALERT verified notification for an order we do not have', { provider: ctx.gateway.name, orderNo: state.orderNo, status: state.status });
      await ctx.events.complete(key, { outcome: 'unknown_order', orderId: null });
      remember(ctx, key);
      return { ack: true, outcome: 'unknown_order' };
    }
    const outcome = await settle(ctx, order, state, 'signed_notification', (record) => ctx.events.complete(key, { outcome: record.outcome, orderId: order._id }));
    remember(ctx, key);
    return { ack: true, outcome };
  } catch (err) {
    await ctx.events.forget(key).catch((forgetErr: unknown) => log.error('could not take back a notification record', { key, error: forgetErr }));
    throw err;
  }
}

/**
 * A hint (QuickPay: unsigned) only names an order to query. About the number an order is already
 * paid on there is nothing to ask: the delivery is recorded and acknowledged without a query (one
 * read, or none when this instance saw that order paid on it). Otherwise the query's answer is
 * applied and recorded once (the query and its application are one record).
 */
async function applyHint(ctx: OrderContext, orderNo: string): Promise<NotificationResult> {
  const paidKey = `paid:${orderNo}`;
  const alreadyPaid = async (orderId?: string): Promise<NotificationResult> => {
    remember(ctx, paidKey);
    await ctx.events.record({ kind: 'notification', provider: ctx.gateway.name, orderNo, ...(orderId ? { orderId } : {}), outcome: 'duplicate', via: 'hint' });
    return { ack: true, outcome: 'duplicate' };
  };
  if (handled(ctx).has(paidKey)) return alreadyPaid();
  const order = await ctx.repo.findByOrderNo(orderNo);
  if (order && wasPaid(order.status) && paidNumber(order) === orderNo) return alreadyPaid(order._id);
  const found = await queryProvider(ctx, { _id: order?._id ?? null, orderNo }, { recordAnswer: false }).catch(() => undefined);
  if (!found) return { ack: false, reason: 'unverifiable' };
  if (!found.found) {
    log.warn('hint for an order the provider does not know: ignored', { provider: ctx.gateway.name, orderNo });
    return { ack: true, outcome: order ? 'ignored' : 'unknown_order' };
  }
  if (!order) {
    log.error('ALERT provider confirms an order we do not have', { provider: ctx.gateway.name, orderNo, status: found.state.status });
    await ctx.events.record({
      kind: 'notification',
      provider: ctx.gateway.name,
      orderNo,
      orderId: null,
      outcome: 'unknown_order',
      providerStatus: found.state.status,
      rawStatus: found.state.rawStatus,
      amount: found.state.amount,
      merchantId: found.state.merchantId,
      via: 'query_after_hint',
    });
    return { ack: true, outcome: 'unknown_order' };
  }
  const outcome = await settle(ctx, order, found.state, 'query_after_hint', (event) => ctx.events.record({ ...event, kind: 'notification' }));
  if (outcome === 'applied' && found.state.status === 'PAID') remember(ctx, paidKey);
  return { ack: true, outcome };
}
