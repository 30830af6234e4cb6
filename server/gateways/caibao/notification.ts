/**
 * The payment notification (documented fields; content type not documented, so both
 * form-urlencoded and JSON are accepted: by content-type, else by sniffing the body). Its RSA2
 * signature covers every other non-empty field; it is checked before anything is read from it.
 */
import type { KeyObject } from 'node:crypto';
import { check, describeIssues } from '../../platform/validation';
import { toFen } from '../../platform/money';
import { badNotification } from '../pipeline';
import type { GatewayError, HttpReply, IncomingNotification, ParsedNotification } from '../contract';
import { mapOrderStatus, parsePayTime } from './map';
import { notificationSchema, type WireFields } from './types';
import { verifyNotificationFields } from './verify';

function unreadable(problem: string): GatewayError {
  return badNotification('caibao', problem);
}

function headerValue(headers: IncomingNotification['headers'], name: string): string {
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === name) return value ?? '';
  return '';
}

function parseForm(text: string): WireFields {
  const fields: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(text)) {
    // A repeated field would make the signed string ambiguous.
    if (Object.prototype.hasOwnProperty.call(fields, name)) throw unreadable(`repeats field ${name}`);
    fields[name] = value;
  }
  return fields;
}

function parseJson(text: string): WireFields {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw unreadable('is not valid JSON');
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw unreadable('is not a JSON object');
  return json as WireFields;
}

/** The notification's fields, from whichever encoding it came in. */
export function readNotificationFields(notification: IncomingNotification): WireFields {
  const text = notification.body.toString('utf8');
  const type = headerValue(notification.headers, 'content-type').toLowerCase();
  if (type.includes('json')) return parseJson(text);
  if (type.includes('x-www-form-urlencoded')) return parseForm(text);
  return text.trimStart().startsWith('{') ? parseJson(text) : parseForm(text);
}

export function parseNotification(notification: IncomingNotification, publicKey: KeyObject): ParsedNotification {
  const fields = readNotificationFields(notification);
  if (Object.keys(fields).length === 0) throw unreadable('is empty');
  verifyNotificationFields(fields, publicKey);
  const parsed = check(notificationSchema, fields);
  if (!parsed.success) throw unreadable(`is missing fields: ${describeIssues(parsed.issues)}`);
  const n = parsed.output;
  return {
    kind: 'verified',
    state: {
      orderNo: n.appOrderNo,
      status: mapOrderStatus(n.orderStatus),
      rawStatus: n.orderStatus,
      amount: toFen(n.totalAmount),
      providerOrderId: n.cbOrderNo,
      paidAt: parsePayTime(n.payTime),
    },
  };
}

/** Documented: reply exactly `success`; anything else makes Caibao retry. */
export function acknowledgement(ok: boolean): HttpReply {
  return { statusCode: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: ok ? 'success' : 'fail' };
}
