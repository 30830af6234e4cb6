/**
 * Transcribed from Tencent Cloud Pay's 公众号支付 page (tencentyun/qcloud-documents,
 * product/解决方案/微信云支付/开发文档/HTTPS API 说明（新）/交易接口/公众号支付.md).
 * `POST /cpay/official_account_pay`. Answer member `official_account_pay`
 * {order_content, pay_mch_key, jsapi_args.wxpay.get_brand_wcpay, nonce_str}, required when authen_info is present.
 *
 * Table and example disagree on `wxpay_pay_mch_key_ext`: the table marks app_id and open_id
 * required, the example sends only sub_open_id. Both are accepted: a user id (open_id or
 * sub_open_id) is required, app_id is not. The example also sends `trade_type: 3`, which the table
 * does not list: accepted when it is 3.
 */
import * as v from 'valibot';
import { cny, detailText, fen32, nonceStr, orderClientFields, orderNumber, payMchKeyAccounts, required, str } from './common-structures';
import { TradeType } from './enums';

export const ENDPOINT = 'official_account_pay';
export const ANSWER_MEMBER = 'official_account_pay';

export function requestSchema(prefix: string) {
  return v.object({
    pay_content: v.object({
      out_trade_no: orderNumber(prefix),
      time_expire: v.optional(v.pipe(v.number(), v.integer(), v.gtValue(0))),
      total_fee: fen32,
      fee_type: cny,
      body: required(128),
      detail: v.optional(detailText),
      remark: v.optional(str(127)),
      wxpay_pay_content_ext: v.optional(v.object({
          attach: v.optional(str(127)),
          goods_tag: v.optional(str(32)),
          product_id: v.optional(str(32)),
          limit_pay: v.optional(v.literal('no_credit')),
        })),
    }),
    pay_mch_key: v.object({
      pay_platform: v.pipe(v.number(), v.integer()),
      sub_pay_platform: v.optional(v.pipe(v.number(), v.integer())),
      ...payMchKeyAccounts,
      wxpay_pay_mch_key_ext: v.pipe(v.object({
          app_id: v.optional(str(32)),
          sub_app_id: v.optional(str(32)),
          open_id: v.optional(str(128)),
          sub_open_id: v.optional(str(128)),
        }), v.check((ext) => Boolean(ext.open_id || ext.sub_open_id), 'open_id (or sub_open_id) is required for JSAPI payment')),
    }),
    order_client: v.object({
      device_id: v.optional(orderClientFields.device_id),
      staff_id: v.optional(orderClientFields.staff_id),
      terminal_type: v.optional(orderClientFields.terminal_type),
      sdk_version: v.optional(orderClientFields.sdk_version),
      spbill_create_ip: orderClientFields.spbill_create_ip,
    }),
    nonce_str: nonceStr,
    trade_type: v.optional(v.literal(TradeType.OFFICIAL_ACCOUNT)),
  });
}
export type OfficialAccountPayRequest = v.InferOutput<ReturnType<typeof requestSchema>>;
