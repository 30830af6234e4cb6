/**
 * One data table per command, transcribed from Caibao's v1 pages (README.md names each page):
 * which request fields exist, which are required (是否必填) and which are signed (是否参与签名),
 * plus which answer `data` fields Caibao's RSA2 signature covers (参与签名 in the answer example).
 * `command`, `version` and `sign` are never signed.
 */
import type { CommandName } from './types';

export interface FieldRule {
  readonly name: string;
  /** "one of": 否，与order_no二选一 — local_order_no or order_no must be given (order_no wins). */
  readonly required: boolean | 'one of';
  readonly signed: boolean;
}

export interface CommandSpec {
  readonly fields: readonly FieldRule[];
  /** The answer `data` fields covered by Caibao's RSA2 signature. */
  readonly answerSigned: readonly string[];
}

const field = (name: string, required: FieldRule['required'], signed: boolean): FieldRule => ({ name, required, signed });

/** The first rows of every table. */
const COMMON: readonly FieldRule[] = [field('command', true, false), field('operator_id', true, true), field('app', true, true), field('sign', true, false)];

/** The order number rows of query, refund and reverse. */
const ORDER_NUMBERS: readonly FieldRule[] = [field('local_order_no', 'one of', true), field('order_no', 'one of', true), field('timestamp', true, true)];

/** 微信JSAPI支付 (jie-kou-lie-biao/d.md). */
const MP: CommandSpec = {
  fields: [
    ...COMMON,
    field('version', true, false),
    field('local_order_no', false, true),
    field('amount', true, true),
    field('un_discount_amount', false, true),
    field('timestamp', true, true),
    field('subject', false, true),
    field('goods_list', false, true),
    field('notify_url', false, false),
    field('sub_app_id', true, true),
    field('open_id', true, true),
    field('device_create_ip', false, true),
  ],
  answerSigned: ['appId', 'timeStamp', 'nonceStr', 'package', 'signType', 'paySign', 'timestamp'],
};

/** 扫码支付 (jie-kou-lie-biao/b.md). subject and paymentWay (version ≥ 1.1) are returned unsigned. */
const SCAN: CommandSpec = {
  fields: [
    ...COMMON,
    field('version', true, false),
    field('local_order_no', true, true),
    field('channel', true, true),
    field('amount', true, true),
    field('un_discount_amount', false, true),
    field('timestamp', true, true),
    field('subject', false, true),
    field('goods_list', false, true),
    field('notify_url', false, false),
    field('device_create_ip', false, true),
  ],
  answerSigned: ['qrCode', 'localOrderNo', 'cbOrderNo', 'totalAmount', 'paymentChannel', 'timestamp'],
};

/**
 * 订单查询 (jie-kou-lie-biao/ding-dan-cha-xun.md). Seven answer fields are signed; orderStatus,
 * subject, payTime, receiveAmount, refundAmount, refundTime (and discountAmount) are NOT.
 */
const QUERY: CommandSpec = {
  fields: [...COMMON, ...ORDER_NUMBERS],
  answerSigned: ['localOrderNo', 'cbOrderNo', 'outOrderNo', 'paymentChannel', 'paymentWay', 'totalAmount', 'timestamp'],
};

/** 交易退款 (jie-kou-lie-biao/jiao-yi-tui-kuan.md): refund_amount is NOT signed, reason is. */
const REFUND: CommandSpec = {
  fields: [...COMMON, ...ORDER_NUMBERS, field('refund_amount', false, false), field('reason', false, true)],
  answerSigned: ['refundStatus', 'localOrderNo', 'cbOrderNo', 'outOrderNo', 'refundAmount', 'timestamp'],
};

/** 交易撤销 (jie-kou-lie-biao/jiao-yi-che-xiao.md): the answer carries only sign and timestamp. */
const REVERSE: CommandSpec = {
  fields: [...COMMON, ...ORDER_NUMBERS],
  answerSigned: ['timestamp'],
};

export const COMMAND_SPECS: Readonly<Record<CommandName, CommandSpec>> = {
  'open.pay.mp': MP,
  'open.pay.scan': SCAN,
  'open.pay.query': QUERY,
  'open.pay.reverse': REVERSE,
  'open.pay.refund': REFUND,
};

export function signedFieldNames(command: CommandName): string[] {
  return COMMAND_SPECS[command].fields.filter((f) => f.signed).map((f) => f.name);
}

/** Documented: 订单描述，小于20个汉字 — fewer than 20 characters. */
export const SUBJECT_MAX_CHARS = 19;
