/**
 * Payment notifications (documented): the request envelope POSTed to the callback URL set in the
 * console, request_content {nonce_str, pay_mch_key, order_content, order_client}, signed with the
 * sub-merchant's authen key. Acknowledged only by an envelope whose response_content says
 * status 0 AND whose authen_code verifies with the same key.
 */
import { openResponse, sealRequest } from '../../server/gateways/tencent/envelope';
import { randomToken } from '../../server/platform/crypto';
import { hasDocumentedAuthenCode } from './rules';

export function notificationBody(authenKey: string, content: { pay_mch_key: unknown; order_content: unknown; order_client: unknown }): string {
  return sealRequest(authenKey, { nonce_str: randomToken(32), ...content }).body;
}

export function isAcknowledgedBy(authenKey: string) {
  return (status: number, replyText: string): boolean => {
    if (status !== 200) return false;
    try {
      const opened = openResponse(authenKey, replyText);
      if (opened.authenticity !== 'signed' || !hasDocumentedAuthenCode(replyText)) return false;
      const content = JSON.parse(opened.contentText) as { status?: unknown };
      return content.status === 0;
    } catch {
      return false;
    }
  };
}
