/**
 * What the functions answer, as zod schemas (the client validates every answer with them) and the
 * types both sides build from them. Amounts are integer fen; times are epoch milliseconds.
 */
import { z } from 'zod';
import { SHOPPER_STATUSES } from './statuses';

const fen = z.number().int();

export const productSchema = z.object({
  skuId: z.string(),
  name: z.string(),
  unitPrice: fen.min(1),
  available: z.boolean(),
  maxPerOrder: z.number().int().min(1),
  description: z.string().optional(),
});
export type ProductView = z.infer<typeof productSchema>;

/** `catalog` → the products on sale, in listing order. */
export const catalogSchema = z.object({ products: z.array(productSchema) });
export type CatalogView = z.infer<typeof catalogSchema>;

/** Exactly what wx.requestPayment takes. */
export const payParamsSchema = z.object({
  timeStamp: z.string(),
  nonceStr: z.string(),
  package: z.string(),
  signType: z.enum(['MD5', 'HMAC-SHA256', 'RSA']),
  paySign: z.string(),
});
export type PayParams = z.infer<typeof payParamsSchema>;

const status = z.enum(SHOPPER_STATUSES);

export const orderLineSchema = z.object({ skuId: z.string(), name: z.string(), unitPrice: fen, quantity: z.number().int() });
export type OrderLineView = z.infer<typeof orderLineSchema>;

/** What a shopper sees of an order. `status` is the shopper status (EXPIRED once its time is up). */
export const orderViewSchema = z.object({
  orderNo: z.string(),
  status,
  amount: fen,
  description: z.string(),
  lines: z.array(orderLineSchema),
  createdAt: z.number(),
  /** After this the order can no longer be paid. */
  expiresAt: z.number(),
  paidAt: z.number().optional(),
  refundedAmount: fen,
});
export type OrderView = z.infer<typeof orderViewSchema>;

/** `orders` list → a page of the shopper's orders, newest first. */
export const orderPageSchema = z.object({
  orders: z.array(orderViewSchema),
  total: z.number().int(),
  offset: z.number().int(),
  limit: z.number().int(),
});
export type OrderPageView = z.infer<typeof orderPageSchema>;

/** `pay` quote → the cart as the server prices it now (确认订单); the order made on paying may differ if prices change meanwhile. */
export const quoteSchema = z.object({ lines: z.array(orderLineSchema), amount: fen });
export type QuoteView = z.infer<typeof quoteSchema>;

/** `pay` create / pay → pay params for wx.requestPayment (the same ones again while the order is valid). */
export const paymentAnswerSchema = z.object({
  orderNo: z.string(),
  amount: fen,
  status,
  payment: payParamsSchema,
  /** When the order stops being payable (absent from servers that predate it). */
  expiresAt: z.number().optional(),
});
export type PaymentAnswerView = z.infer<typeof paymentAnswerSchema>;

/** `pay` createQr (or pay on a QR order): the text to show as a QR code. */
export const qrAnswerSchema = z.object({
  orderNo: z.string(),
  amount: fen,
  status,
  qr: z.object({ content: z.string().min(1) }),
  expiresAt: z.number().optional(),
});
export type QrAnswerView = z.infer<typeof qrAnswerSchema>;

/** `pay` capabilities: what the shop's payment provider offers besides in-app payment. */
export const payCapabilitiesSchema = z.object({ qrPayment: z.boolean() });
export type PayCapabilitiesView = z.infer<typeof payCapabilitiesSchema>;

/** `orders` pending → the shopper's newest order that is still payable, if any (resume after a reload or restart). */
export const pendingOrderSchema = z.object({ order: orderViewSchema.nullable() });
export type PendingOrderView = z.infer<typeof pendingOrderSchema>;
