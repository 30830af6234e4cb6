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
import { z } from 'zod';
import { nonceStr, orderClientFields, orderNumber, payMchKeyAccounts } from './common-structures';

export const ENDPOINT = 'close_order';
export const ANSWER_MEMBER = 'close_order';
export const EXAMPLE_ANSWER_MEMBER = 'query_order';

export function requestSchema(prefix: string) {
  return z.object({
    pay_mch_key: z.object({
      pay_platform: z.number().int(),
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
    trade_type: z.number().int(),
    nonce_str: nonceStr,
  });
}
export type CloseOrderRequest = z.infer<ReturnType<typeof requestSchema>>;
