/**
 * One data table per command, transcribed from the docs' parameter tables: which fields exist,
 * which are required (是否必填) and which are signed (是否参与签名), plus which answer fields
 * Caibao signs. `command`, `version` and `sign` are sent with every command and never signed.
 */
import { ASSUMED_ANSWER_SIGNED, ASSUMED_REQUEST_FIELDS } from './assumptions';
import type { CommandName } from './types';

export interface FieldRule {
  readonly name: string;
  readonly required: boolean;
  readonly signed: boolean;
}

export interface CommandSpec {
  readonly fields: readonly FieldRule[];
  /** The answer `data` fields covered by Caibao's RSA2 signature. */
  readonly answerSigned: readonly string[] | typeof ASSUMED_ANSWER_SIGNED;
}

const field = (name: string, required: boolean, signed: boolean): FieldRule => ({ name, required, signed });

/** Fields every command carries (both documented tables start with them). */
const COMMON: readonly FieldRule[] = [
  field('command', true, false),
  field('operator_id', true, true),
  field('app', true, true),
  field('version', true, false),
  field('sign', true, false),
];

/** providers/caibao-open.pay.mp.md */
const MP: CommandSpec = {
  fields: [
    ...COMMON,
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

/** providers/caibao-open.pay.scan.md */
const SCAN: CommandSpec = {
  fields: [
    ...COMMON,
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
  // subject and paymentWay (version ≥ 1.1) are returned but not signed.
  answerSigned: ['qrCode', 'localOrderNo', 'cbOrderNo', 'totalAmount', 'paymentChannel', 'timestamp'],
};

/** Pages not given: see assumptions.ts. One of local_order_no / order_no is required (checked by the sandbox). */
function assumed(command: keyof typeof ASSUMED_REQUEST_FIELDS): CommandSpec {
  return {
    fields: [...COMMON, field('timestamp', true, true), ...ASSUMED_REQUEST_FIELDS[command].map((name) => field(name, false, true))],
    answerSigned: ASSUMED_ANSWER_SIGNED,
  };
}

export const COMMAND_SPECS: Readonly<Record<CommandName, CommandSpec>> = {
  'open.pay.mp': MP,
  'open.pay.scan': SCAN,
  'open.pay.query': assumed('open.pay.query'),
  'open.pay.reverse': assumed('open.pay.reverse'),
  'open.pay.refund': assumed('open.pay.refund'),
};

export function signedFieldNames(command: CommandName): string[] {
  return COMMAND_SPECS[command].fields.filter((f) => f.signed).map((f) => f.name);
}

/** Documented: 订单描述，小于20个汉字 — fewer than 20 characters. */
export const SUBJECT_MAX_CHARS = 19;
