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
import { z } from 'zod';
import { cny, fen32, nonceStr, orderClientFields, orderNumber, payMchKeyAccounts, str } from './common-structures';

export const ENDPOINT = 'refund';
export const ANSWER_MEMBER = 'refund';
export const EXAMPLE_ANSWER_MEMBER = 'query_refund_order';

export function requestSchema(prefix: string) {
  return z.object({
    refund_content: z.object({
      out_trade_no: orderNumber(prefix),
      out_refund_no: orderNumber(prefix),
      total_fee: fen32,
      refund_fee: fen32,
      refund_fee_type: cny,
      refund_reason: str(64).optional(),
      client_refund_flow_id: z.number().int().optional(),
      out_freeze_no: str(32).optional(),
      wx_pay_refund_content_ext: z.object({ refund_account: str(30).optional() }).optional(),
    }),
    pay_mch_key: z
      .object({
        pay_platform: z.number().int(),
        sub_pay_platform: z.number().int().optional(),
        ...payMchKeyAccounts,
        is_sub_admin: z.boolean({ required_error: 'required (Bool)', invalid_type_error: 'must be a Bool' }),
        authorization_staff_id: str(64).optional(),
        authorization_name: str(32).optional(),
      })
      .refine((k) => k.is_sub_admin || Boolean(k.authorization_staff_id), {
        message: 'authorization_staff_id is required when is_sub_admin is false',
        path: ['authorization_staff_id'],
      }),
    order_client: z.object({
      device_id: orderClientFields.device_id.min(1, 'required'),
      terminal_type: orderClientFields.terminal_type,
      sdk_version: orderClientFields.sdk_version,
      spbill_create_ip: orderClientFields.spbill_create_ip,
      sn_code: orderClientFields.sn_code.optional(),
      staff_id: orderClientFields.staff_id.optional(),
    }),
    api_version: z.union([z.literal(1), z.literal(2)]).optional(),
    nonce_str: nonceStr,
  });
}
export type RefundRequest = z.infer<ReturnType<typeof requestSchema>>;
