/**
 * What the cloud functions answer, validated on arrival with the schemas of the shared API (api/):
 * a shape the shop does not expect becomes a clear error instead of a broken page. Amounts are integer fen.
 */
export {
  catalogSchema,
  isFinal,
  isPayable,
  orderPageSchema,
  orderViewSchema as orderSchema,
  payCapabilitiesSchema,
  paymentAnswerSchema,
  pendingOrderSchema,
  qrAnswerSchema,
  quoteSchema,
  SHOPPER_STATUSES,
  shopperStatus,
  wasPaid,
  type OrderView as Order,
  type OrderPageView as OrderPage,
  type PayCapabilitiesView as PayCapabilities,
  type PaymentAnswerView as PaymentAnswer,
  type PayParams,
  type PendingOrderView as PendingOrder,
  type ProductView as Product,
  type QrAnswerView as QrAnswer,
  type QrChannel,
  type QuoteView as Quote,
  type ShopperStatus as OrderStatus,
} from '../../api';
