/**
 * Payment notifications (pages/payment-notification.ts): the request envelope POSTed to the
 * callback URL set in the console, signed with the sub-merchant's authen key. Acknowledged by an
 * envelope whose response_content says status 0; its authen_info is optional (documented), but when
 * present it must verify (the sandbox's choice: a reply signed with another key is not the merchant's).
 */
import { randomToken } from '../../server/platform/crypto';
import { openEnvelope, signedRequest } from './envelope';
import { ACK_OK_STATUS, type NotificationContent } from './pages/payment-notification';

export function notificationBody(authenKey: string, content: Omit<NotificationContent, 'nonce_str'>): string {
  return signedRequest(authenKey, { nonce_str: randomToken(32), ...content });
}

export function isAcknowledgedBy(authenKey: string) {
  return (status: number, replyText: string): boolean => {
    if (status !== 200) return false;
    const opened = openEnvelope(authenKey, replyText, 'response_content');
    if (!opened || opened.authen === 'invalid') return false;
    try {
      const content = JSON.parse(opened.contentText) as { status?: unknown };
      return content.status === ACK_OK_STATUS;
    } catch {
      return false;
    }
  };
}
