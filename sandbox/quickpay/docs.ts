/**
 * What the QuickPay sandbox enforces: its own transcription of QuickPay's API help page
 * `POST QuickPay/JSAPIPay` (tables JSAPIPayInfo, ItemInfo, ResultInfoOfPayResultInfo,
 * PayResultInfo; notify_url's retry rule), written independently of the adapter, so that the
 * adapter's own validation is checked against a second reading of the page rather than against
 * itself. The only thing shared with the adapter is its assumptions file (the cancel route).
 *
 * Documented: request bodies are `application/json` or `text/json`; answers are
 * `{code, msg, data: PayResultInfo}`; `code: "SUCCESS"` is the only ResultCode the page shows.
 */
import * as v from 'valibot';

/** Fixed credentials for local runs: nothing needs configuring. */
export const QUICKPAY_SANDBOX_DEFAULTS = {
  storeNo: 'QPSANDBOX0001',
  authHeader: 'X-QuickPay-Key',
  authValue: 'quickpay-sandbox-credential-0001',
} as const;

/**
 * Notify retries (documented): "20 秒一次推送 10 次 … 10 次后 24 小时内每 30 分钟推送一次".
 * Read as: the first push, 9 more 20 s apart (10 in all), then one every 30 min for 24 h (48).
 */
export const QUICKPAY_NOTIFY_RETRY_DELAYS_MS: readonly number[] = [
  ...Array<number>(9).fill(20_000),
  ...Array<number>(48).fill(30 * 60_000),
];

/** The merchant must answer "OK" or "SUCCESS" (documented); the HTTP status is not mentioned. */
export function isQuickpayAcknowledged(_status: number, replyText: string): boolean {
  const text = replyText.trim();
  return text === 'OK' || text === 'SUCCESS';
}

/** PayResultInfo's fields, in the page's order (every answer carries all of them). */
export const PAY_RESULT_INFO_FIELDS = [
  'transaction_status', 'error', 'store_no', 'paytype', 'operator', 'bank_type', 'total_amount', 'cash_amount', 'settlement_amount',
  'coupon_amount', 'order_no', 'transaction_no', 'cloudpay_param', 'transaction_time', 'message', 'buyer', 'attach', 'iteminfo', 'coupon_detail_list',
] as const;

export const TRANSACTION_STATUS = {
  create: 'CREATE',
  paying: 'PAYING',
  paid: 'SUCCESSED',
  failed: 'FAILED',
  unknown: 'UNKNOWN',
  refunded: 'REFUNDED',
  refundFailed: 'REFUNDFAILED',
} as const;
export type TransactionStatus = (typeof TRANSACTION_STATUS)[keyof typeof TRANSACTION_STATUS];

/**
 * ASSUMED (sandbox): no "closed" status is documented; a cancelled order answers FAILED with
 * message "cancelled".
 */
export const CANCELLED_STATUS: TransactionStatus = TRANSACTION_STATUS.failed;

/** ResultCode values the sandbox answers with (only SUCCESS is documented; the others are ours). */
export const RESULT = { success: 'SUCCESS', fail: 'FAIL', unauthorized: 'UNAUTHORIZED', systemError: 'SYSTEMERROR' } as const;

const length = (min: number, max: number) => v.pipe(v.string(), v.minLength(min), v.maxLength(max));
/** 整数, 1..9999999999: a JSON integer, not a numeric string. */
const amount = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(9_999_999_999));
/** A documented optional string that may be empty, but when given must still be a string. */
const optionalText = v.nullish(v.string());

const itemInfo = v.object({
  item_id: optionalText,
  item_no: optionalText,
  item_name: optionalText,
  quantity: v.nullish(v.pipe(v.number(), v.integer())),
  price: v.nullish(v.pipe(v.number(), v.integer())),
  promotion_type: v.nullish(v.pipe(v.number(), v.integer())),
});

/** JSAPIPayInfo. */
export const jsapiPaySchema = v.object({
  store_no: length(1, 32),
  paytype: v.optional(v.union([v.literal(11), v.literal(21)]), 11),
  operator: v.optional(length(1, 16), 'WEB'),
  appid: v.pipe(v.string(), v.minLength(1)),
  openid: v.pipe(v.string(), v.minLength(1)),
  amount,
  order_no: length(1, 32),
  iteminfo: optionalText,
  notify_url: v.nullish(v.pipe(v.string(), v.check((u) => u === '' || /^https?:\/\/[^\s]+$/.test(u), 'must be an http(s) URL or empty'))),
  goods_tag: optionalText,
  share_pay: v.nullish(v.boolean()),
  attach: v.nullish(length(0, 127)),
  itemlist: v.nullish(v.array(itemInfo)),
});
export type JsapiPayInput = v.InferOutput<typeof jsapiPaySchema>;

export const orderRefSchema = v.object({
  store_no: length(1, 32),
  order_no: length(1, 32),
});
export type OrderRefInput = v.InferOutput<typeof orderRefSchema>;

/**
 * RefundInfo (`POST QuickPay/Refund`): store_no 必填 1–32, operator 必填 1–16 (no default on this
 * page), amount 1–9999999999 without 必填 (optional; when given it must be the order's), refund_amount
 * 必填 and not above the order amount, order_no and refund_no 必填, refund_desc optional. The page
 * gives order_no and refund_no no length: we apply the create page's 1–32 (ASSUMED, like the adapter).
 */
export const refundSchema = v.pipe(
  v.object({
    store_no: length(1, 32),
    operator: length(1, 16),
    amount: v.nullish(amount),
    refund_amount: amount,
    order_no: length(1, 32),
    refund_no: length(1, 32),
    refund_desc: optionalText,
  }),
  v.forward(v.check((r) => r.amount === undefined || r.amount === null || r.refund_amount <= r.amount, 'must not exceed amount'), ['refund_amount']),
);
export type RefundInput = v.InferOutput<typeof refundSchema>;
