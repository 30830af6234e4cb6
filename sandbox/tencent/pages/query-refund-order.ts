/**
 * Transcribed from Tencent Cloud Pay's 查询退款单 page (tencentyun/qcloud-documents,
 * product/解决方案/微信云支付/开发文档/HTTPS API 说明（新）/交易接口/查询退款单.md).
 * `POST /cpay/query_refund_order`. pay_platform optional; device_id optional; terminal_type,
 * sdk_version, spbill_create_ip required. Answer member `query_refund_order` {pay_mch_key,
 * refund_order_content? (RefundOrderContent[]), order_client?, nonce_str}.
 */
import * as v from 'valibot';
import { nonceStr, orderClientFields, orderNumber, payMchKeyAccounts } from './common-structures';

export const ENDPOINT = 'query_refund_order';
export const ANSWER_MEMBER = 'query_refund_order';

export function requestSchema(prefix: string) {
  return v.object({
    pay_mch_key: v.object({
      pay_platform: v.optional(v.pipe(v.number(), v.integer())),
      sub_pay_platform: v.optional(v.pipe(v.number(), v.integer())),
      ...payMchKeyAccounts,
    }),
    order_client: v.object({
      device_id: v.optional(orderClientFields.device_id),
      staff_id: v.optional(orderClientFields.staff_id),
      terminal_type: orderClientFields.terminal_type,
      sdk_version: orderClientFields.sdk_version,
      spbill_create_ip: orderClientFields.spbill_create_ip,
    }),
    out_trade_no: orderNumber(prefix),
    out_refund_no: orderNumber(prefix),
    nonce_str: nonceStr,
  });
}
export type QueryRefundOrderRequest = v.InferOutput<ReturnType<typeof requestSchema>>;
