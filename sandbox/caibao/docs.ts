/**
 * The sandbox's own transcription of Caibao's parameter tables (deliberately not imported from
 * the adapter, so a mistake in one is caught by the other), and its error answers.
 * Only errorCode "10" is documented; the other codes are the sandbox's own (the adapter treats
 * every code but "0" as a rejection, so it depends on none of them).
 */
import { ASSUMED_REQUEST_FIELDS } from '../../server/gateways/caibao/assumptions';

export interface Param {
  required: boolean;
  signed: boolean;
}

const p = (required: boolean, signed: boolean): Param => ({ required, signed });

const common = { command: p(true, false), operator_id: p(true, true), app: p(true, true), version: p(true, false), sign: p(true, false) };

export const PARAMS: Readonly<Record<string, Readonly<Record<string, Param>>>> = {
  // providers/caibao-open.pay.mp.md
  'open.pay.mp': {
    ...common,
    local_order_no: p(false, true),
    amount: p(true, true),
    un_discount_amount: p(false, true),
    timestamp: p(true, true),
    subject: p(false, true),
    goods_list: p(false, true),
    notify_url: p(false, false),
    sub_app_id: p(true, true),
    open_id: p(true, true),
    device_create_ip: p(false, true),
  },
  // providers/caibao-open.pay.scan.md
  'open.pay.scan': {
    ...common,
    local_order_no: p(true, true),
    channel: p(true, true),
    amount: p(true, true),
    un_discount_amount: p(false, true),
    timestamp: p(true, true),
    subject: p(false, true),
    goods_list: p(false, true),
    notify_url: p(false, false),
    device_create_ip: p(false, true),
  },
  // Pages not given: server/gateways/caibao/assumptions.ts.
  ...Object.fromEntries(
    Object.entries(ASSUMED_REQUEST_FIELDS).map(([command, names]) => [
      command,
      { ...common, timestamp: p(true, true), ...Object.fromEntries(names.map((name) => [name, p(false, true)])) },
    ]),
  ),
};

/** Documented: 1.0 (default) and 1.1 (adds subject and paymentWay to the scan answer). */
export const VERSIONS = ['1.0', '1.1'];

export const ERRORS = {
  /** Documented. */
  commandEmpty: { errorCode: '10', errorMsg: 'command参数为空' },
  unknownCommand: { errorCode: '11', errorMsg: 'command不存在' },
  badVersion: { errorCode: '12', errorMsg: 'version参数错误' },
  badSign: { errorCode: '20', errorMsg: '签名错误' },
  unknownMerchant: { errorCode: '21', errorMsg: 'app或operator_id不存在' },
  missing: (name: string) => ({ errorCode: '30', errorMsg: `${name}参数为空` }),
  invalid: (name: string, why: string) => ({ errorCode: '31', errorMsg: `${name}参数错误: ${why}` }),
  duplicateOrder: { errorCode: '40', errorMsg: 'local_order_no重复，且订单内容不同' },
  orderNotFound: { errorCode: '50', errorMsg: '订单不存在' },
  wrongState: (why: string) => ({ errorCode: '60', errorMsg: why }),
} as const;

export type CaibaoError = { errorCode: string; errorMsg: string };

/**
 * Notification retries: "growing intervals" is all the docs say; this schedule (about a day in all)
 * is the sandbox's own choice.
 */
export const NOTIFY_RETRY_DELAYS_MS = [15, 30, 60, 180, 600, 1200, 1800, 3600, 7200, 21600, 50400].map((seconds) => seconds * 1000);
