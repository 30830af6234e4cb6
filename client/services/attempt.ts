/**
 * Checkout attempts, kept in storage so that a reload, a back, a restart or a second tab continues
 * the same order instead of making a new one: the requestId of a cart (one order per requestId on
 * the server) and, once the server answered, its orderNo. When any page learns that such an order
 * is paid, its items leave the cart; once it is closed or expired the attempt is dropped, so the
 * next checkout is a new order.
 */
import Taro from '@tarojs/taro';
import { isFinal, wasPaid, type CartItem, type ShopperStatus } from '../../api';
import { removePaid, sameItems } from './cart';
import { updateCart } from './cart-store';
import { newRequestId } from './request-id';

export type Method = 'jsapi' | 'qr';

export interface Attempt {
  requestId: string;
  items: CartItem[];
  method: Method;
  orderNo?: string;
  /** When it was made (ms): the newest first, the oldest dropped beyond MAX_ATTEMPTS. */
  at: number;
}

const STORAGE_KEY = 'shop.attempts.v1';
const MAX_ATTEMPTS = 5;

function isAttempt(value: unknown): value is Attempt {
  const a = value as Partial<Attempt> | null;
  return typeof a?.requestId === 'string' && Array.isArray(a.items) && (a.method === 'jsapi' || a.method === 'qr') && typeof a.at === 'number';
}

export function loadAttempts(): Attempt[] {
  try {
    const stored: unknown = Taro.getStorageSync(STORAGE_KEY);
    return Array.isArray(stored) ? stored.filter(isAttempt) : [];
  } catch {
    return [];
  }
}

function saveAttempts(attempts: readonly Attempt[]): void {
  try {
    Taro.setStorageSync(STORAGE_KEY, attempts.slice(0, MAX_ATTEMPTS));
  } catch {
    // Storage unavailable: the server still makes one order per requestId within this visit.
  }
}

/** The stored attempt for these items and method, if there is one (none is made). */
export function findAttempt(items: readonly CartItem[], method: Method): Attempt | undefined {
  return loadAttempts().find((a) => a.method === method && sameItems(a.items, items));
}

/** The attempt for these items and method: the stored one (same order) or a new one. */
export function attemptFor(items: readonly CartItem[], method: Method, makeId: () => string = newRequestId, now = Date.now()): Attempt {
  const found = findAttempt(items, method);
  if (found) return found;
  const attempts = loadAttempts();
  const fresh: Attempt = { requestId: makeId(), items: items.map(({ skuId, quantity }) => ({ skuId, quantity })), method, at: now };
  saveAttempts([fresh, ...attempts]);
  return fresh;
}

/** The newest stored attempt for these items that has an order, whatever its method (what a reload goes back to). */
export function findOrderedAttempt(items: readonly CartItem[]): Attempt | undefined {
  return loadAttempts().find((a) => a.orderNo !== undefined && sameItems(a.items, items));
}

export function recordOrderNo(requestId: string, orderNo: string): void {
  saveAttempts(loadAttempts().map((a) => (a.requestId === requestId ? { ...a, orderNo } : a)));
}

/** The newest attempt that has an order (to offer it again after a reload). */
export function latestOrderNo(): string | undefined {
  return loadAttempts().find((a) => a.orderNo)?.orderNo;
}

/** Called with every order the client receives (services/api.ts). */
export function noteOrder(order: { orderNo: string; status: ShopperStatus }): void {
  if (!isFinal(order.status)) return;
  const attempts = loadAttempts();
  const settled = attempts.filter((a) => a.orderNo === order.orderNo);
  if (settled.length === 0) return;
  saveAttempts(attempts.filter((a) => a.orderNo !== order.orderNo));
  if (wasPaid(order.status)) for (const attempt of settled) updateCart((cart) => removePaid(cart, attempt.items));
}
