/**
 * The payment notification (pages/notification.ts), RSA2-signed over every other non-empty field,
 * as a form (default) or JSON (switchable: the content type is not documented). It is retried
 * with growing intervals until the merchant replies exactly `success`.
 */
import type { OutgoingNotification } from '../common';
import { signWithFaults, type Signer } from './answers';
import type { CaibaoOrder } from './orders';
import { ACKNOWLEDGEMENT } from './pages';

export type NotificationFormat = 'form' | 'json';

export function isAcknowledged(status: number, replyText: string): boolean {
  return status === 200 && replyText === ACKNOWLEDGEMENT;
}

export function paymentNotification(order: CaibaoOrder, format: NotificationFormat, signer: Signer): OutgoingNotification | undefined {
  if (!order.notifyUrl) return undefined;
  const values = {
    cbOrderNo: order.cbOrderNo,
    appOrderNo: order.localOrderNo ?? '',
    outOrderNo: order.outOrderNo,
    orderStatus: order.status,
    totalAmount: order.amount,
    receiveAmount: order.amount,
    discountAmount: 0,
    paymentChannel: order.channel,
    subject: order.subject,
    paymentWay: order.paymentWay,
    // 数字格式，值为距离1970.1.1日的毫秒数
    payTime: order.payTime,
  };
  const names = Object.keys(values).filter((name) => values[name as keyof typeof values] !== undefined);
  const signed = signWithFaults(values, names, signer, signer.faults.notifications, 'totalAmount');
  if (format === 'json') {
    return { url: order.notifyUrl, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(signed) };
  }
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(signed)) if (value !== undefined) form.append(name, String(value));
  return { url: order.notifyUrl, headers: { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8' }, body: form.toString() };
}
