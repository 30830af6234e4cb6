/**
 * A provider's notification, end to end: verify (the adapter, over the raw bytes), find our order,
 * check amount and merchant, compare-and-set, record, acknowledge.
 * - A signed notification is applied directly; a hint (QuickPay: unsigned) only tells us which
 *   order to query, and the query's answer is applied.
 * - Every verified notification is recorded, also for an order we cannot find.
 * - The answer to the provider: `true` (stop retrying) once the notification is recorded and
 *   handled — duplicates and mismatches included, retrying would not change them; `false` (retry)
 *   when it could not be verified, or we could not record or query.
 */
import { GatewayError, type IncomingNotification, type ParsedNotification } from '../gateways/contract';
import { createLogger } from '../platform/log';
import type { OrderContext } from './context';
import { queryProvider } from './provider-calls';
import { settle, type SettleOutcome } from './settlement';

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

async function applyVerified(ctx: OrderContext, state: Parameters<typeof settle>[2]): Promise<NotificationResult> {
  const order = await ctx.repo.findByOrderNo(state.orderNo);
  if (!order) {
    log.error('ALERT verified notification for an order we do not have', { provider: ctx.gateway.name, orderNo: state.orderNo, status: state.status });
    await ctx.events.record({
      kind: 'notification',
      provider: ctx.gateway.name,
      orderNo: state.orderNo,
      orderId: null,
      outcome: 'unknown_order',
      providerStatus: state.status,
      rawStatus: state.rawStatus,
      amount: state.amount,
      merchantId: state.merchantId,
      via: 'signed_notification',
    });
    return { ack: true, outcome: 'unknown_order' };
  }
  // Recorded before acknowledging: a failure to record makes the provider deliver again.
  const outcome = await settle(ctx, order, state, 'signed_notification', (event) => ctx.events.record(event));
  return { ack: true, outcome };
}

async function applyHint(ctx: OrderContext, orderNo: string): Promise<NotificationResult> {
  const order = await ctx.repo.findByOrderNo(orderNo);
  const found = await queryProvider(ctx, { _id: order?._id ?? null, orderNo }).catch(() => undefined);
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
  return { ack: true, outcome };
}
