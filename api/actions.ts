/**
 * What the shopper's client may ask each function, as schemas the server parses the event with
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
import * as v from 'valibot';
import { ORDER_NO, REQUEST_ID, SKU_ID } from './fields';
import { ORDER_TAB_KEYS } from './statuses';

export { ORDER_NO, REQUEST_ID, SKU_ID } from './fields';
export { orderPagePath } from './paths';
export const QR_CHANNELS = ['wechat', 'alipay'] as const;
export type QrChannel = (typeof QR_CHANNELS)[number];

export const cartItemSchema = v.object({
  skuId: SKU_ID,
  quantity: v.pipe(v.number(), v.integer('must be a whole number'), v.minValue(1), v.maxValue(999)),
});
export type CartItem = v.InferOutput<typeof cartItemSchema>;

const checkoutFields = {
  items: v.pipe(v.array(cartItemSchema), v.minLength(1, 'at least one item'), v.maxLength(50, 'at most 50 lines')),
  requestId: REQUEST_ID,
};

/**
 * The message of an unknown action: `must be 'list', 'get' or 'cancel'`. Marked free of side effects
 * (as is `whole`), so that a function's bundle can leave out the other function's requests
 * (scripts/bundle/valibot-pure.ts).
 */
/* @__NO_SIDE_EFFECTS__ */
function actionError(names: readonly string[]): string {
  const expected = names.map((name) => `'${name}'`);
  return `must be ${expected.slice(0, -1).join(', ')} or ${expected.at(-1) ?? ''}`;
}

export const PAY_ACTIONS = ['create', 'createQr', 'pay', 'capabilities', 'status', 'quote'] as const;
export type PayAction = (typeof PAY_ACTIONS)[number];

export const payQuoteRequest = v.object({ action: v.literal('quote'), items: checkoutFields.items });
export const payCreateRequest = v.object({ action: v.literal('create'), ...checkoutFields });
export const payCreateQrRequest = v.object({
  action: v.literal('createQr'),
  ...checkoutFields,
  channel: v.picklist(QR_CHANNELS, "must be 'wechat' or 'alipay'"),
});
export const payExistingRequest = v.object({ action: v.literal('pay'), orderNo: ORDER_NO });
export const payCapabilitiesRequest = v.object({ action: v.literal('capabilities') });
export const payStatusRequest = v.object({ action: v.literal('status'), orderNo: ORDER_NO });

export const payRequest = v.variant(
  'action',
  [payCreateRequest, payCreateQrRequest, payExistingRequest, payCapabilitiesRequest, payStatusRequest, payQuoteRequest],
  actionError(PAY_ACTIONS),
);
export type PayRequest = v.InferInput<typeof payRequest>;

export const ORDERS_ACTIONS = ['list', 'get', 'cancel', 'pending'] as const;
export type OrdersAction = (typeof ORDERS_ACTIONS)[number];

const whole = /* @__NO_SIDE_EFFECTS__ */ (min: number, max: number) => v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));

export const ordersListRequest = v.object({
  action: v.literal('list'),
  offset: v.optional(whole(0, 10_000), 0),
  limit: v.optional(whole(1, 50), 20),
  tab: v.optional(v.picklist(ORDER_TAB_KEYS)),
});
export const ordersGetRequest = v.object({ action: v.literal('get'), orderNo: ORDER_NO });
export const ordersCancelRequest = v.object({ action: v.literal('cancel'), orderNo: ORDER_NO });
export const ordersPendingRequest = v.object({ action: v.literal('pending') });

export const ordersRequest = v.variant(
  'action',
  [ordersListRequest, ordersGetRequest, ordersCancelRequest, ordersPendingRequest],
  actionError(ORDERS_ACTIONS),
);
export type OrdersRequest = v.InferInput<typeof ordersRequest>;
