/**
 * 支付完成之后的通知 — jie-kou-lie-biao/zhi-fu-wan-cheng-zhi-hou-de-tong-zhi.md: the fields Caibao
 * POSTs after a payment, signed RSA2 over every other non-empty field; the merchant must answer
 * exactly `success`, otherwise Caibao retries "at growing intervals". The content type is not
 * documented (the sandbox sends a form by default, JSON when switched).
 */

/** 参数简介, in the page's order (sign last). */
export const NOTIFICATION_FIELDS = [
  'cbOrderNo', // 采宝的订单号，最长64位
  'appOrderNo', // 调用方自己生成的订单号 (our local_order_no)
  'outOrderNo', // 微信或支付宝产生的订单号
  'orderStatus', // 订单状态详解 (strings)
  'totalAmount', // 以分为单位
  'receiveAmount', // 以分为单位
  'paymentChannel', // 支付渠道详解 (strings)
  'subject',
  'discountAmount', // 以分为单位
  'paymentWay', // 支付方式详解
  'payTime', // 数字格式，值为距离1970.1.1日的毫秒数
  'sign',
] as const;

export const CB_ORDER_NO_MAX = 64;

/** 订单状态详解: notifications carry strings. */
export const NOTIFIED_STATUSES = ['WAIT_PAY', 'PAY_SUC', 'REFUNDING', 'PART_REFUND', 'ALL_REFUND', 'CANCEL', 'PAY_FAIL'] as const;

/** 支付渠道详解. */
export const NOTIFIED_CHANNELS = ['ALIPAY', 'WECHAT'] as const;

/** The only reply that stops the retries ("必须完全相同，不能有任何其他字符"). */
export const ACKNOWLEDGEMENT = 'success';

/**
 * "重试时间会不断加长" is all the page says; this schedule (about a day in all) is the sandbox's
 * own choice.
 */
export const RETRY_DELAYS_MS = [15, 30, 60, 180, 600, 1200, 1800, 3600, 7200, 21600, 50400].map((seconds) => seconds * 1000);
