/**
 * Transcribed from Tencent Cloud Pay's 查询订单 page (tencentyun/qcloud-documents,
 * product/解决方案/微信云支付/开发文档/HTTPS API 说明（新）/交易接口/查询订单.md).
 * `POST /cpay/query_order`. pay_platform optional here; device_id optional; terminal_type,
 * sdk_version, spbill_create_ip required. Answer member `query_order` {order_content, pay_mch_key,
 * order_client?, nonce_str}; `status` is only the call's result, the order's is current_trade_state.
 */
import * as v from 'valibot';
import { nonceStr, orderClientFields, orderNumber, payMchKeyAccounts, tradeType } from './common-structures';

export const ENDPOINT = 'query_order';
export const ANSWER_MEMBER = 'query_order';

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
      sn_code: v.optional(orderClientFields.sn_code),
    }),
    out_trade_no: orderNumber(prefix),
    trade_type: v.optional(tradeType),
    nonce_str: nonceStr,
  });
}
export type QueryOrderRequest = v.InferOutput<ReturnType<typeof requestSchema>>;
