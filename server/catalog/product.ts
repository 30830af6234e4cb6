/**
 * A product as the merchant keeps it in the `products` collection (edited in the cloud console;
 * the `_id` is the SKU id). Prices are integer fen. A document that does not read as a product
 * (a typo in the console) is treated as unavailable, never guessed at.
 */
import * as v from 'valibot';
import { toFen, type Fen } from '../platform/money';
import { SKU_ID } from '../../api/fields';

export const PRODUCTS = 'products';

/** Quantity cap per order when the merchant sets none. */
export const DEFAULT_MAX_PER_ORDER = 99;

export interface Product {
  skuId: string;
  name: string;
  unitPrice: Fen;
  available: boolean;
  maxPerOrder: number;
  description?: string;
  /** Listing order, ascending. */
  sort: number;
}

// Defined once in api/fields.ts (the client's requests carry it).
export { SKU_ID };

const storedProduct = v.object({
  _id: SKU_ID,
  name: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  unitPrice: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(99_999_999)),
  available: v.optional(v.boolean(), true),
  maxPerOrder: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(999)), DEFAULT_MAX_PER_ORDER),
  description: v.optional(v.pipe(v.string(), v.maxLength(256))),
  sort: v.optional(v.pipe(v.number(), v.integer()), 0),
});

export function productFromDoc(doc: unknown): Product | undefined {
  const parsed = v.safeParse(storedProduct, doc);
  if (!parsed.success) return undefined;
  const { _id, unitPrice, ...rest } = parsed.output;
  return { ...rest, skuId: _id, unitPrice: toFen(unitPrice) };
}

export function productToDoc(product: Product): Record<string, unknown> {
  const { skuId, ...rest } = product;
  return { _id: skuId, ...rest };
}
