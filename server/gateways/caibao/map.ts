/**
 * Caibao's statuses and payment channel, normalised. Order statuses come as strings in
 * notifications (zhi-fu-wan-cheng-zhi-hou-de-tong-zhi.md) and as numbers in query answers
 * (ming-ci-jie-shi.md); both are mapped. Only an explicit PAY_SUC / 2 is PAID; anything not
 * listed is UNKNOWN and gets resolved by a query. 3 ("退款成功（仅针对退款订单）") describes refund
 * orders, which we never query: UNKNOWN.
 */
import type { ProviderStatus, RefundStatus } from '../contract';
import { PAY_TIME_RANGE, PAY_TIME_UTC_OFFSET } from './assumptions';

export const ORDER_STATUS: Readonly<Record<string, ProviderStatus>> = {
  WAIT_PAY: 'PENDING',
  PAY_SUC: 'PAID',
  REFUNDING: 'REFUNDING',
  PART_REFUND: 'PARTIALLY_REFUNDED',
  ALL_REFUND: 'REFUNDED',
  CANCEL: 'CLOSED',
  PAY_FAIL: 'FAILED',
  '1': 'PENDING',
  '2': 'PAID',
  '6': 'PARTIALLY_REFUNDED',
  '7': 'REFUNDED',
  '8': 'CLOSED',
  '9': 'CLOSED',
  '-1': 'CLOSED',
  '-2': 'FAILED',
};

export function mapOrderStatus(raw: string | number): ProviderStatus {
  const key = String(raw).trim();
  return Object.prototype.hasOwnProperty.call(ORDER_STATUS, key) ? (ORDER_STATUS[key] ?? 'UNKNOWN') : 'UNKNOWN';
}

/** 退款状态(refundStatus), ming-ci-jie-shi.md: 5 退款成功, -3 退款失败. Anything else: not settled, resolved by query. */
export const REFUND_STATUS: Readonly<Record<string, RefundStatus>> = { '5': 'SUCCEEDED', '-3': 'FAILED' };

export function mapRefundStatus(raw: string): RefundStatus {
  const key = raw.trim();
  return Object.prototype.hasOwnProperty.call(REFUND_STATUS, key) ? (REFUND_STATUS[key] ?? 'PENDING') : 'PENDING';
}

export type PaymentChannel = 'alipay' | 'wechat' | 'baidu' | 'bestpay' | 'unknown';

/** Documented: 1 支付宝, 2 微信, 3 百度钱包, 4 翼支付 (scan answer); ALIPAY / WECHAT in notifications. */
export const PAYMENT_CHANNEL: Readonly<Record<string, PaymentChannel>> = {
  '1': 'alipay',
  '2': 'wechat',
  '3': 'baidu',
  '4': 'bestpay',
  ALIPAY: 'alipay',
  WECHAT: 'wechat',
};

export function mapPaymentChannel(raw: string | number | undefined): PaymentChannel {
  if (raw === undefined) return 'unknown';
  const key = String(raw).trim().toUpperCase();
  return Object.prototype.hasOwnProperty.call(PAYMENT_CHANNEL, key) ? (PAYMENT_CHANNEL[key] ?? 'unknown') : 'unknown';
}

/**
 * `payTime`: epoch milliseconds (documented: "数字格式，值为距离1970.1.1日的毫秒数"), i.e. 13 digits for
 * any time this century; "yyyy-MM-dd HH:mm:ss" China time still read (assumptions.ts). Anything
 * else is unreadable (undefined: the order core takes the time it learned of the payment) — a
 * compact yyyyMMddHHmmss read as epoch ms would be the year 2612 — and so is a time outside
 * PAY_TIME_RANGE or a calendar date that does not exist: never a date centuries off.
 */
export function parsePayTime(raw: string | undefined): Date | undefined {
  if (!raw) return undefined;
  const text = raw.trim();
  if (/^\d{13}$/.test(text)) return plausible(new Date(Number(text)));
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(text);
  if (!match) return undefined;
  const wallClock = `${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}`;
  // Date rolls 02-30 over into March: the text must name a time that exists (read back unchanged).
  const asUtc = new Date(`${wallClock}Z`);
  if (Number.isNaN(asUtc.getTime()) || asUtc.toISOString().slice(0, 19) !== wallClock) return undefined;
  return plausible(new Date(`${wallClock}${PAY_TIME_UTC_OFFSET}`));
}

function plausible(date: Date): Date | undefined {
  const time = date.getTime();
  return time >= PAY_TIME_RANGE.from && time < PAY_TIME_RANGE.until ? date : undefined;
}
