/**
 * Payment notifications. QuickPay POSTs to notify_url and retries (every 20 s ×10, then every
 * 30 min for 24 h) until the reply is `OK` or `SUCCESS` (documented, JSAPIPayInfo.notify_url).
 *
 * Why only a hint: QuickPay notifications carry no signature (documented by absence), so anyone who
 * can reach our endpoint could forge one. We take nothing from it but the order number, and the
 * caller confirms the state (status, amount, store) with QuickPay/Query before moving the order.
 *
 * Body format: not documented (assumptions.ts, NOTIFICATION BODY): a PayResultInfo as JSON, bare
 * or wrapped in `{code, msg, data}`, or as form fields. A store_no that is present and not ours is
 * refused.
 */
import * as v from 'valibot';
import type { HttpReply, IncomingNotification, ParsedNotification } from '../contract';
import { badNotification, untrustedNotification } from '../pipeline';
import { LIMITS } from './types';
import { check } from '../../platform/validation';

const orderRef = v.object({
  order_no: v.pipe(v.string(), v.minLength(LIMITS.orderNo.min), v.maxLength(LIMITS.orderNo.max)),
  store_no: v.nullish(v.string()),
});
type OrderRef = v.InferOutput<typeof orderRef>;

const wrapped = v.object({ code: v.string(), data: orderRef });

function header(notification: IncomingNotification, name: string): string {
  const found = Object.entries(notification.headers).find(([key]) => key.toLowerCase() === name);
  return found?.[1] ?? '';
}

function fromJson(text: string): OrderRef | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const inner = check(wrapped, json);
  if (inner.success) return inner.output.data;
  const bare = check(orderRef, json);
  return bare.success ? bare.output : undefined;
}

function fromForm(text: string): OrderRef | undefined {
  const fields = new URLSearchParams(text);
  const parsed = check(orderRef, { order_no: fields.get('order_no') ?? undefined, store_no: fields.get('store_no') });
  return parsed.success ? parsed.output : undefined;
}

/** The body as its content type declares it (JSON or form fields); either, when none is declared. */
export function readOrderRef(notification: IncomingNotification): OrderRef | undefined {
  const text = notification.body.toString('utf8');
  const type = header(notification, 'content-type').toLowerCase();
  if (type.startsWith('application/x-www-form-urlencoded')) return fromForm(text);
  if (type.includes('json')) return fromJson(text);
  return fromJson(text) ?? fromForm(text);
}

export function parseQuickpayNotification(notification: IncomingNotification, storeNo: string): ParsedNotification {
  const ref = readOrderRef(notification);
  if (!ref) throw badNotification('quickpay', 'has no order_no (expected a PayResultInfo: JSON, bare or in {code, msg, data}, or form fields)');
  if (ref.store_no && ref.store_no !== storeNo) throw untrustedNotification('quickpay', 'is for another store');
  return { kind: 'hint', orderNo: ref.order_no };
}

/** `SUCCESS` stops the retries (documented: `OK` or `SUCCESS`); anything else asks for another try. */
export function quickpayAcknowledgement(ok: boolean): HttpReply {
  return ok
    ? { statusCode: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'SUCCESS' }
    : { statusCode: 500, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'FAIL' };
}
