/**
 * Transcribed from Tencent Cloud Pay's 枚举值定义 page (tencentyun/qcloud-documents,
 * product/解决方案/微信云支付/开发文档/HTTPS API 说明（新）/枚举值定义.md). Only the WeChat side and
 * the interface enums; each value with the page's meaning.
 */

/** PayPlatform: 1 微信支付, 2 支付宝, 4 记账模式. */
export const PayPlatform = { WECHAT: 1, ALIPAY: 2, BOOKKEEPING: 4 } as const;

/** SubPayPlatform: 100 微信支付, 200 支付宝, 401 银行卡记账, 402 现金记账. */
export const SubPayPlatform = { WECHAT: 100, ALIPAY: 200, BANK_CARD_BOOKKEEPING: 401, CASH_BOOKKEEPING: 402 } as const;

/** TradeType: 1 刷卡, 2 扫码, 3 公众号, 4 App, 5 声波, 6 手机网站, 8 一码, 9 小程序. */
export const TradeType = {
  MICROPAY: 1,
  SCAN: 2,
  OFFICIAL_ACCOUNT: 3,
  APP: 4,
  SOUND_WAVE: 5,
  MOBILE_WEB: 6,
  ONE_CODE: 8,
  MINI_PROGRAM: 9,
} as const;
export const TRADE_TYPES: readonly number[] = Object.values(TradeType);

/** WxpayOrderState (`wxpay_order_content_ext.current_trade_state`), 1–14. */
export const WxpayOrderState = {
  /** 订单初始态 */
  INITIAL: 1,
  /** 刷卡支付，成功 */
  MICROPAY_SUCCESS: 2,
  /** 统一下单，支付成功 */
  PAID: 3,
  /** 已转入退款 */
  TURNED_TO_REFUND: 4,
  /** 刷卡支付，顾客停止支付 */
  MICROPAY_STOPPED: 5,
  /** 统一下单，待顾客支付 */
  WAITING_FOR_PAYMENT: 6,
  /** 统一下单，订单已关闭 */
  CLOSED: 7,
  /** 刷卡支付，已撤单 */
  REVERSED: 8,
  /** 刷卡支付，用户支付中 */
  PAYING: 9,
  /** 刷卡支付，支付错误 */
  PAY_ERROR: 10,
  /** 作废状态，表示本地有，第三方支付平台没有的订单 */
  VOID: 11,
  /** 订单受理中 */
  BEING_ACCEPTED: 12,
  /** 押金解冻成功 */
  DEPOSIT_UNFROZEN: 13,
  /** 押金消费成功 */
  DEPOSIT_CONSUMED: 14,
} as const;

/** WxpayRefundOrderState (`wxpay_refund_order_content_ext.state`), 1–6. */
export const WxpayRefundOrderState = {
  /** 退款单初始态 */
  INITIAL: 1,
  /** 退款成功 */
  SUCCEEDED: 2,
  /** 退款失败 */
  FAILED: 3,
  /** 退款处理中 */
  PROCESSING: 4,
  /** 转入代发: the card was void or frozen, the money went back to the sub-merchant's cash account; a person pays it out. */
  RETURNED_TO_MERCHANT: 5,
  /** 作废状态，表示本地有，第三方支付平台没有的订单 */
  VOID: 6,
} as const;

/** AuthenType: 1 HMAC-SHA256, 2 MD5. */
export const AuthenType = { HMAC_SHA256: 1, MD5: 2 } as const;

/** Status (`response_content.status`) with the page's instruction to the caller. */
export const Status = {
  /** 成功 */
  OK: 0,
  /** 未知 */
  UNKNOWN: 3,
  /** 根据 description 字段内容，检查调用逻辑是否有问题，如认证码计算错误 */
  CHECK_CALL: 101,
  /** 换新单号重试，并根据 description 字段内容，检查调用逻辑是否有问题，如单号重复 */
  NEW_ORDER_NO: 102,
  /** 隔3秒后原请求重试或查询结果 */
  RETRY_OR_QUERY: 103,
  /** 根据 description 字段内容操作，如退款时顾客余额不足 */
  ACT_ON_DESCRIPTION: 104,
} as const;

/**
 * Which statuses come without authen_info: 3 and 101 (the older full cloud-pay reference in the same
 * repository has a Status table with a 返回内容是否带认证码 column: 0 yes, 3 no, 101 no, 102–104 yes).
 * The current pages only say a result member is required "authen_info 存在时".
 */
export const UNSIGNED_STATUSES: ReadonlySet<number> = new Set([Status.UNKNOWN, Status.CHECK_CALL]);
