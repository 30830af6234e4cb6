/**
 * Build each command's request fields from our order (pure: the clock is passed in). Amounts are
 * integer fen as decimal text; `timestamp` is epoch milliseconds (documented). Only open.pay.mp
 * and open.pay.scan have a `version` row; query, refund and reverse are sent without one. We
 * always name the order by `local_order_no` (never `order_no`, which would win if both were sent).
 */
import { isIPv4 } from 'node:net';
import { formatYuan, type Fen } from '../../platform/money';
import type { OrderLine, Payer, PaymentOrder, QrChannel, RefundRequest } from '../contract';
import { GOODS_PRICE_UNIT, PROTOCOL_VERSION } from './assumptions';
import { SUBJECT_MAX_CHARS } from './commands';
import type { CaibaoSettings, CommandName, RequestFields } from './types';

type Account = Pick<CaibaoSettings, 'app' | 'operatorId'>;

/** Documented channel codes of open.pay.scan. */
export const SCAN_CHANNEL: Readonly<Record<QrChannel, string>> = { alipay: '1', wechat: '2' };

function base(command: CommandName, account: Account, now: number): Record<string, string | undefined> {
  return { command, app: account.app, operator_id: account.operatorId, timestamp: String(now) };
}

function versioned(command: 'open.pay.mp' | 'open.pay.scan', account: Account, now: number): Record<string, string | undefined> {
  return { ...base(command, account, now), version: PROTOCOL_VERSION };
}

/** The unit of goods_price is not documented (assumptions.ts). */
function goodsPrice(unitPrice: Fen): string {
  return GOODS_PRICE_UNIT === 'fen' ? String(unitPrice) : formatYuan(unitPrice);
}

/** Fewer than 20 characters, counted as characters (code points), never cutting one in half. */
export function subjectOf(description: string): string {
  return Array.from(description.trim()).slice(0, SUBJECT_MAX_CHARS).join('');
}

/** goods_list: the documented JSON array; it is signed as exactly this text. */
export function goodsListOf(lines: readonly OrderLine[]): string | undefined {
  if (lines.length === 0) return undefined;
  return JSON.stringify(
    lines.map((line) => ({
      goods_id: line.skuId,
      goods_name: line.name,
      sell_amount: String(line.quantity),
      goods_price: goodsPrice(line.unitPrice),
    })),
  );
}

function orderFields(order: PaymentOrder, notifyUrl: string): Record<string, string | undefined> {
  return {
    local_order_no: order.orderNo,
    amount: String(order.amount),
    subject: subjectOf(order.description),
    goods_list: goodsListOf(order.lines),
    notify_url: notifyUrl,
  };
}

export function buildMp(order: PaymentOrder, payer: Payer, settings: Account & { notifyUrl: string }, now: number): RequestFields {
  return {
    ...versioned('open.pay.mp', settings, now),
    ...orderFields(order, settings.notifyUrl),
    sub_app_id: payer.appId,
    open_id: payer.openId,
    // Optional and documented as "8.8.8.8": an address in any other form is left out, not sent.
    device_create_ip: payer.clientIp !== undefined && isIPv4(payer.clientIp) ? payer.clientIp : undefined,
  };
}

export function buildScan(order: PaymentOrder, channel: QrChannel, settings: Account & { notifyUrl: string }, now: number): RequestFields {
  return { ...versioned('open.pay.scan', settings, now), ...orderFields(order, settings.notifyUrl), channel: SCAN_CHANNEL[channel] };
}

export function buildQuery(orderNo: string, account: Account, now: number): RequestFields {
  return { ...base('open.pay.query', account, now), local_order_no: orderNo };
}

export function buildReverse(orderNo: string, account: Account, now: number): RequestFields {
  return { ...base('open.pay.reverse', account, now), local_order_no: orderNo };
}

/** The amount is always sent explicitly (empty would mean "refund everything"); it is not signed, `reason` is. */
export function buildRefund(request: RefundRequest, account: Account, now: number): RequestFields {
  return {
    ...base('open.pay.refund', account, now),
    local_order_no: request.orderNo,
    refund_amount: String(request.refundAmount),
    reason: request.reason?.trim() || undefined,
  };
}
