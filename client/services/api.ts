/**
 * The shop's calls to its cloud functions (server/functions/*), typed by the shared API (api/) and
 * checked on arrival. A function's `{ok:false, error:{code}}` becomes an `ApiError` carrying the
 * code; anything else that is not the expected answer (network, platform, shape) becomes one too.
 * The shopper is shown `describeError`: the client's own Chinese words for the code, never the
 * server's or a provider's message (kept on the error for logs only).
 */
import * as v from 'valibot';
import type { CartItem, OrdersRequest, OrderTab, PayRequest } from '../../api';
import { errorMessage } from '../strings';
import { getCloud } from './cloud';
import { noteOrder } from './attempt';
import {
  catalogSchema,
  orderPageSchema,
  orderSchema,
  payCapabilitiesSchema,
  paymentAnswerSchema,
  pendingOrderSchema,
  qrAnswerSchema,
  quoteSchema,
  type Order,
  type OrderPage,
  type PayCapabilities,
  type PaymentAnswer,
  type Product,
  type QrAnswer,
  type QrChannel,
  type Quote,
} from './types';

export type { CartItem };

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly code: string,
    /** For developers and logs; never shown to the shopper. */
    readonly detail: string,
    readonly retryable = false,
  ) {
    super(`${code}: ${detail}`);
  }
}

async function call<T>(name: 'pay' | 'orders' | 'catalog', data: PayRequest | OrdersRequest | Record<string, never>, schema: v.GenericSchema<unknown, T>): Promise<T> {
  let answer: unknown;
  try {
    answer = await getCloud().callFunction(name, data);
  } catch (err) {
    throw new ApiError('NETWORK', errorText(err), true);
  }
  const envelope = answer as { ok?: unknown; data?: unknown; error?: { code?: unknown; message?: unknown; retryable?: unknown } } | null;
  if (envelope?.ok === false && envelope.error) {
    const { code, message, retryable } = envelope.error;
    throw new ApiError(typeof code === 'string' ? code : 'INTERNAL', typeof message === 'string' ? message : '', retryable === true);
  }
  if (envelope?.ok !== true) throw new ApiError('UNEXPECTED', `${name} answered without an envelope`);
  const parsed = v.safeParse(schema, envelope.data);
  if (!parsed.success) throw new ApiError('UNEXPECTED', `${name} answered in an unexpected shape`);
  return parsed.output;
}

function errorText(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (typeof err === 'object' && err !== null && 'errMsg' in err) return String(err.errMsg);
  return String(err);
}

/** Every order the client receives passes here, so a paid checkout empties its items from the cart whatever page learnt it. */
function seen(order: Order): Order {
  noteOrder(order);
  return order;
}

const itemsOf = (items: readonly CartItem[]) => items.map(({ skuId, quantity }) => ({ skuId, quantity }));

export async function fetchCatalog(): Promise<Product[]> {
  return (await call('catalog', {}, catalogSchema)).products;
}

/** The cart priced by the server now (确认订单 before paying); no order is made. */
export function quoteCart(items: readonly CartItem[]): Promise<Quote> {
  return call('pay', { action: 'quote', items: itemsOf(items) }, quoteSchema);
}

/** One order per (shopper, requestId): the same requestId on a retry returns the same order. */
export function createPayment(items: readonly CartItem[], requestId: string): Promise<PaymentAnswer> {
  return call('pay', { action: 'create', items: itemsOf(items), requestId }, paymentAnswerSchema);
}

/** The same order guarantees as createPayment, paid by scanning a QR code (outside WeChat). A requestId keeps its method. */
export function createQrPayment(items: readonly CartItem[], requestId: string, channel: QrChannel): Promise<QrAnswer> {
  return call('pay', { action: 'createQr', items: itemsOf(items), requestId, channel }, qrAnswerSchema);
}

/** Pay an existing unpaid order again: the same order, the same pay params while they are valid. */
export function payOrder(orderNo: string): Promise<PaymentAnswer | QrAnswer> {
  return call('pay', { action: 'pay', orderNo }, v.union([paymentAnswerSchema, qrAnswerSchema]));
}

/** Whether the shop's provider offers QR payment. */
export function payCapabilities(): Promise<PayCapabilities> {
  return call('pay', { action: 'capabilities' }, payCapabilitiesSchema);
}

/** The order's status as the server knows it (it asks the provider while the payment is open). */
export async function paymentStatus(orderNo: string): Promise<Order> {
  return seen(await call('pay', { action: 'status', orderNo }, orderSchema));
}

export async function listOrders(offset: number, limit: number, tab: OrderTab = 'all'): Promise<OrderPage> {
  const page = await call('orders', { action: 'list', offset, limit, ...(tab === 'all' ? {} : { tab }) }, orderPageSchema);
  page.orders.forEach(seen);
  return page;
}

export async function getOrder(orderNo: string): Promise<Order> {
  return seen(await call('orders', { action: 'get', orderNo }, orderSchema));
}

export async function cancelOrder(orderNo: string): Promise<Order> {
  return seen(await call('orders', { action: 'cancel', orderNo }, orderSchema));
}

/** The shopper's newest order that can still be paid (after a reload, a restart, another device). */
export async function pendingOrder(): Promise<Order | null> {
  const { order } = await call('orders', { action: 'pending' }, pendingOrderSchema);
  return order ? seen(order) : null;
}

/** What to show the shopper for a failure: words for its code, never its text. */
export function describeError(err: unknown): string {
  return errorMessage(err instanceof ApiError ? err.code : 'UNEXPECTED');
}
