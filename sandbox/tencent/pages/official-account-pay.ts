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
import { z } from 'zod';
import { cny, detailText, fen32, nonceStr, orderClientFields, orderNumber, payMchKeyAccounts, required, str } from './common-structures';
import { TradeType } from './enums';

export const ENDPOINT = 'official_account_pay';
export const ANSWER_MEMBER = 'official_account_pay';

export function requestSchema(prefix: string) {
  return z.object({
    pay_content: z.object({
      out_trade_no: orderNumber(prefix),
      time_expire: z.number().int().positive().optional(),
      total_fee: fen32,
      fee_type: cny,
      body: required(128),
      detail: detailText.optional(),
      remark: str(127).optional(),
      wxpay_pay_content_ext: z
        .object({
          attach: str(127).optional(),
          goods_tag: str(32).optional(),
          product_id: str(32).optional(),
          limit_pay: z.literal('no_credit').optional(),
        })
        .optional(),
    }),
    pay_mch_key: z.object({
      pay_platform: z.number().int(),
      sub_pay_platform: z.number().int().optional(),
      ...payMchKeyAccounts,
      wxpay_pay_mch_key_ext: z
        .object({
          app_id: str(32).optional(),
          sub_app_id: str(32).optional(),
          open_id: str(128).optional(),
          sub_open_id: str(128).optional(),
        })
        .refine((ext) => Boolean(ext.open_id || ext.sub_open_id), { message: 'open_id (or sub_open_id) is required for JSAPI payment' }),
    }),
    order_client: z.object({
      device_id: orderClientFields.device_id.optional(),
      staff_id: orderClientFields.staff_id.optional(),
      terminal_type: orderClientFields.terminal_type.optional(),
      sdk_version: orderClientFields.sdk_version.optional(),
      spbill_create_ip: orderClientFields.spbill_create_ip,
    }),
    nonce_str: nonceStr,
    trade_type: z.literal(TradeType.OFFICIAL_ACCOUNT).optional(),
  });
}
export type OfficialAccountPayRequest = z.infer<ReturnType<typeof requestSchema>>;
