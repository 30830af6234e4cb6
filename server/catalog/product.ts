/**
 * A product as the merchant keeps it in the `products` collection (edited in the cloud console;
 * the `_id` is the SKU id). Prices are integer fen. A document that does not read as a product
 * (a typo in the console) is treated as unavailable, never guessed at.
 */
import { z } from 'zod';
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

const storedProduct = z.object({
  _id: SKU_ID,
  name: z.string().min(1).max(64),
  unitPrice: z.number().int().min(1).max(99_999_999),
  available: z.boolean().default(true),
  maxPerOrder: z.number().int().min(1).max(999).default(DEFAULT_MAX_PER_ORDER),
  description: z.string().max(256).optional(),
  sort: z.number().int().default(0),
});

export function productFromDoc(doc: unknown): Product | undefined {
  const parsed = storedProduct.safeParse(doc);
  if (!parsed.success) return undefined;
  const { _id, unitPrice, ...rest } = parsed.data;
  return { ...rest, skuId: _id, unitPrice: toFen(unitPrice) };
}

export function productToDoc(product: Product): Record<string, unknown> {
  const { skuId, ...rest } = product;
  return { _id: skuId, ...rest };
}
