/**
 * Everything about Tencent Cloud Pay that we chose because nothing public says. One place, so that
 * one edit changes them. A few documented limits used next to them live here too and say
 * "documented". The public pages: repo `tencentyun/qcloud-documents`, folder
 * `product/解决方案/微信云支付/开发文档/HTTPS API 说明（新）/`; each entry names its page there.
 */

/**
 * `order_client.terminal_type` and `sdk_version` are required by query/close/refund/query_refund
 * (documented: `交易接口/查询订单.md`, `关闭订单.md`, `申请退款.md`, `查询退款单.md`) but their values for a server are not: 100 = "other" terminal; the SDK version is
 * ours to name (String(10)). Settled by: cloud pay accepting them on a live refund, or its support
 * naming the values a server integration should send.
 */
export const TERMINAL_TYPE_OTHER = 100;
export const SDK_VERSION = 'ts-1.0';

/**
 * `pay_mch_key.is_sub_admin` (Bool) is required by refund's table (`交易接口/申请退款.md`); its example leaves it out. We
 * send true: the call is the merchant's own back office, and with api_version left at its default
 * 1 the operator's refund right is not checked (documented), so no authorization_staff_id is
 * needed. Settled by: a live refund accepted with it, or the console showing the key's role.
 */
export const REFUND_BY_SUB_ADMIN = true;

/**
 * `wxpay_pay_mch_key_ext` on official_account_pay (`交易接口/公众号支付.md`): the table marks app_id (the service provider's
 * official-account AppID) and open_id (the shopper under that AppID) required; the page's example
 * sends only sub_open_id. A mini program knows its own AppID and the shopper's openid under it, so
 * we send sub_app_id (this mini program) + sub_open_id, as WeChat's service-provider mode does for a
 * sub-merchant's mini program. Settled by: a live official_account_pay accepted in this form, or
 * the answer's get_brand_wcpay.app_id being this mini program's (checked on every answer).
 */
export const SEND_SUB_APP_ID = true;

/*
 * A MINI PROGRAM THROUGH official_account_pay (trade_type 3). TradeType 9 (小程序支付) is in the enum
 * list (`枚举值定义.md`) but no page documents an endpoint for it; official_account_pay is the
 * documented JSAPI call, and its get_brand_wcpay fields are what wx.requestPayment takes. Settled
 * by: a cloud-pay page for mini program payment, or a live official_account_pay paid in a mini program.
 */

/** `refund_reason` is String(64) (documented: `交易接口/申请退款.md`); longer reasons are cut (characters). */
export const REFUND_REASON_MAX_CHARS = 64;

/**
 * `body` is String(128) (`交易接口/公众号支付.md`). Whether that counts characters or bytes is not said: we send at most 128
 * UTF-8 bytes, which satisfies both readings; the sandbox enforces 128 characters. Settled by: a
 * live order with a 128-character Chinese body accepted or refused.
 */
export const BODY_MAX_BYTES = 128;

/** `detail` is String(6000) (documented: `公共数据结构.md`, OrderContent); when the goods list is longer we leave the optional field out. */
export const DETAIL_MAX_CHARS = 6000;

/**
 * The notification reply's status when we could not process it: `交易接口/支付成功回调.md` says only "non-zero =
 * failed or please retry"; we answer 103 (internal error, retry). Settled by: cloud pay's retry
 * schedule documentation, or a live notification redelivered after a 103 reply.
 */
export const NOTIFY_REPLY_RETRY_STATUS = 103;
export const NOTIFY_REPLY_OK_DESCRIPTION = 'OK';
export const NOTIFY_REPLY_RETRY_DESCRIPTION = 'not processed, please retry';

/*
 * The pages document only `authen_info.a` (HMAC-SHA256, "只支持填1"; `接口调用说明.md`) for every endpoint: envelope.ts
 * has a single signing rule.
 *
 * Status 3 and 101 answers come without authen_info (the older full cloud-pay reference's Status
 * table, column 返回内容是否带认证码; the current pages only say a result member is required
 * "authen_info 存在时"). Settled by: a live 101 answer with or without authen_info.
 *
 * No Status means "no such order" (`枚举值定义.md`, Status: 0, 3, 101–104, each an instruction to the
 * caller, none a lookup result): a refused query/close/refund of an order cloud pay does not have is
 * a plain refusal (PROVIDER_REJECTED), never NOT_FOUND. Settled by: a live query_order answer for an
 * unknown out_trade_no (its status and internal_status).
 *
 * current_trade_state 12 (订单受理中) and the deposit states 13/14 are read as UNKNOWN (query
 * again; the states: `枚举值定义.md`, WxpayOrderState): an official-account order is not a deposit order, and "being accepted" has no result yet.
 * Settled by: cloud pay saying which states an official_account_pay order can take.
 */

/** Status 103 says "retry after about 3 seconds, or query" (documented: `枚举值定义.md`, Status). */
export const RETRY_AFTER_INTERNAL_ERROR_MS = 3_000;

/** Without TENCENT_TIMEOUT_MS (ours to choose; nothing to settle). */
export const DEFAULT_TIMEOUT_MS = 10_000;
