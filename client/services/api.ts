/**
 * The shop's calls to its cloud functions (server/functions/*), typed and checked. A function's
 * `{ok:false, error:{code, message}}` becomes an `ApiError` carrying them; anything else that is
 * not the expected answer (network, platform, shape) becomes an `ApiError` too, so pages have one
 * kind of failure to show.
 */
import type { z } from 'zod';
import { getCloud } from './cloud';
import {
  catalogSchema,
  orderPageSchema,
  orderSchema,
  payCapabilitiesSchema,
  paymentAnswerSchema,
  qrAnswerSchema,
  type Order,
  type OrderPage,
  type PayCapabilities,
  type PaymentAnswer,
  type Product,
  type QrAnswer,
  type QrChannel,
} from './types';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly code: string,
    message: string,
    readonly retryable = false,
  ) {
    super(message);
  }
}

export interface CartItem {
  skuId: string;
  quantity: number;
}

async function call<T>(name: string, data: Record<string, unknown>, schema: z.ZodType<T>): Promise<T> {
  let answer: unknown;
  try {
    answer = await getCloud().callFunction(name, data);
  } catch (err) {
    throw new ApiError('NETWORK', `Could not reach the shop (${errorText(err)}). Check your connection and try again.`, true);
  }
  const envelope = answer as { ok?: unknown; data?: unknown; error?: { code?: unknown; message?: unknown; retryable?: unknown } } | null;
  if (envelope?.ok === false && envelope.error) {
    const { code, message, retryable } = envelope.error;
    throw new ApiError(typeof code === 'string' ? code : 'INTERNAL', typeof message === 'string' ? message : 'The shop could not do that.', retryable === true);
  }
  if (envelope?.ok !== true) throw new ApiError('INTERNAL', `The shop answered ${name} in an unexpected way.`);
  const parsed = schema.safeParse(envelope.data);
  if (!parsed.success) throw new ApiError('INTERNAL', `The shop answered ${name} in an unexpected way.`);
  return parsed.data;
}

function errorText(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (typeof err === 'object' && err !== null && 'errMsg' in err) return String(err.errMsg);
  return String(err);
}

export async function fetchCatalog(): Promise<Product[]> {
  return (await call('catalog', {}, catalogSchema)).products;
}

/** One order per (shopper, requestId): the same requestId on a retry returns the same order. */
export function createPayment(items: readonly CartItem[], requestId: string): Promise<PaymentAnswer> {
  return call('pay', { action: 'create', items: items.map(({ skuId, quantity }) => ({ skuId, quantity })), requestId }, paymentAnswerSchema);
}

/** The same order guarantees as createPayment, paid by scanning a QR code (outside WeChat). A requestId keeps its method. */
export function createQrPayment(items: readonly CartItem[], requestId: string, channel: QrChannel): Promise<QrAnswer> {
  return call('pay', { action: 'createQr', items: items.map(({ skuId, quantity }) => ({ skuId, quantity })), requestId, channel }, qrAnswerSchema);
}

/** Whether the shop's provider offers QR payment. */
export function payCapabilities(): Promise<PayCapabilities> {
  return call('pay', { action: 'capabilities' }, payCapabilitiesSchema);
}

/** The order's status as the server knows it (it asks the provider while the payment is open). */
export function paymentStatus(orderNo: string): Promise<Order> {
  return call('pay', { action: 'status', orderNo }, orderSchema);
}

export function listOrders(offset: number, limit: number): Promise<OrderPage> {
  return call('orders', { action: 'list', offset, limit }, orderPageSchema);
}

export function getOrder(orderNo: string): Promise<Order> {
  return call('orders', { action: 'get', orderNo }, orderSchema);
}

export function cancelOrder(orderNo: string): Promise<Order> {
  return call('orders', { action: 'cancel', orderNo }, orderSchema);
}

/** What to show the shopper for a failure. */
export function describeError(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  return 'Something went wrong. Please try again.';
}
