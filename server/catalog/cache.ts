/**
 * Products kept in memory by one function instance for a short time (`CATALOG_CACHE_SECONDS`), so
 * a warm `pay` prices a cart without reading the catalog: the one database operation before the
 * provider call is then the order's claim. The price: a change to a product (price, availability,
 * quantity cap) reaches a warm instance up to that long later; a new instance reads it at once.
 * Only products found are kept; an unknown SKU is asked of the database every time.
 */
import type { Product } from './product';

/** What the cache reads through: `CatalogRepository.findMany`. */
export interface ProductSource {
  findMany(skuIds: readonly string[]): Promise<Map<string, Product>>;
}

/** Longest time a warm instance may price from memory; the setting is bounded by it too. */
export const MAX_CATALOG_CACHE_MS = 5 * 60_000;
/** More products than a shop lists (CatalogRepository reads at most 1000). */
const MAX_ENTRIES = 1000;

export class CatalogCache {
  private readonly entries = new Map<string, { product: Product; readAt: number }>();
  private readonly ttlMs: number;

  constructor(
    ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.ttlMs = Math.min(Math.max(0, ttlMs), MAX_CATALOG_CACHE_MS);
  }

  /** The products of `skuIds` that exist: from memory while fresh, the rest read (in one query) through `source`. */
  async findMany(source: ProductSource, skuIds: readonly string[]): Promise<Map<string, Product>> {
    const found = new Map<string, Product>();
    const missing: string[] = [];
    const now = this.now();
    for (const skuId of skuIds) {
      const entry = this.entries.get(skuId);
      if (entry && now - entry.readAt < this.ttlMs) found.set(skuId, entry.product);
      else missing.push(skuId);
    }
    if (missing.length === 0) return found;
    const read = await source.findMany(missing);
    for (const [skuId, product] of read) {
      found.set(skuId, product);
      this.keep(skuId, product, now);
    }
    return found;
  }

  private keep(skuId: string, product: Product, readAt: number): void {
    if (this.ttlMs === 0) return;
    this.entries.delete(skuId);
    // Oldest first out: a Map iterates in insertion order.
    if (this.entries.size >= MAX_ENTRIES) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(skuId, { product, readAt });
  }
}
