/**
 * Transcribed from Tencent Cloud Pay's 关闭订单 page (tencentyun/qcloud-documents,
 * product/解决方案/微信云支付/开发文档/HTTPS API 说明（新）/交易接口/关闭订单.md).
 * `POST /cpay/close_order`. pay_platform and trade_type required; device_id required "如果是公众号
 * 支付订单，则此项可不填写" (checked against the order once it is found); terminal_type,
 * sdk_version, spbill_create_ip required.
 *
 * Answer: the table names the member `close_order` {nonce_str}; the page's own example answers
 * with a `query_order` {nonce_str} member instead. The sandbox answers the table's way unless told
 * to answer like the example.
 */
import * as v from 'valibot';
import { nonceStr, orderClientFields, orderNumber, payMchKeyAccounts, tradeType } from './common-structures';

export const ENDPOINT = 'close_order';
export const ANSWER_MEMBER = 'close_order';
export const EXAMPLE_ANSWER_MEMBER = 'query_order';

export function requestSchema(prefix: string) {
  return v.object({
    pay_mch_key: v.object({
      pay_platform: v.pipe(v.number(), v.integer()),
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
    trade_type: tradeType,
    nonce_str: nonceStr,
  });
}
export type CloseOrderRequest = v.InferOutput<ReturnType<typeof requestSchema>>;
