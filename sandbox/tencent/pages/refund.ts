/**
 * Transcribed from Tencent Cloud Pay's 申请退款 page (tencentyun/qcloud-documents,
 * product/解决方案/微信云支付/开发文档/HTTPS API 说明（新）/交易接口/申请退款.md). `POST /cpay/refund`.
 *
 * Required by the table: refund_content {out_trade_no, out_refund_no, total_fee, refund_fee,
 * refund_fee_type}; pay_mch_key {pay_platform, out_mch_id, out_sub_mch_id, out_shop_id,
 * is_sub_admin (Bool)}, authorization_staff_id when is_sub_admin is false; order_client
 * {device_id String(64), terminal_type, sdk_version, spbill_create_ip}; nonce_str.
 * Optional: refund_reason String(64), api_version (1 = operator's refund right not checked).
 * The page's request example leaves out refund_content and is_sub_admin: the table wins (a refund
 * without amounts cannot be carried out).
 *
 * Answer: the table names the member `refund` {pay_mch_key, refund_order_content? (one
 * RefundOrderContent), nonce_str}; the page's own example answers with `query_refund_order` and
 * refund_order_content as an array. refund_order_content is optional.
 */
import * as v from 'valibot';
import { cny, fen32, nonceStr, orderClientFields, orderNumber, payMchKeyAccounts, str } from './common-structures';

export const ENDPOINT = 'refund';
export const ANSWER_MEMBER = 'refund';
export const EXAMPLE_ANSWER_MEMBER = 'query_refund_order';

export function requestSchema(prefix: string) {
  return v.object({
    refund_content: v.object({
      out_trade_no: orderNumber(prefix),
      out_refund_no: orderNumber(prefix),
      total_fee: fen32,
      refund_fee: fen32,
      refund_fee_type: cny,
      refund_reason: v.optional(str(64)),
      client_refund_flow_id: v.optional(v.pipe(v.number(), v.integer())),
      out_freeze_no: v.optional(str(32)),
      wx_pay_refund_content_ext: v.optional(v.object({ refund_account: v.optional(str(30)) })),
    }),
    pay_mch_key: v.pipe(v.object({
        pay_platform: v.pipe(v.number(), v.integer()),
        sub_pay_platform: v.optional(v.pipe(v.number(), v.integer())),
        ...payMchKeyAccounts,
        is_sub_admin: v.boolean((issue) => (issue.input === undefined ? 'required (Bool)' : 'must be a Bool')),
        authorization_staff_id: v.optional(str(64)),
        authorization_name: v.optional(str(32)),
      }),
      v.forward(
        v.check((k) => k.is_sub_admin || Boolean(k.authorization_staff_id), 'authorization_staff_id is required when is_sub_admin is false'),
        ['authorization_staff_id'],
      ),
    ),
    order_client: v.object({
      device_id: v.pipe(orderClientFields.device_id, v.minLength(1, 'required')),
      terminal_type: orderClientFields.terminal_type,
      sdk_version: orderClientFields.sdk_version,
      spbill_create_ip: orderClientFields.spbill_create_ip,
      sn_code: v.optional(orderClientFields.sn_code),
      staff_id: v.optional(orderClientFields.staff_id),
    }),
    api_version: v.optional(v.union([v.literal(1), v.literal(2)])),
    nonce_str: nonceStr,
  });
}
export type RefundRequest = v.InferOutput<ReturnType<typeof requestSchema>>;
