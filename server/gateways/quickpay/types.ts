/**
 * QuickPay (联科快付) JSAPIPay wire types, as its API help pages document them (the
 * `POST QuickPay/JSAPIPay` page: JSAPIPayInfo, ResultInfoOfPayResultInfo, PayResultInfo; README.md
 * lists each rule with its page). Field names are the provider's.
 */
import { z } from 'zod';

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

const limited = (limit: { min: number; max: number }) => z.string().min(limit.min).max(limit.max);
const amount = z.number().int().min(LIMITS.amount.min).max(LIMITS.amount.max);

/** POST QuickPay/JSAPIPay body (JSAPIPayInfo). We never send itemlist: its units are undocumented. */
export const jsapiPayRequestSchema = z.object({
  store_no: limited(LIMITS.storeNo),
  paytype: z.literal(PAYTYPE_WECHAT),
  operator: limited(LIMITS.operator),
  appid: z.string().min(1),
  openid: z.string().min(1),
  amount,
  order_no: limited(LIMITS.orderNo),
  iteminfo: z.string().optional(),
  notify_url: z.string().optional(),
  attach: limited(LIMITS.attach).optional(),
});
export type JsapiPayRequest = z.infer<typeof jsapiPayRequestSchema>;

/** POST QuickPay/Query body. */
export const queryRequestSchema = z.object({
  store_no: limited(LIMITS.storeNo),
  order_no: limited(LIMITS.orderNo),
});
export type QueryRequest = z.infer<typeof queryRequestSchema>;

/** POST QuickPay/Refund body; refund_no is unique per refund and reused on a retry. */
export const refundRequestSchema = z
  .object({
    store_no: limited(LIMITS.storeNo),
    operator: limited(LIMITS.operator),
    amount,
    refund_amount: amount,
    order_no: limited(LIMITS.orderNo),
    refund_no: limited(LIMITS.orderNo),
    refund_desc: z.string().min(1),
  })
  .refine((r) => r.refund_amount <= r.amount, { path: ['refund_amount'], message: 'must not exceed amount' });
export type RefundRequestBody = z.infer<typeof refundRequestSchema>;

/** The documented transaction_status values (SUCCESSED is the provider's spelling). */
export const TRANSACTION_STATUSES = ['CREATE', 'PAYING', 'SUCCESSED', 'FAILED', 'UNKNOWN', 'REFUNDED', 'REFUNDFAILED'] as const;
export type TransactionStatus = (typeof TRANSACTION_STATUSES)[number];

/**
 * PayResultInfo, as far as we read it. Everything but the status is optional: we only rely on what
 * each operation needs and check it there. Unknown fields are kept (passthrough) for the record.
 */
export const payResultInfoSchema = z
  .object({
    transaction_status: z.string(),
    error: z.string().nullish(),
    store_no: z.string().nullish(),
    paytype: z.union([z.string(), z.number()]).nullish(),
    total_amount: z.number().int().nonnegative().nullish(),
    order_no: z.string().nullish(),
    transaction_no: z.string().nullish(),
    cloudpay_param: z.string().nullish(),
    transaction_time: z.string().nullish(),
    message: z.string().nullish(),
    attach: z.string().nullish(),
  })
  .passthrough();
export type PayResultInfo = z.infer<typeof payResultInfoSchema>;

/** ResultInfoOfPayResultInfo: `code: "SUCCESS"` means the call was accepted (not that anyone paid). */
export const envelopeSchema = z.object({
  code: z.string(),
  msg: z.string().nullish(),
  data: z.unknown().optional(),
});
export type Envelope = z.infer<typeof envelopeSchema>;

export const RESULT_SUCCESS = 'SUCCESS';

/** `cloudpay_param` (a JSON string): the five wx.requestPayment fields plus the appId they are signed for. */
export const cloudpayParamSchema = z.object({
  appId: z.string().min(1),
  timeStamp: z.string().regex(/^\d+$/, 'must be a string of digits'),
  nonceStr: z.string().min(1),
  package: z.string().regex(/^prepay_id=.+$/, 'must be "prepay_id=…"'),
  signType: z.enum(['MD5', 'HMAC-SHA256', 'RSA']),
  paySign: z.string().min(1),
});
export type CloudpayParam = z.infer<typeof cloudpayParamSchema>;
