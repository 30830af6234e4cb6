/** 名词解释 — ming-ci-jie-shi.md: the numeric values query answers use. */

/** 订单状态(orderStatus). */
export const ORDER_STATUS_NUMBER = {
  waiting: 1, // 等待付款
  paid: 2, // 付款成功
  refundOrderSucceeded: 3, // 退款成功（仅针对退款订单）
  partlyRefunded: 6, // 部分退款成功
  refunded: 7, // 退款成功
  reversed: 8, // 订单撤销成功 (9 means the same)
  cancelled: -1, // 已取消
  failed: -2, // 付款失败
} as const;

/** 退款状态(refundStatus). */
export const REFUND_STATUS = { succeeded: 5, failed: -3 } as const;

/** 支付渠道(paymentChannel). */
export const PAYMENT_CHANNEL_NUMBER = { ALIPAY: 1, WECHAT: 2 } as const;

/** 支付方式(paymentWay): BARCODE 条码支付, QRCODE 扫描商户二维码支付, SCAN 扫码支付. */
export const PAYMENT_WAYS = ['BARCODE', 'QRCODE', 'SCAN'] as const;
export type PaymentWay = (typeof PAYMENT_WAYS)[number];
