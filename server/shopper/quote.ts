/**
 * `pay quote`: the cart priced as `create` prices it (priceCart over the catalog), for 确认订单 to
 * show before any order exists. It only reads the catalog: no order, no provider call, nothing stored.
 * The order made on paying is priced again; the client shows that amount if it differs.
 */
import type { CartItem } from '../../api/actions';
import type { QuoteView } from '../../api/views';
import { priceCart } from '../catalog/pricing';
import type { Product } from '../catalog/product';

export interface ProductSource {
  findMany(skuIds: readonly string[]): Promise<ReadonlyMap<string, Product>>;
}

export async function quoteCart(catalog: ProductSource, items: readonly CartItem[]): Promise<QuoteView> {
  const { lines, amount } = priceCart(items, await catalog.findMany(items.map((item) => item.skuId)));
  return { lines: lines.map(({ skuId, name, unitPrice, quantity }) => ({ skuId, name, unitPrice, quantity })), amount };
}
