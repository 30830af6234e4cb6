/**
 * Transcribed from Tencent Cloud Pay's 查询退款单 page (tencentyun/qcloud-documents,
 * product/解决方案/微信云支付/开发文档/HTTPS API 说明（新）/交易接口/查询退款单.md).
 * `POST /cpay/query_refund_order`. pay_platform optional; device_id optional; terminal_type,
 * sdk_version, spbill_create_ip required. Answer member `query_refund_order` {pay_mch_key,
 * refund_order_content? (RefundOrderContent[]), order_client?, nonce_str}.
 */
import { z } from 'zod';
import { nonceStr, orderClientFields, orderNumber, payMchKeyAccounts } from './common-structures';

export const ENDPOINT = 'query_refund_order';
export const ANSWER_MEMBER = 'query_refund_order';

export function requestSchema(prefix: string) {
  return z.object({
    pay_mch_key: z.object({
      pay_platform: z.number().int().optional(),
      sub_pay_platform: z.number().int().optional(),
      ...payMchKeyAccounts,
    }),
    order_client: z.object({
      device_id: orderClientFields.device_id.optional(),
      staff_id: orderClientFields.staff_id.optional(),
      terminal_type: orderClientFields.terminal_type,
      sdk_version: orderClientFields.sdk_version,
      spbill_create_ip: orderClientFields.spbill_create_ip,
    }),
    out_trade_no: orderNumber(prefix),
    out_refund_no: orderNumber(prefix),
    nonce_str: nonceStr,
  });
}
export type QueryRefundOrderRequest = z.infer<ReturnType<typeof requestSchema>>;
