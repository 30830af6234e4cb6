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

/**
 * "小店 - 西湖龙井×2，安溪铁观音×1" (written as Chinese is: ×, full-width comma), at most `max` characters counted as code points, so that an
 * emoji or any character outside the BMP is never cut in half (a lone surrogate is not valid UTF-8).
 * Each provider's own limit is applied by its adapter: Caibao's subject (< 20 汉字, characters),
 * Tencent's body (String(128), sent as ≤ 128 UTF-8 bytes since characters or bytes is not said);
 * QuickPay documents none for iteminfo.
 */
export function describeCart(shopName: string, lines: readonly OrderLine[], max = 120): string {
  const text = `${shopName} - ${lines.map((line) => `${line.name}×${line.quantity}`).join('，')}`;
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
