/**
 * Demo products for local runs and tests. The catalog lives in the database (`products`, edited by
 * the merchant in the cloud console); this module only seeds a local cloud so the shop has
 * something to sell with nothing configured.
 */
import { toFen } from '../platform/money';
import type { Product } from './product';

export const DEMO_PRODUCTS: readonly Product[] = [
  { skuId: 'green-tea', name: '西湖龙井', unitPrice: toFen(1200), available: true, maxPerOrder: 10, sort: 1, description: '明前特级 50g' },
  { skuId: 'oolong', name: '安溪铁观音', unitPrice: toFen(2350), available: true, maxPerOrder: 5, sort: 2, description: '清香型 50g' },
  { skuId: 'teapot', name: '宜兴紫砂壶', unitPrice: toFen(16800), available: true, maxPerOrder: 1, sort: 3, description: '原矿朱泥 200ml' },
  { skuId: 'tea-cups', name: '品茗杯（4只）', unitPrice: toFen(4500), available: false, maxPerOrder: 2, sort: 4, description: '暂时缺货' },
  { skuId: 'sample', name: '试饮装', unitPrice: toFen(1), available: true, maxPerOrder: 3, sort: 5, description: '1分钱体验支付' },
];
