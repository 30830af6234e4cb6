/**
 * Transcribed from Tencent Cloud Pay's 公共数据结构 page (tencentyun/qcloud-documents,
 * product/解决方案/微信云支付/开发文档/HTTPS API 说明（新）/公共数据结构.md): the pieces requests
 * share, as each endpoint's own table narrows them (required, String(n) lengths, Number(32)).
 */
import { z } from 'zod';

/** String(n): at most n characters. */
export const str = (n: number) => z.string().max(n, `at most ${n} characters (String(${n}))`);
/** A required String(n): present and not empty. */
export const required = (n: number) => str(n).min(1, 'required');
/** Number(32) amounts in fen. */
export const fen32 = z.number().int('must be an integer number of fen').min(1).max(2 ** 31 - 1);
/** nonce_str: String(32), required on every endpoint. */
export const nonceStr = required(32);
/** A dotted quad: String(16) "调用云支付 API 的机器 IP" (the pages' own examples send "90.0.00.0"). */
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** terminal_type: 1 Windows, 2 Android, 3 iOS, 4 Linux, 100 其他. */
export const terminalType = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(100)], {
  errorMap: () => ({ message: 'must be 1, 2, 3, 4 or 100' }),
});

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
  spbill_create_ip: required(16).regex(IPV4, 'must be an IPv4 address'),
  sn_code: str(127),
  /** Not in the request tables; the pages' own request examples send it (刷卡 terminals). */
  machine_no: str(32),
};

/** Detail {cost_price?, receipt_id?, goods_detail: GoodsDetail[]}, sent as JSON text in `detail`. */
export const detailText = z.string().superRefine((text, ctx) => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be JSON text of a Detail' });
    return;
  }
  const shape = z.object({
    cost_price: z.number().int().optional(),
    receipt_id: str(32).optional(),
    goods_detail: z.array(
      z.object({
        goods_id: str(32).optional(),
        goods_name: str(256).optional(),
        quantity: z.number().int().min(1),
        price: z.number().int().min(0),
      }),
    ),
  });
  const result = shape.safeParse(parsed);
  if (!result.success) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `not a Detail: ${result.error.issues[0]?.message ?? ''}` });
});

/** out_trade_no / out_refund_no: String(32), starting with the sub-merchant's cloud-pay order prefix. */
export function orderNumber(prefix: string) {
  return required(32).refine((v) => v.startsWith(prefix) && v.length > prefix.length, {
    message: 'must start with the cloud-pay order prefix and carry more than the prefix',
  });
}

/** CNY only ("目前只支持人民币，请填 CNY"). */
export const cny = z.literal('CNY', { errorMap: () => ({ message: 'only CNY is supported' }) });
