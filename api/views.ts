/**
 * What the functions answer, as schemas (the client validates every answer with them) and the
 * types both sides build from them. Amounts are integer fen; times are epoch milliseconds.
 */
import * as v from 'valibot';
import { SHOPPER_STATUSES } from './statuses';

const fen = v.pipe(v.number(), v.integer());
const whole = fen;

export const productSchema = v.object({
  skuId: v.string(),
  name: v.string(),
  unitPrice: v.pipe(fen, v.minValue(1)),
  available: v.boolean(),
  maxPerOrder: v.pipe(fen, v.minValue(1)),
  description: v.optional(v.string()),
});
export type ProductView = v.InferOutput<typeof productSchema>;

/** `catalog` → the products on sale, in listing order. */
export const catalogSchema = v.object({ products: v.array(productSchema) });
export type CatalogView = v.InferOutput<typeof catalogSchema>;

/** Exactly what wx.requestPayment takes. */
export const payParamsSchema = v.object({
  timeStamp: v.string(),
  nonceStr: v.string(),
  package: v.string(),
  signType: v.picklist(['MD5', 'HMAC-SHA256', 'RSA']),
  paySign: v.string(),
});
export type PayParams = v.InferOutput<typeof payParamsSchema>;

const status = v.picklist(SHOPPER_STATUSES);

export const orderLineSchema = v.object({ skuId: v.string(), name: v.string(), unitPrice: fen, quantity: whole });
export type OrderLineView = v.InferOutput<typeof orderLineSchema>;

/** What a shopper sees of an order. `status` is the shopper status (EXPIRED once its time is up). */
export const orderViewSchema = v.object({
  orderNo: v.string(),
  status,
  amount: fen,
  description: v.string(),
  lines: v.array(orderLineSchema),
  createdAt: v.number(),
  /** After this the order can no longer be paid. */
  expiresAt: v.number(),
  paidAt: v.optional(v.number()),
  refundedAmount: fen,
  /**
   * A refund under way (退款中): its amount, not yet in refundedAmount, which moves only once the
   * provider says it succeeded. 0 when none; absent from servers that predate it.
   */
  refundingAmount: v.optional(fen),
  /**
   * How the order is paid, fixed when it was made: `jsapi` in WeChat's payment sheet, `qr` by a QR
   * code outside the mini program (where no subscribe message is asked). Absent from servers that predate it.
   */
  method: v.optional(v.picklist(['jsapi', 'qr'])),
});
export type OrderView = v.InferOutput<typeof orderViewSchema>;

/** `orders` list → a page of the shopper's orders, newest first. */
export const orderPageSchema = v.object({
  orders: v.array(orderViewSchema),
  total: whole,
  offset: whole,
  limit: whole,
});
export type OrderPageView = v.InferOutput<typeof orderPageSchema>;

/** `pay` quote → the cart as the server prices it now (确认订单); the order made on paying may differ if prices change meanwhile. */
export const quoteSchema = v.object({ lines: v.array(orderLineSchema), amount: fen });
export type QuoteView = v.InferOutput<typeof quoteSchema>;

/** `pay` create / pay → pay params for wx.requestPayment (the same ones again while the order is valid). */
export const paymentAnswerSchema = v.object({
  orderNo: v.string(),
  amount: fen,
  status,
  payment: payParamsSchema,
  /** When the order stops being payable (absent from servers that predate it). */
  expiresAt: v.optional(v.number()),
});
export type PaymentAnswerView = v.InferOutput<typeof paymentAnswerSchema>;

/** `pay` createQr (or pay on a QR order): the text to show as a QR code. */
export const qrAnswerSchema = v.object({
  orderNo: v.string(),
  amount: fen,
  status,
  qr: v.object({ content: v.pipe(v.string(), v.minLength(1)) }),
  expiresAt: v.optional(v.number()),
});
export type QrAnswerView = v.InferOutput<typeof qrAnswerSchema>;

/** `pay` capabilities: what the shop's payment provider offers besides in-app payment. */
export const payCapabilitiesSchema = v.object({ qrPayment: v.boolean() });
export type PayCapabilitiesView = v.InferOutput<typeof payCapabilitiesSchema>;

/** `orders` pending → the shopper's newest order that is still payable, if any (resume after a reload or restart). */
export const pendingOrderSchema = v.object({ order: v.nullable(orderViewSchema) });
export type PendingOrderView = v.InferOutput<typeof pendingOrderSchema>;
