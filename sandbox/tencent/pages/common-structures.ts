/**
 * Transcribed from Tencent Cloud Pay's 公共数据结构 page (tencentyun/qcloud-documents,
 * product/解决方案/微信云支付/开发文档/HTTPS API 说明（新）/公共数据结构.md): the pieces requests
 * share, as each endpoint's own table narrows them (required, String(n) lengths, Number(32)).
 */
import * as v from 'valibot';
import { check } from '../../../server/platform/validation';
import { TRADE_TYPES } from './enums';

/** String(n): at most n characters. */
export const str = (n: number) => v.pipe(v.string(), v.maxLength(n, `at most ${n} characters (String(${n}))`));
/** A required String(n): present and not empty. */
export const required = (n: number) => v.pipe(str(n), v.minLength(1, 'required'));
/** Number(32) amounts in fen. */
export const fen32 = v.pipe(v.number(), v.integer('must be an integer number of fen'), v.minValue(1), v.maxValue(2 ** 31 - 1));
/** nonce_str: String(32), required on every endpoint. */
export const nonceStr = required(32);
/** A dotted quad: String(16) "调用云支付 API 的机器 IP" (the pages' own examples send "90.0.00.0"). */
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** terminal_type: 1 Windows, 2 Android, 3 iOS, 4 Linux, 100 其他. */
export const terminalType = v.union([v.literal(1), v.literal(2), v.literal(3), v.literal(4), v.literal(100)]);

/** PayMchKey's three accounts (String(32), required everywhere). */
export const payMchKeyAccounts = {
  out_mch_id: required(32),
  out_sub_mch_id: required(32),
  out_shop_id: required(32),
};

/**
 * OrderClient fields. Which of them are required differs per endpoint (see each page); the
 * types and lengths are the same everywhere.
 */
export const orderClientFields = {
  device_id: str(64),
  staff_id: str(64),
  terminal_type: terminalType,
  sdk_version: required(10),
  spbill_create_ip: v.pipe(required(16), v.regex(IPV4, 'must be an IPv4 address')),
  sn_code: str(127),
  /** Not in the request tables; the pages' own request examples send it (刷卡 terminals). */
  machine_no: str(32),
};

/** Detail {cost_price?, receipt_id?, goods_detail: GoodsDetail[]}, sent as JSON text in `detail`. */
const detailShape = v.object({
  cost_price: v.optional(v.pipe(v.number(), v.integer())),
  receipt_id: v.optional(str(32)),
  goods_detail: v.array(
    v.object({
      goods_id: v.optional(str(32)),
      goods_name: v.optional(str(256)),
      quantity: v.pipe(v.number(), v.integer(), v.minValue(1)),
      price: v.pipe(v.number(), v.integer(), v.minValue(0)),
    }),
  ),
});

export const detailText = v.pipe(
  v.string(),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(dataset.value);
    } catch {
      addIssue({ message: 'must be JSON text of a Detail' });
      return;
    }
    const result = check(detailShape, parsed);
    if (!result.success) addIssue({ message: `not a Detail: ${result.issues[0]?.message ?? ''}` });
  }),
);

/** out_trade_no / out_refund_no: String(32), starting with the sub-merchant's cloud-pay order prefix. */
export function orderNumber(prefix: string) {
  return v.pipe(
    required(32),
    v.check((no) => no.startsWith(prefix) && no.length > prefix.length, 'must start with the cloud-pay order prefix and carry more than the prefix'),
  );
}

/** trade_type "支付方式，详见枚举 TradeType": one of the enum's values (枚举值定义.md). */
export const tradeType = v.picklist([...TRADE_TYPES], 'must be a TradeType (枚举值定义.md)');

/** CNY only ("目前只支持人民币，请填 CNY"). */
export const cny = v.literal('CNY', 'only CNY is supported');
