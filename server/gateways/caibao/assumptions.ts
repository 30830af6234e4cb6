/**
 * Everything about Caibao that its public v1 pages do NOT say, chosen by us and kept in this one
 * file. The sandbox (sandbox/caibao) does not import it: where it must choose too, it says so in its
 * own README. Each entry says what evidence would settle it. The documented rules live in
 * commands.ts, sign.ts, verify.ts, map.ts.
 */

/**
 * `version` sent with open.pay.mp and open.pay.scan, whose tables require it: the documented
 * default. The query, refund and reverse tables have no version row, so we send none there.
 * Settled already (documented); kept here because 1.1 would change the scan answer.
 */
export const PROTOCOL_VERSION = '1.0';

/**
 * Refund idempotency. The v1 `open.pay.refund` table lists no refund number, so Caibao cannot
 * de-duplicate a retried refund for us. Assumed policy: at most ONE refund per order (full or
 * partial). Before sending, the adapter queries the order: if Caibao already shows exactly the
 * requested refund amount, the earlier attempt landed and is reported SUCCEEDED without sending
 * again; any other refunded amount is refused (CONFLICT); a status we cannot read as "paid, nothing
 * refunded" is reported PENDING and nothing is sent.
 * Settled by: a Caibao page or answer showing a merchant refund number, or Caibao confirming that
 * a second open.pay.refund for the same order is refused while the first is in progress.
 */
export const ONE_REFUND_PER_ORDER = true;

/**
 * `goods_list[].goods_price`: "商品单价" without a unit (every amount elsewhere is fen, 以分为单位).
 * Assumed: fen, as integer text, like every other amount. Real integrations have been seen sending
 * yuan with two decimals. Settled by: Caibao stating the unit, or a goods_list shown back in
 * Caibao's merchant console for a test payment.
 */
export const GOODS_PRICE_UNIT: 'fen' | 'yuan' = 'fen';

/**
 * `payTime` is documented as epoch milliseconds in the notification ("数字格式，值为距离1970.1.1日的
 * 毫秒数"); the query page names the field without a format. Assumed: the same epoch ms there; a
 * "yyyy-MM-dd HH:mm:ss" text (seen in other Caibao integrations) is still read, as China time.
 * Settled by: one real open.pay.query answer for a paid order.
 */
export const PAY_TIME_UTC_OFFSET = '+08:00';

/**
 * The payment times read as true: from 2000 to 2100 (UTC), which every epoch-ms value of 13 digits
 * this century falls in and no misread form (a compact yyyyMMddHHmmss taken as ms: year 2612) does.
 * Not a provider rule: a bound on what the order core may be told as paidAt.
 */
export const PAY_TIME_RANGE = { from: Date.UTC(2000, 0, 1), until: Date.UTC(2100, 0, 1) } as const;

/**
 * NO "NOT FOUND" CODE. The pages document one errorCode ("10", command参数为空) and the texts of a
 * refused reverse; none means "no such order". A refused query for an order Caibao does not have is
 * therefore a plain refusal (PROVIDER_REJECTED), never NOT_FOUND.
 * Settled by: Caibao's errorCode list, or a real open.pay.query answer for an unknown local_order_no.
 */
export const NOT_FOUND_ERROR_CODES: readonly string[] = [];

/**
 * LOCAL ORDER NUMBER. The pages give local_order_no no length and no character set ("接入方的本地订单号",
 * unique per merchant). Ours are at most 32 printable ASCII characters (the limit QuickPay and
 * Tencent document for theirs), checked before anything is sent.
 * Settled by: Caibao stating the field's length, or a real open.pay.mp accepted with a longer number.
 */
export const LOCAL_ORDER_NO = { maxLength: 32, pattern: /^[\x21-\x7e]+$/ } as const;

/**
 * A MINI PROGRAM THROUGH open.pay.mp. The page describes open.pay.mp as WeChat's official-account
 * (公众号) payment: sub_app_id is "配置的支付关注的公众号的app_id" and open_id the payer's openid under
 * it. We send the mini program's AppID as sub_app_id and the shopper's openid under it as open_id
 * (what the cloud context knows). It works only if Caibao has this mini program's AppID configured
 * for the merchant: every answer's appId is checked against it (CONFIG_INVALID otherwise).
 * Settled by: Caibao confirming open.pay.mp for mini programs, or a real answer issued for one.
 */
