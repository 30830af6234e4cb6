/**
 * Payment notifications. QuickPay POSTs to notify_url and retries (every 20 s ×10, then every
 * 30 min for 24 h) until the reply is `OK` or `SUCCESS` (documented).
 *
 * Why only a hint: QuickPay notifications carry no signature (documented by absence), so anyone who
 * can reach our endpoint could forge one. We take nothing from it but the order number, and the
 * caller confirms the state (status, amount, store) with QuickPay/Query before moving the order.
 *
 * Body format: not documented. ASSUMED: JSON PayResultInfo, bare or wrapped in `{code, msg, data}`;
 * both are accepted. A store_no that is present and not ours is refused.
 */
import { z } from 'zod';
import type { HttpReply, IncomingNotification, ParsedNotification } from '../contract';
import { GatewayError } from '../contract';
import { LIMITS } from './types';

const orderRef = z.object({
  order_no: z.string().min(LIMITS.orderNo.min).max(LIMITS.orderNo.max),
  store_no: z.string().nullish(),
});

const wrapped = z.object({ code: z.string(), data: orderRef });

function unreadable(problem: string): GatewayError {
  return new GatewayError('quickpay', 'INVALID_ARGUMENT', `notification ${problem}`, 'rejected', { retryable: false });
}

export function parseQuickpayNotification(notification: IncomingNotification, storeNo: string): ParsedNotification {
  let json: unknown;
  try {
    json = JSON.parse(notification.body.toString('utf8'));
  } catch {
    throw unreadable('is not JSON');
  }
  const inner = wrapped.safeParse(json);
  const bare = orderRef.safeParse(json);
  const ref = inner.success ? inner.data.data : bare.success ? bare.data : undefined;
  if (!ref) throw unreadable('has no order_no (expected a PayResultInfo, bare or in {code, msg, data})');
  if (ref.store_no && ref.store_no !== storeNo) {
    throw new GatewayError('quickpay', 'SIGNATURE_INVALID', 'notification is for another store', 'rejected', { retryable: false });
  }
  return { kind: 'hint', orderNo: ref.order_no };
}

/** `SUCCESS` stops the retries (documented: `OK` or `SUCCESS`); anything else asks for another try. */
export function quickpayAcknowledgement(ok: boolean): HttpReply {
  return ok
    ? { statusCode: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'SUCCESS' }
    : { statusCode: 500, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'FAIL' };
}
