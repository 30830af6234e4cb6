/**
 * A provider's notification, end to end: verify (the adapter, over the raw bytes), find our order,
 * check amount and merchant, compare-and-set, record, acknowledge.
 * - A signed notification is applied directly; a hint (QuickPay: unsigned) only tells us which
 *   order to query, and the query's answer is applied.
 * - Every verified delivery is recorded, by the conditional update that handles it where it can
 *   (events.ts): a repeat of what the order already says is counted on the order in the one update
 *   that detects it (1 database operation, on any instance); a delivery that moves the order is
 *   recorded by its compare-and-set (2 in all). Anything else — a race lost, a mismatch, a retired
 *   number, an order we cannot find — is read and judged by `settle`, and recorded in payment_events.
 * - The answer to the provider: `true` (stop retrying) once the notification is recorded and
 *   handled — duplicates and mismatches included, retrying would not change them; `false` (retry)
 *   when it could not be verified, or we could not record or query.
 */
import { GatewayError, type IncomingNotification, type ParsedNotification, type ProviderOrderState } from '../gateways/contract';
import { createLogger } from '../platform/log';
import type { OrderContext } from './context';
import { queryProvider } from './provider-calls';
import { announcePaidByNumber, recordRepeatByNumber, recordRepeatOfPaid, settle, settleByNumber, targetStatus, type SettleOutcome } from './settlement';

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

/**
 * A signed notification: a repeat is counted in one step; otherwise the compare-and-set by its
 * number applies and records it. Trying the repeat first costs a first delivery one operation and
 * saves every repeat one (the provider delivers each notification several times).
 */
async function applyVerified(ctx: OrderContext, state: ProviderOrderState): Promise<NotificationResult> {
  if (await recordRepeatByNumber(ctx, state)) return { ack: true, outcome: 'duplicate' };
  if (await settleByNumber(ctx, state, 'signed_notification')) return applied(ctx, state);
  return judged(ctx, state, 'signed_notification');
}

/**
 * A hint (QuickPay: unsigned) only names an order to query. About the number an order was paid on
 * there is nothing to ask: the delivery is counted on the order in one step, without a query.
 * Otherwise the query's answer is applied (and recorded) by the compare-and-set by number.
 */
async function applyHint(ctx: OrderContext, orderNo: string): Promise<NotificationResult> {
  if (await recordRepeatOfPaid(ctx, orderNo)) return { ack: true, outcome: 'duplicate' };
  const found = await queryProvider(ctx, { orderNo }, { recordAnswer: false }).catch(() => undefined);
  if (!found) return { ack: false, reason: 'unverifiable' };
  if (!found.found) {
    log.warn('hint for an order the provider does not know: ignored', { provider: ctx.gateway.name, orderNo });
    return { ack: true, outcome: (await ctx.repo.findByOrderNo(orderNo)) ? 'ignored' : 'unknown_order' };
  }
  if (await settleByNumber(ctx, found.state, 'query_after_hint')) return applied(ctx, found.state);
  return judged(ctx, found.state, 'query_after_hint');
}

async function applied(ctx: OrderContext, state: ProviderOrderState): Promise<NotificationResult> {
  if (targetStatus(state.status) === 'PAID') await announcePaidByNumber(ctx, state.orderNo);
  return { ack: true, outcome: 'applied' };
}

/** The ways the one-step updates do not cover: read the order, let `settle` judge, record in payment_events. */
async function judged(ctx: OrderContext, state: ProviderOrderState, via: 'signed_notification' | 'query_after_hint'): Promise<NotificationResult> {
  const order = await ctx.repo.findByOrderNo(state.orderNo);
  if (!order) {
    log.error('ALERT verified notification for an order we do not have', { provider: ctx.gateway.name, orderNo: state.orderNo, status: state.status, via });
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
      via,
    });
    return { ack: true, outcome: 'unknown_order' };
  }
  const outcome = await settle(ctx, order, state, via, (event) => ctx.events.record({ ...event, kind: 'notification' }));
  return { ack: true, outcome };
}
