/**
 * What the shopper's client may ask each function, as zod schemas the server parses the event with
 * (bad input → INVALID_ARGUMENT naming the field) and the client's calls are typed from.
 *
 * `pay`:
 * - `quote {items}` → QuoteView: the cart priced from the catalog, for 确认订单; makes nothing.
 * - `create {items, requestId}` → PaymentAnswerView: one order per (shopper, requestId).
 * - `createQr {items, requestId, channel}` → QrAnswerView (outside WeChat, providers with QR payment).
 * - `pay {orderNo}` → PaymentAnswerView | QrAnswerView: pay an existing unpaid order again (from
 *   我的订单 / 订单详情, or after a reload): the same order and, while valid, the same pay params.
 *   ORDER_PAID / ORDER_CLOSED / ORDER_EXPIRED when it can no longer be paid.
 * - `capabilities` → PayCapabilitiesView. `status {orderNo}` → OrderView (asks the provider while open).
 * `orders`:
 * - `list {offset?, limit?, tab?}` → OrderPageView (newest first; `tab` filters by ORDER_TABS).
 * - `get {orderNo}`, `cancel {orderNo}` → OrderView. `pending` → PendingOrderView.
 */
import { z } from 'zod';
import { ORDER_NO, REQUEST_ID, SKU_ID } from './fields';
import { ORDER_TAB_KEYS } from './statuses';

export { ORDER_NO, REQUEST_ID, SKU_ID } from './fields';
export { orderPagePath } from './paths';
export const QR_CHANNELS = ['wechat', 'alipay'] as const;
export type QrChannel = (typeof QR_CHANNELS)[number];

export const cartItemSchema = z.object({ skuId: SKU_ID, quantity: z.number().int('must be a whole number').min(1).max(999) });
export type CartItem = z.infer<typeof cartItemSchema>;

const checkoutFields = {
  items: z.array(cartItemSchema).min(1, 'at least one item').max(50, 'at most 50 lines'),
  requestId: REQUEST_ID,
};

function actionError(names: readonly string[]): z.ZodErrorMap {
  const expected = names.map((name) => `'${name}'`);
  const list = `${expected.slice(0, -1).join(', ')} or ${expected.at(-1) ?? ''}`;
  return (issue, ctx) => (issue.code === 'invalid_union_discriminator' ? { message: `must be ${list}` } : { message: ctx.defaultError });
}

export const PAY_ACTIONS = ['create', 'createQr', 'pay', 'capabilities', 'status', 'quote'] as const;
export type PayAction = (typeof PAY_ACTIONS)[number];

export const payQuoteRequest = z.object({ action: z.literal('quote'), items: checkoutFields.items });
export const payCreateRequest = z.object({ action: z.literal('create'), ...checkoutFields });
export const payCreateQrRequest = z.object({
  action: z.literal('createQr'),
  ...checkoutFields,
  channel: z.enum(QR_CHANNELS, { errorMap: () => ({ message: "must be 'wechat' or 'alipay'" }) }),
});
export const payExistingRequest = z.object({ action: z.literal('pay'), orderNo: ORDER_NO });
export const payCapabilitiesRequest = z.object({ action: z.literal('capabilities') });
export const payStatusRequest = z.object({ action: z.literal('status'), orderNo: ORDER_NO });

export const payRequest = z.discriminatedUnion(
  'action',
  [payCreateRequest, payCreateQrRequest, payExistingRequest, payCapabilitiesRequest, payStatusRequest, payQuoteRequest],
  { errorMap: actionError(PAY_ACTIONS) },
);
export type PayRequest = z.input<typeof payRequest>;

export const ORDERS_ACTIONS = ['list', 'get', 'cancel', 'pending'] as const;
export type OrdersAction = (typeof ORDERS_ACTIONS)[number];

export const ordersListRequest = z.object({
  action: z.literal('list'),
  offset: z.number().int().min(0).max(10_000).default(0),
  limit: z.number().int().min(1).max(50).default(20),
  tab: z.enum(ORDER_TAB_KEYS as [string, ...string[]]).optional(),
});
export const ordersGetRequest = z.object({ action: z.literal('get'), orderNo: ORDER_NO });
export const ordersCancelRequest = z.object({ action: z.literal('cancel'), orderNo: ORDER_NO });
export const ordersPendingRequest = z.object({ action: z.literal('pending') });

export const ordersRequest = z.discriminatedUnion('action', [ordersListRequest, ordersGetRequest, ordersCancelRequest, ordersPendingRequest], {
  errorMap: actionError(ORDERS_ACTIONS),
});
export type OrdersRequest = z.input<typeof ordersRequest>;
