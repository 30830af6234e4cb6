/**
 * Demo products for local runs and tests. The catalog lives in the database (`products`, edited by
 * the merchant in the cloud console); this module only seeds a local cloud so the shop has
 * something to sell with nothing configured.
 */
import { toFen } from '../platform/money';
import type { Product } from './product';

export const DEMO_PRODUCTS: readonly Product[] = [
  { skuId: 'green-tea', name: 'Green tea', unitPrice: toFen(1200), available: true, maxPerOrder: 10, sort: 1, description: 'Longjing, 50 g' },
  { skuId: 'oolong', name: 'Oolong', unitPrice: toFen(2350), available: true, maxPerOrder: 5, sort: 2, description: 'Tieguanyin, 50 g' },
  { skuId: 'teapot', name: 'Clay teapot', unitPrice: toFen(16800), available: true, maxPerOrder: 1, sort: 3, description: 'Yixing clay, 200 ml' },
  { skuId: 'tea-cups', name: 'Tea cups (4)', unitPrice: toFen(4500), available: false, maxPerOrder: 2, sort: 4, description: 'Back soon' },
  { skuId: 'sample', name: 'Tasting sample', unitPrice: toFen(1), available: true, maxPerOrder: 3, sort: 5, description: '1 fen, for trying a payment' },
];
