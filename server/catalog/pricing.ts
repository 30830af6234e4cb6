/**
 * Server-side pricing: the cart's lines and total come from the catalog, never from the client.
 * Pure: the caller loads the products first.
 */
import type { OrderLine } from '../gateways/contract';
import { AppError } from '../platform/errors';
import { multiplyFen, sumFen, type Fen } from '../platform/money';
import type { Product } from './product';

export interface CartItem {
  skuId: string;
  quantity: number;
}

export interface PricedCart {
  lines: OrderLine[];
  amount: Fen;
}

export function priceCart(items: readonly CartItem[], products: ReadonlyMap<string, Product>): PricedCart {
  const seen = new Set<string>();
  const lines = items.map((item, index): OrderLine => {
    const field = `items.${index}`;
    if (seen.has(item.skuId)) throw new AppError('INVALID_ARGUMENT', `${field}.skuId: ${item.skuId} appears more than once; send one line per product`);
    seen.add(item.skuId);
    const product = products.get(item.skuId);
    if (!product) throw new AppError('NOT_FOUND', `${field}.skuId: no product ${item.skuId}`);
    if (!product.available) throw new AppError('CONFLICT', `${field}.skuId: ${product.name} is not available`);
    if (item.quantity > product.maxPerOrder) {
      throw new AppError('INVALID_ARGUMENT', `${field}.quantity: at most ${product.maxPerOrder} of ${product.name} per order`);
    }
    return { skuId: product.skuId, name: product.name, unitPrice: product.unitPrice, quantity: item.quantity };
  });
  const amount = sumFen(lines.map((line) => multiplyFen(line.unitPrice, line.quantity)));
  if (amount < 1) throw new AppError('INVALID_ARGUMENT', 'items: the order total must be at least 1 fen');
  return { lines, amount };
}

/** "Demo Shop - Green tea x2, Oolong x1", cut to `max` characters (providers have short limits). */
export function describeCart(shopName: string, lines: readonly OrderLine[], max = 120): string {
  const text = `${shopName} - ${lines.map((line) => `${line.name} x${line.quantity}`).join(', ')}`;
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
