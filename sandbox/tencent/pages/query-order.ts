/**
 * Transcribed from Tencent Cloud Pay's 查询订单 page (tencentyun/qcloud-documents,
 * product/解决方案/微信云支付/开发文档/HTTPS API 说明（新）/交易接口/查询订单.md).
 * `POST /cpay/query_order`. pay_platform optional here; device_id optional; terminal_type,
 * sdk_version, spbill_create_ip required. Answer member `query_order` {order_content, pay_mch_key,
 * order_client?, nonce_str}; `status` is only the call's result, the order's is current_trade_state.
 */
import { z } from 'zod';
import { nonceStr, orderClientFields, orderNumber, payMchKeyAccounts } from './common-structures';

export const ENDPOINT = 'query_order';
export const ANSWER_MEMBER = 'query_order';

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
      sn_code: orderClientFields.sn_code.optional(),
    }),
    out_trade_no: orderNumber(prefix),
    trade_type: z.number().int().optional(),
    nonce_str: nonceStr,
  });
}
export type QueryOrderRequest = z.infer<ReturnType<typeof requestSchema>>;
