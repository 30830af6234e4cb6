/**
 * What the Tencent Cloud Pay sandbox accepts: each endpoint's RequestContent as the reference
 * documents it (required fields, String(n) lengths, fee_type CNY, order numbers ≤32 characters
 * starting with the cloud-pay order prefix). Anything else is refused with status 101 naming the
 * field, the way the provider answers a call whose logic is wrong.
 */
import { z } from 'zod';
import { TradeType } from '../../server/gateways/tencent/types';

/** authen_code (documented): 64 UPPERCASE hex characters; a lowercase code is not the documented format. */
export const AUTHEN_CODE_FORMAT = /^[0-9A-F]{64}$/;

/** True when the envelope text carries an `authen_info.a.authen_code` in the documented format. */
export function hasDocumentedAuthenCode(envelopeText: string): boolean {
  let outer: unknown;
  try {
    outer = JSON.parse(envelopeText);
  } catch {
    return false;
  }
  const code = (outer as { authen_info?: { a?: { authen_code?: unknown } } } | null)?.authen_info?.a?.authen_code;
  return typeof code === 'string' && AUTHEN_CODE_FORMAT.test(code);
}

/** String(n): at most n characters. */
const str = (n: number) => z.string().max(n, `at most ${n} characters`);
const required = (n: number) => str(n).min(1, 'required');
/** Number(32) amounts in fen: positive integers that fit 32 bits. */
const fen32 = z.number().int('must be an integer number of fen').min(1).max(2 ** 31 - 1);
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** out_trade_no / out_refund_no (documented): ≤32 characters, the sub-merchant's prefix first. */
export function orderNumber(prefix: string) {
  return required(32).refine((v) => v.startsWith(prefix) && v.length > prefix.length, {
    message: `must start with the cloud-pay order prefix and carry more than the prefix`,
  });
}

const payMchKey = z.object({
  pay_platform: z.number().int(),
  sub_pay_platform: z.number().int().optional(),
  out_mch_id: required(32),
  out_sub_mch_id: required(32),
  out_shop_id: required(32),
  wxpay_pay_mch_key_ext: z
    .object({
      app_id: str(32).optional(),
      sub_app_id: str(32).optional(),
      open_id: str(128).optional(),
      sub_open_id: str(128).optional(),
    })
    .optional(),
});

/** order_client for official_account_pay: only spbill_create_ip is required there. */
const payOrderClient = z.object({
  device_id: str(64).optional(),
  staff_id: str(64).optional(),
  terminal_type: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(100)]).optional(),
  sdk_version: str(10).optional(),
  spbill_create_ip: required(16).regex(IPV4, 'must be an IPv4 address'),
});

/** order_client for query/close/refund/query_refund: terminal_type and sdk_version are required too. */
const serviceOrderClient = payOrderClient.extend({
  terminal_type: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(100)]),
  sdk_version: required(10),
});

/** `detail` is JSON text of Detail {cost_price?, receipt_id?, goods_detail: GoodsDetail[]}. */
const detailText = str(6000).superRefine((text, ctx) => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be JSON text' });
    return;
  }
  const shape = z.object({
    cost_price: z.number().int().optional(),
    receipt_id: str(32).optional(),
    goods_detail: z.array(
      z.object({
        goods_id: str(32).optional(),
        goods_name: str(256).optional(),
        quantity: z.number().int().min(1),
        price: z.number().int().min(0),
      }),
    ),
  });
  const result = shape.safeParse(parsed);
  if (!result.success) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `not a Detail: ${result.error.issues[0]?.message ?? ''}` });
});

const nonce = required(32);

export function officialAccountPaySchema(prefix: string) {
  return z.object({
    pay_mch_key: payMchKey.refine(
      (k) => Boolean(k.wxpay_pay_mch_key_ext?.sub_open_id || k.wxpay_pay_mch_key_ext?.open_id),
      { message: 'wxpay_pay_mch_key_ext.sub_open_id (or open_id) is required for JSAPI payment' },
    ),
    pay_content: z.object({
      out_trade_no: orderNumber(prefix),
      time_expire: z.number().int().positive().optional(),
      total_fee: fen32,
      fee_type: z.literal('CNY', { errorMap: () => ({ message: 'only CNY is supported' }) }),
      body: required(128),
      detail: detailText.optional(),
      remark: str(127).optional(),
      wxpay_pay_content_ext: z
        .object({
          attach: str(127).optional(),
          goods_tag: str(32).optional(),
          product_id: str(32).optional(),
          limit_pay: z.literal('no_credit').optional(),
        })
        .optional(),
    }),
    order_client: payOrderClient,
    nonce_str: nonce,
    trade_type: z.literal(TradeType.OFFICIAL_ACCOUNT).optional(),
  });
}

export function queryOrderSchema(prefix: string) {
  return z.object({
    pay_mch_key: payMchKey,
    order_client: serviceOrderClient,
    out_trade_no: orderNumber(prefix),
    trade_type: z.number().int().optional(),
    nonce_str: nonce,
  });
}

export function closeOrderSchema(prefix: string) {
  return queryOrderSchema(prefix).extend({ trade_type: z.number().int() });
}

export function refundSchema(prefix: string) {
  return z.object({
    pay_mch_key: payMchKey,
    refund_content: z.object({
      out_trade_no: orderNumber(prefix),
      out_refund_no: orderNumber(prefix),
      total_fee: fen32,
      refund_fee: fen32,
      refund_fee_type: z.literal('CNY', { errorMap: () => ({ message: 'only CNY is supported' }) }),
    }),
    order_client: serviceOrderClient,
    nonce_str: nonce,
  });
}

export function queryRefundOrderSchema(prefix: string) {
  return z.object({
    pay_mch_key: payMchKey,
    order_client: serviceOrderClient,
    out_trade_no: orderNumber(prefix),
    out_refund_no: orderNumber(prefix),
    nonce_str: nonce,
  });
}

export type OfficialAccountPayInput = z.infer<ReturnType<typeof officialAccountPaySchema>>;
export type QueryOrderInput = z.infer<ReturnType<typeof queryOrderSchema>>;
export type RefundInput = z.infer<ReturnType<typeof refundSchema>>;
export type QueryRefundOrderInput = z.infer<ReturnType<typeof queryRefundOrderSchema>>;
