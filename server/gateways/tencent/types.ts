/**
 * Tencent Cloud Pay (腾讯云支付, `POST <base>/cpay/<endpoint>`): the protocol's own vocabulary.
 * Enums and RequestContent structures as the provider documents them: repo `tencentyun/qcloud-documents`,
 * folder `product/解决方案/微信云支付/开发文档/HTTPS API 说明（新）/`, pages `枚举值定义.md` (the enums) and
 * `公共数据结构.md` (the structures); response structures as valibot schemas, because answers are untrusted input.
 */
import * as v from 'valibot';

/** The endpoints we call, by their path under `/cpay/`. */
export const ENDPOINTS = ['official_account_pay', 'query_order', 'close_order', 'refund', 'query_refund_order'] as const;
export type Endpoint = (typeof ENDPOINTS)[number];

/** PayPlatform (documented): 1 WeChat Pay, 2 Alipay, 4 bookkeeping. */
export const PayPlatform = { WECHAT: 1, ALIPAY: 2, BOOKKEEPING: 4 } as const;

/** SubPayPlatform (documented): 100 WeChat Pay, 200 Alipay. */
export const SubPayPlatform = { WECHAT: 100, ALIPAY: 200 } as const;

/**
 * TradeType (documented): 1 micropay, 2 scan, 3 official account (JSAPI), 4 app, 5 sound wave,
 * 6 mobile web, 8 one-code, 9 mini program (no endpoint page for it: we use 3).
 */
export const TradeType = { MICROPAY: 1, SCAN: 2, OFFICIAL_ACCOUNT: 3, APP: 4, SOUND_WAVE: 5, MOBILE_WEB: 6, ONE_CODE: 8, MINI_PROGRAM: 9 } as const;

/** WxpayOrderState, the WeChat `current_trade_state` (documented). */
export const WxpayOrderState = {
  INITIAL: 1,
  MICROPAY_SUCCESS: 2,
  PAID: 3,
  TURNED_TO_REFUND: 4,
  MICROPAY_STOPPED: 5,
  WAITING_FOR_PAYMENT: 6,
  CLOSED: 7,
  REVERSED: 8,
  PAYING: 9,
  PAY_ERROR: 10,
  VOID: 11,
  /** 订单受理中: being accepted, no result yet. */
  BEING_ACCEPTED: 12,
  /** 押金解冻成功: a deposit (押金) order's money was unfrozen. */
  DEPOSIT_UNFROZEN: 13,
  /** 押金消费成功: a deposit order's money was consumed. */
  DEPOSIT_CONSUMED: 14,
} as const;
export type WxpayOrderStateValue = (typeof WxpayOrderState)[keyof typeof WxpayOrderState];

/** WxpayRefundOrderState, `wxpay_refund_order_content_ext.state` (documented). */
export const WxpayRefundOrderState = {
  INITIAL: 1,
  SUCCEEDED: 2,
  FAILED: 3,
  PROCESSING: 4,
  /** 转入代发: the card was void or frozen; the money went back to the sub-merchant's cash account: a person pays it out. */
  RETURNED_TO_MERCHANT: 5,
  VOID: 6,
} as const;
export type WxpayRefundOrderStateValue = (typeof WxpayRefundOrderState)[keyof typeof WxpayRefundOrderState];

/** Status (documented): what the call did, whether the answer is signed, whether to retry. */
export const CpayStatus = {
  OK: 0,
  /** Outcome unknown, unsigned: retry the same request or query. */
  UNKNOWN: 3,
  /** Failed, unsigned, don't retry (e.g. a wrong authen_code: internal_status 7). */
  FAILED: 101,
  /** Failed, signed: retry with a NEW order number (e.g. the number was already used). */
  FAILED_NEW_ORDER_NO: 102,
  /** Internal error, signed: retry after ~3 s or query. */
  INTERNAL_ERROR: 103,
  /** Failed, signed, don't retry (e.g. not enough balance for a refund). */
  FAILED_FINAL: 104,
} as const;
/** internal_status that comes with 101 when the authen_code did not verify. */
export const INTERNAL_STATUS_BAD_AUTHEN_CODE = 7;
/** AuthenType 1 = HMAC-SHA256 (documented; 2 = MD5 is not used). */
export const AUTHEN_TYPE_HMAC_SHA256 = 1;

// ---- RequestContent structures (what we send) ----

export interface WxpayPayMchKeyExt {
  sub_open_id?: string;
  open_id?: string;
  app_id?: string;
  sub_app_id?: string;
}

export interface PayMchKey {
  pay_platform: number;
  sub_pay_platform?: number;
  out_mch_id: string;
  out_sub_mch_id: string;
  out_shop_id: string;
  wxpay_pay_mch_key_ext?: WxpayPayMchKeyExt;
  /** refund only (required there): whether the operator is the merchant's administrator. */
  is_sub_admin?: boolean;
}

/** What we send on every endpoint: the refund table requires all four. */
export interface OrderClient {
  device_id: string;
  terminal_type: number;
  sdk_version: string;
  spbill_create_ip: string;
}

export interface PayContent {
  out_trade_no: string;
  total_fee: number;
  fee_type: 'CNY';
  body: string;
  /** JSON text of a Detail {goods_detail: GoodsDetail[]}. */
  detail?: string;
  /** Seconds since the epoch. */
  time_expire?: number;
}

/** Detail / GoodsDetail: serialised into `pay_content.detail`. */
export interface GoodsDetail {
  goods_id?: string;
  goods_name?: string;
  quantity: number;
  price: number;
}

export interface OfficialAccountPayRequest {
  pay_mch_key: PayMchKey;
  pay_content: PayContent;
  order_client: OrderClient;
  nonce_str: string;
  trade_type: number;
}

export interface QueryOrderRequest {
  pay_mch_key: PayMchKey;
  order_client: OrderClient;
  out_trade_no: string;
  trade_type: number;
  nonce_str: string;
}

export type CloseOrderRequest = QueryOrderRequest;

export interface RefundContent {
  out_trade_no: string;
  out_refund_no: string;
  total_fee: number;
  refund_fee: number;
  refund_fee_type: 'CNY';
  /** String(64). */
  refund_reason?: string;
}

export interface RefundRequestContent {
  pay_mch_key: PayMchKey;
  refund_content: RefundContent;
  order_client: OrderClient;
  nonce_str: string;
}

export interface QueryRefundOrderRequest {
  pay_mch_key: PayMchKey;
  order_client: OrderClient;
  out_trade_no: string;
  out_refund_no: string;
  nonce_str: string;
}

export interface EndpointRequests {
  official_account_pay: OfficialAccountPayRequest;
  query_order: QueryOrderRequest;
  close_order: CloseOrderRequest;
  refund: RefundRequestContent;
  query_refund_order: QueryRefundOrderRequest;
}

// ---- Envelope and response structures (what we receive) ----

const AuthenSchema = v.object({ authen_type: v.pipe(v.number(), v.integer()), authen_code: v.string() });
export const AuthenInfoSchema = v.object({ a: AuthenSchema });

/** The outer envelope of an answer: the signed text stays a string here. */
export const ResponseEnvelopeSchema = v.object({
  response_content: v.string(),
  authen_info: v.optional(AuthenInfoSchema),
});

/** The outer envelope of a notification (and of our requests). */
export const RequestEnvelopeSchema = v.object({
  request_content: v.string(),
  authen_info: v.optional(AuthenInfoSchema),
});

/** Every ResponseContent starts like this; the endpoint's own member sits beside it. */
export const ResponseHeadSchema = v.object({
  status: v.pipe(v.number(), v.integer()),
  description: v.optional(v.string()),
  log_id: v.optional(v.number()),
  internal_status: v.optional(v.number()),
});
export type ResponseHead = v.InferOutput<typeof ResponseHeadSchema>;

/** Fen; beyond a safe integer it is unreadable (toFen would throw a RangeError). */
const fee = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(Number.MAX_SAFE_INTEGER));

export const PayMchKeySchema = v.object({
  pay_platform: v.pipe(v.number(), v.integer()),
  sub_pay_platform: v.optional(v.pipe(v.number(), v.integer())),
  out_mch_id: v.string(),
  out_sub_mch_id: v.string(),
  out_shop_id: v.string(),
});

export const OrderContentSchema = v.object({
  out_trade_no: v.string(),
  transaction_id: v.optional(v.string()),
  trade_type: v.optional(v.pipe(v.number(), v.integer())),
  time_expire: v.optional(v.number()),
  time_end: v.optional(v.number()),
  total_fee: v.optional(fee),
  fee_type: v.optional(v.string()),
  wxpay_order_content_ext: v.optional(v.looseObject({ current_trade_state: v.pipe(v.number(), v.integer()), prepare_id: v.optional(v.string()) })),
});
export type OrderContent = v.InferOutput<typeof OrderContentSchema>;

export const GetBrandWcpaySchema = v.object({
  app_id: v.string(),
  timestamp: v.pipe(v.string(), v.minLength(1)),
  nonce_str: v.pipe(v.string(), v.minLength(1)),
  package: v.pipe(v.string(), v.startsWith('prepay_id=')),
  sign_type: v.picklist(['MD5', 'HMAC-SHA256', 'RSA']),
  pay_sign: v.pipe(v.string(), v.minLength(1)),
});

export const OfficialAccountPayResponseSchema = v.object({
  official_account_pay: v.object({
    order_content: OrderContentSchema,
    pay_mch_key: PayMchKeySchema,
    jsapi_args: v.object({ wxpay: v.object({ get_brand_wcpay: GetBrandWcpaySchema }) }),
    nonce_str: v.optional(v.string()),
  }),
});

export const QueryOrderResponseSchema = v.object({
  query_order: v.object({
    nonce_str: v.optional(v.string()),
    pay_mch_key: PayMchKeySchema,
    order_content: OrderContentSchema,
  }),
});

/**
 * close_order: the table names the member `close_order`, the page's example answers `query_order`;
 * both carry only nonce_str. A verified status 0 is the success whatever member it carries.
 */
export const CloseOrderResponseSchema = v.object({
  close_order: v.optional(v.looseObject({ nonce_str: v.optional(v.string()) })),
  query_order: v.optional(v.looseObject({ nonce_str: v.optional(v.string()) })),
});

export const RefundOrderContentSchema = v.object({
  out_refund_no: v.string(),
  refund_id: v.optional(v.string()),
  out_trade_no: v.string(),
  total_fee: fee,
  refund_fee: fee,
  refund_fee_type: v.optional(v.string()),
  wxpay_refund_order_content_ext: v.looseObject({ state: v.pipe(v.number(), v.integer()) }),
});
export type RefundOrderContent = v.InferOutput<typeof RefundOrderContentSchema>;

/** One RefundOrderContent (refund's table) or a list of them (query_refund_order's, and refund's example). */
const RefundOrderContentsSchema = v.union([RefundOrderContentSchema, v.array(RefundOrderContentSchema)]);

const RefundMemberSchema = v.object({
  nonce_str: v.optional(v.string()),
  pay_mch_key: v.optional(PayMchKeySchema),
  refund_order_content: v.optional(RefundOrderContentsSchema),
});

/**
 * refund: the table's member is `refund` with one optional refund_order_content; the page's own
 * example answers `query_refund_order` with an array. Either (or neither) on a verified status 0.
 */
export const RefundResponseSchema = v.object({
  refund: v.optional(RefundMemberSchema),
  query_refund_order: v.optional(RefundMemberSchema),
});

/** refund_order_content is optional in query_refund_order's table too. */
export const QueryRefundOrderResponseSchema = v.object({
  query_refund_order: RefundMemberSchema,
});

/** The notification's request_content (documented): nonce_str, pay_mch_key, order_content, order_client. */
export const NotificationContentSchema = v.object({
  nonce_str: v.string(),
  pay_mch_key: PayMchKeySchema,
  order_content: OrderContentSchema,
  order_client: v.optional(v.looseObject({})),
});
export type NotificationContent = v.InferOutput<typeof NotificationContentSchema>;
