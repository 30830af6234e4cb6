/**
 * QuickPay (联科快付) JSAPIPay wire types, as its API help pages document them (the
 * `POST QuickPay/JSAPIPay` page: JSAPIPayInfo, ResultInfoOfPayResultInfo, PayResultInfo; README.md
 * lists each rule with its page). Field names are the provider's.
 */
import * as v from 'valibot';

/** Field limits from the JSAPIPayInfo table. */
export const LIMITS = {
  storeNo: { min: 1, max: 32 },
  orderNo: { min: 1, max: 32 },
  operator: { min: 1, max: 16 },
  attach: { min: 0, max: 127 },
  amount: { min: 1, max: 9_999_999_999 },
} as const;

/** 11 WeChat, 21 Alipay (documented; WeChat is the default). */
export const PAYTYPE_WECHAT = 11;

/** 操作员, documented default. */
export const DEFAULT_OPERATOR = 'WEB';

const limited = (limit: { min: number; max: number }) => v.pipe(v.string(), v.minLength(limit.min), v.maxLength(limit.max));
const amount = v.pipe(v.number(), v.integer(), v.minValue(LIMITS.amount.min), v.maxValue(LIMITS.amount.max));

/** POST QuickPay/JSAPIPay body (JSAPIPayInfo). We never send itemlist: its units are undocumented. */
export const jsapiPayRequestSchema = v.object({
  store_no: limited(LIMITS.storeNo),
  paytype: v.literal(PAYTYPE_WECHAT),
  operator: limited(LIMITS.operator),
  appid: v.pipe(v.string(), v.minLength(1)),
  openid: v.pipe(v.string(), v.minLength(1)),
  amount,
  order_no: limited(LIMITS.orderNo),
  iteminfo: v.optional(v.string()),
  notify_url: v.optional(v.string()),
  attach: v.optional(limited(LIMITS.attach)),
});
export type JsapiPayRequest = v.InferOutput<typeof jsapiPayRequestSchema>;

/** POST QuickPay/Query body. */
export const queryRequestSchema = v.object({
  store_no: limited(LIMITS.storeNo),
  order_no: limited(LIMITS.orderNo),
});
export type QueryRequest = v.InferOutput<typeof queryRequestSchema>;

/** POST QuickPay/Refund body; refund_no is unique per refund and reused on a retry. */
export const refundRequestSchema = v.pipe(
  v.object({
    store_no: limited(LIMITS.storeNo),
    operator: limited(LIMITS.operator),
    amount,
    refund_amount: amount,
    order_no: limited(LIMITS.orderNo),
    refund_no: limited(LIMITS.orderNo),
    refund_desc: v.pipe(v.string(), v.minLength(1)),
  }),
  v.forward(v.check((r) => r.refund_amount <= r.amount, 'must not exceed amount'), ['refund_amount']),
);
export type RefundRequestBody = v.InferOutput<typeof refundRequestSchema>;

/** The documented transaction_status values (SUCCESSED is the provider's spelling). */
export const TRANSACTION_STATUSES = ['CREATE', 'PAYING', 'SUCCESSED', 'FAILED', 'UNKNOWN', 'REFUNDED', 'REFUNDFAILED'] as const;
export type TransactionStatus = (typeof TRANSACTION_STATUSES)[number];

/**
 * PayResultInfo, as far as we read it. Everything but the status is optional: we only rely on what
 * each operation needs and check it there. Unknown fields are kept (passthrough) for the record.
 */
export const payResultInfoSchema = v.looseObject({
    transaction_status: v.string(),
    error: v.nullish(v.string()),
    store_no: v.nullish(v.string()),
    paytype: v.nullish(v.union([v.string(), v.number()])),
    total_amount: v.nullish(v.pipe(v.number(), v.integer(), v.minValue(0))),
    order_no: v.nullish(v.string()),
    transaction_no: v.nullish(v.string()),
    cloudpay_param: v.nullish(v.string()),
    transaction_time: v.nullish(v.string()),
    message: v.nullish(v.string()),
    attach: v.nullish(v.string()),
  });
export type PayResultInfo = v.InferOutput<typeof payResultInfoSchema>;

/** ResultInfoOfPayResultInfo: `code: "SUCCESS"` means the call was accepted (not that anyone paid). */
export const envelopeSchema = v.object({
  code: v.string(),
  msg: v.nullish(v.string()),
  data: v.optional(v.unknown()),
});
export type Envelope = v.InferOutput<typeof envelopeSchema>;

export const RESULT_SUCCESS = 'SUCCESS';

/** `cloudpay_param` (a JSON string): the five wx.requestPayment fields plus the appId they are signed for. */
export const cloudpayParamSchema = v.object({
  appId: v.pipe(v.string(), v.minLength(1)),
  timeStamp: v.pipe(v.string(), v.regex(/^\d+$/, 'must be a string of digits')),
  nonceStr: v.pipe(v.string(), v.minLength(1)),
  package: v.pipe(v.string(), v.regex(/^prepay_id=.+$/, 'must be "prepay_id=…"')),
  signType: v.picklist(['MD5', 'HMAC-SHA256', 'RSA']),
  paySign: v.pipe(v.string(), v.minLength(1)),
});
export type CloudpayParam = v.InferOutput<typeof cloudpayParamSchema>;
