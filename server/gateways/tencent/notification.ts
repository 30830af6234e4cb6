/**
 * The payment notification (documented): the same envelope POSTed to the callback URL set in the
 * console, `request_content` = {nonce_str, pay_mch_key, order_content, order_client}, signed with
 * the sub-merchant's authen key. Our reply is an envelope whose `response_content` is
 * {"status":0,"description":"..."} with our own authen_code.
 */
import type { HttpReply, IncomingNotification, ParsedNotification } from '../contract';
import { badNotification, untrustedNotification } from '../pipeline';
import {
  NOTIFY_REPLY_OK_DESCRIPTION,
  NOTIFY_REPLY_RETRY_DESCRIPTION,
  NOTIFY_REPLY_RETRY_STATUS,
} from './assumptions';
import { EnvelopeFormatError, openRequest, parseContent, sealResponse } from './envelope';
import { toProviderOrderState } from './map';
import { NotificationContentSchema } from './types';
import { check, issuePath } from '../../platform/validation';

const unreadable = (message: string) => badNotification('tencent', message);

/** Verify over the raw body, then read. Throws SIGNATURE_INVALID / INVALID_ARGUMENT. */
export function parseTencentNotification(authenKey: string, notification: IncomingNotification): ParsedNotification {
  let opened;
  try {
    opened = openRequest(authenKey, notification.body);
  } catch (err) {
    if (err instanceof EnvelopeFormatError) throw unreadable(err.message);
    throw err;
  }
  if (opened.authenticity !== 'signed') {
    const why = opened.authenticity === 'unsigned' ? 'has no authen_info' : "authen_code does not verify";
    throw untrustedNotification('tencent', why);
  }
  let content: unknown;
  try {
    content = parseContent(opened.contentText);
  } catch {
    throw unreadable('request_content is not JSON text');
  }
  const parsed = check(NotificationContentSchema, content);
  if (!parsed.success) {
    const fields = parsed.issues.map((issue) => issuePath(issue) || '(content)').join(', ');
    throw unreadable(`request_content is missing or has malformed fields: ${fields}`);
  }
  return { kind: 'verified', state: toProviderOrderState(parsed.output.order_content, parsed.output.pay_mch_key) };
}

/** The reply: status 0 = processed, stop sending; non-zero = please send again. Signed by us. */
export function tencentAcknowledgement(authenKey: string, ok: boolean): HttpReply {
  const content = ok
    ? { status: 0, description: NOTIFY_REPLY_OK_DESCRIPTION }
    : { status: NOTIFY_REPLY_RETRY_STATUS, description: NOTIFY_REPLY_RETRY_DESCRIPTION };
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: sealResponse(authenKey, JSON.stringify(content)),
  };
}
