import { CatalogCache, MAX_CATALOG_CACHE_MS, type ProductSource } from '../../../server/catalog/cache';
import type { Product } from '../../../server/catalog/product';
import { toFen } from '../../../server/platform/money';

const product = (skuId: string, unitPrice: number, available = true): Product => ({ skuId, name: skuId, unitPrice: toFen(unitPrice), available, maxPerOrder: 9, sort: 0 });

describe('CatalogCache', () => {
  let now: number;
  let stored: Map<string, Product>;
  let reads: string[][];
  const source: ProductSource = {
    findMany: (skuIds) => {
      reads.push([...skuIds]);
      return Promise.resolve(new Map(skuIds.flatMap((id) => (stored.has(id) ? [[id, stored.get(id) as Product] as const] : []))));
    },
  };
  const prices = async (cache: CatalogCache, skuIds: string[]) => [...(await cache.findMany(source, skuIds)).values()].map((p) => `${p.skuId}:${p.unitPrice}:${p.available}`);

  beforeEach(() => {
    now = 1_000_000;
    stored = new Map([
      ['tea', product('tea', 500)],
      ['cake', product('cake', 800)],
    ]);
    reads = [];
  });

  it('answers a warm call from memory, and reads a change once its time to live has passed', async () => {
    const cache = new CatalogCache(30_000, () => now);
    expect(await prices(cache, ['tea'])).toEqual(['tea:500:true']);
    stored.set('tea', product('tea', 600, false));
    now += 29_999;
    expect(await prices(cache, ['tea'])).toEqual(['tea:500:true']);
    expect(reads).toEqual([['tea']]);
    now += 1;
    expect(await prices(cache, ['tea'])).toEqual(['tea:600:false']);
    expect(reads).toEqual([['tea'], ['tea']]);
  });

  it('reads only the products it does not hold, in one query', async () => {
    const cache = new CatalogCache(30_000, () => now);
    await cache.findMany(source, ['tea']);
    expect((await prices(cache, ['tea', 'cake'])).sort()).toEqual(['cake:800:true', 'tea:500:true']);
    expect(reads).toEqual([['tea'], ['cake']]);
  });

  it('never keeps an unknown SKU: asked again on every call (a product added is seen at once)', async () => {
    const cache = new CatalogCache(30_000, () => now);
    expect(await prices(cache, ['new'])).toEqual([]);
    stored.set('new', product('new', 100));
    expect(await prices(cache, ['new'])).toEqual(['new:100:true']);
    expect(reads).toEqual([['new'], ['new']]);
  });

  it('with a time to live of 0 reads the catalog on every call', async () => {
    const cache = new CatalogCache(0, () => now);
    await cache.findMany(source, ['tea']);
    await cache.findMany(source, ['tea']);
    expect(reads).toEqual([['tea'], ['tea']]);
  });

  it('keeps nothing longer than the bound, whatever it is given', async () => {
    const cache = new CatalogCache(24 * 60 * 60_000, () => now);
    await cache.findMany(source, ['tea']);
    now += MAX_CATALOG_CACHE_MS;
    await cache.findMany(source, ['tea']);
    expect(reads).toEqual([['tea'], ['tea']]);
  });

  it('holds at most 1000 products, dropping the oldest read', async () => {
    const cache = new CatalogCache(30_000, () => now);
    const many = Array.from({ length: 1001 }, (_, i) => `sku-${i}`);
    for (const id of many) stored.set(id, product(id, 100));
    await cache.findMany(source, many.slice(0, 1000));
    await cache.findMany(source, ['sku-1000']);
    reads = [];
    await cache.findMany(source, ['sku-1', 'sku-1000']);
    expect(reads).toEqual([]);
    await cache.findMany(source, ['sku-0']);
    expect(reads).toEqual([['sku-0']]);
  });
});
