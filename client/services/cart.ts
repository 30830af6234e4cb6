/**
 * The shopper's cart: pure functions over an immutable list of lines, plus keeping it in storage
 * so it survives a reload. Prices shown here are the catalog's; the server prices the order again
 * and its amount is the one paid.
 */
import Taro from '@tarojs/taro';
import { lineTotal } from './money';
import type { Product } from './types';

export interface CartLine {
  skuId: string;
  name: string;
  unitPrice: number;
  quantity: number;
  maxPerOrder: number;
}

export type Cart = readonly CartLine[];

export const EMPTY_CART: Cart = [];

export function quantityOf(cart: Cart, skuId: string): number {
  return cart.find((line) => line.skuId === skuId)?.quantity ?? 0;
}

/** One more of `product`, up to what one order may hold. */
export function addItem(cart: Cart, product: Product): Cart {
  const current = quantityOf(cart, product.skuId);
  if (current === 0) {
    const { skuId, name, unitPrice, maxPerOrder } = product;
    return [...cart, { skuId, name, unitPrice, maxPerOrder, quantity: 1 }];
  }
  return setQuantity(cart, product.skuId, current + 1);
}

/** Sets a line's quantity (clamped to the product's limit); zero or less removes it. */
export function setQuantity(cart: Cart, skuId: string, quantity: number): Cart {
  if (quantity <= 0) return removeItem(cart, skuId);
  return cart.map((line) => (line.skuId === skuId ? { ...line, quantity: Math.min(Math.floor(quantity), line.maxPerOrder) } : line));
}

export function removeItem(cart: Cart, skuId: string): Cart {
  return cart.filter((line) => line.skuId !== skuId);
}

export function itemCount(cart: Cart): number {
  return cart.reduce((sum, line) => sum + line.quantity, 0);
}

/** Fen. */
export function cartTotal(cart: Cart): number {
  return cart.reduce((sum, line) => sum + lineTotal(line.unitPrice, line.quantity), 0);
}

/** The cart against today's catalog: lines for products gone or unavailable are dropped, names and prices refreshed. */
export function reconcileCart(cart: Cart, products: readonly Product[]): Cart {
  const bySku = new Map(products.map((product) => [product.skuId, product]));
  return cart.flatMap((line) => {
    const product = bySku.get(line.skuId);
    if (!product?.available) return [];
    const { name, unitPrice, maxPerOrder } = product;
    return [{ ...line, name, unitPrice, maxPerOrder, quantity: Math.min(line.quantity, maxPerOrder) }];
  });
}

/** The cart after an order for `paid` was paid: those quantities leave it (what was added since stays). */
export function removePaid(cart: Cart, paid: readonly { skuId: string; quantity: number }[]): Cart {
  return cart.flatMap((line) => {
    const quantity = line.quantity - paid.filter((p) => p.skuId === line.skuId).reduce((sum, p) => sum + p.quantity, 0);
    return quantity > 0 ? [{ ...line, quantity }] : [];
  });
}

/** What the server is asked to price: sku ids and quantities only. */
export function cartItems(cart: Cart): { skuId: string; quantity: number }[] {
  return cart.map(({ skuId, quantity }) => ({ skuId, quantity }));
}

/** Same products and quantities: the same checkout (and so the same requestId). */
export function sameItems(a: readonly { skuId: string; quantity: number }[], b: readonly { skuId: string; quantity: number }[]): boolean {
  return a.length === b.length && a.every((line, i) => line.skuId === b[i]?.skuId && line.quantity === b[i]?.quantity);
}

export const CART_STORAGE_KEY = 'shop.cart.v1';

function isCartLine(value: unknown): value is CartLine {
  const line = value as Partial<CartLine> | null;
  return (
    typeof line?.skuId === 'string' &&
    typeof line.name === 'string' &&
    Number.isSafeInteger(line.unitPrice) &&
    Number.isSafeInteger(line.quantity) &&
    Number.isSafeInteger(line.maxPerOrder)
  );
}

/** The stored cart, or an empty one when storage is unavailable or holds something else. */
export function loadCart(): Cart {
  try {
    const stored: unknown = Taro.getStorageSync(CART_STORAGE_KEY);
    return Array.isArray(stored) ? stored.filter(isCartLine) : EMPTY_CART;
  } catch {
    return EMPTY_CART;
  }
}

export function saveCart(cart: Cart): void {
  try {
    Taro.setStorageSync(CART_STORAGE_KEY, cart);
  } catch {
    // Storage full or unavailable: the cart still lives in memory for this visit.
  }
}
