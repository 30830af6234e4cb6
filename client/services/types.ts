/**
 * What the cloud functions answer (server/functions/*), validated on arrival: a shape the shop
 * does not expect becomes a clear error instead of a broken page. Amounts are integer fen.
 */
import { z } from 'zod';

/** The order statuses of server/orders/states.ts (test/client/services/types.test.ts keeps them equal). */
export const ORDER_STATUSES = [
  'CREATED',
  'PAYING',
  'UNKNOWN',
  'PAID',
  'CLOSED',
  'FAILED',
  'REFUNDING',
  'PARTIALLY_REFUNDED',
  'REFUNDED',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

const fen = z.number().int();

export const productSchema = z.object({
  skuId: z.string(),
  name: z.string(),
  unitPrice: fen.min(1),
  available: z.boolean(),
  maxPerOrder: z.number().int().min(1),
  description: z.string().optional(),
});
export type Product = z.infer<typeof productSchema>;

export const catalogSchema = z.object({ products: z.array(productSchema) });

export const payParamsSchema = z.object({
  timeStamp: z.string(),
  nonceStr: z.string(),
  package: z.string(),
  signType: z.enum(['MD5', 'HMAC-SHA256', 'RSA']),
  paySign: z.string(),
});
export type PayParams = z.infer<typeof payParamsSchema>;

const status = z.enum(ORDER_STATUSES);

export const paymentAnswerSchema = z.object({
  orderNo: z.string(),
  amount: fen,
  status,
  payment: payParamsSchema,
});
export type PaymentAnswer = z.infer<typeof paymentAnswerSchema>;

/** `pay` createQr: the text to show as a QR code, scanned with the wallet app of the chosen channel. */
export const qrAnswerSchema = z.object({
  orderNo: z.string(),
  amount: fen,
  status,
  qr: z.object({ content: z.string().min(1) }),
});
export type QrAnswer = z.infer<typeof qrAnswerSchema>;
export type QrChannel = 'wechat' | 'alipay';

/** `pay` capabilities: what the shop's payment provider offers besides in-app payment. */
export const payCapabilitiesSchema = z.object({ qrPayment: z.boolean() });
export type PayCapabilities = z.infer<typeof payCapabilitiesSchema>;

export const orderSchema = z.object({
  orderNo: z.string(),
  status,
  amount: fen,
  description: z.string(),
  lines: z.array(z.object({ skuId: z.string(), name: z.string(), unitPrice: fen, quantity: z.number().int() })),
  createdAt: z.number(),
  expiresAt: z.number(),
  paidAt: z.number().optional(),
  refundedAmount: fen,
});
export type Order = z.infer<typeof orderSchema>;

export const orderPageSchema = z.object({
  orders: z.array(orderSchema),
  total: z.number().int(),
  offset: z.number().int(),
  limit: z.number().int(),
});
export type OrderPage = z.infer<typeof orderPageSchema>;

/** Nothing more will happen to the payment (the server said so). */
export function isFinal(status: OrderStatus): boolean {
  return status !== 'CREATED' && status !== 'PAYING' && status !== 'UNKNOWN';
}

/** The shopper may still pay (or cancel) this order. */
export function isPayable(status: OrderStatus): boolean {
  return status === 'CREATED' || status === 'PAYING';
}

const STATUS_LABELS: Record<OrderStatus, string> = {
  CREATED: 'Awaiting payment',
  PAYING: 'Awaiting payment',
  UNKNOWN: 'Being confirmed',
  PAID: 'PAID',
  CLOSED: 'Cancelled',
  FAILED: 'Payment failed',
  REFUNDING: 'Refund in progress',
  PARTIALLY_REFUNDED: 'Partly refunded',
  REFUNDED: 'Refunded',
};

export function statusLabel(status: OrderStatus): string {
  return STATUS_LABELS[status];
}
