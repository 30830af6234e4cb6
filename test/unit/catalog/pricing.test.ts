import { describeCart, priceCart } from '../../../server/catalog/pricing';
import { productFromDoc, type Product } from '../../../server/catalog/product';
import { toFen } from '../../../server/platform/money';

const product = (skuId: string, unitPrice: number, extra: Partial<Product> = {}): Product => ({
  skuId,
  name: skuId.toUpperCase(),
  unitPrice: toFen(unitPrice),
  available: true,
  maxPerOrder: 5,
  sort: 0,
  ...extra,
});
const catalog = new Map([
  ['tea', product('tea', 1200)],
  ['pot', product('pot', 16800, { maxPerOrder: 1 })],
  ['cup', product('cup', 4500, { available: false })],
]);
const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return { code: (err as { code?: string }).code, message: (err as Error).message };
  }
  throw new Error('expected a failure');
};

describe('pricing', () => {
  it('prices every line from the catalog in integer fen', () => {
    const priced = priceCart([{ skuId: 'tea', quantity: 3 }, { skuId: 'pot', quantity: 1 }], catalog);
    expect(priced.amount).toBe(3 * 1200 + 16800);
    expect(priced.lines).toEqual([
      { skuId: 'tea', name: 'TEA', unitPrice: 1200, quantity: 3 },
      { skuId: 'pot', name: 'POT', unitPrice: 16800, quantity: 1 },
    ]);
  });

  it('refuses unknown, unavailable, over-limit and repeated products, naming the line', () => {
    expect(codeOf(() => priceCart([{ skuId: 'gold', quantity: 1 }], catalog))).toEqual({ code: 'NOT_FOUND', message: 'items.0.skuId: no product gold' });
    expect(codeOf(() => priceCart([{ skuId: 'tea', quantity: 1 }, { skuId: 'cup', quantity: 1 }], catalog))).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('items.1.skuId') });
    expect(codeOf(() => priceCart([{ skuId: 'pot', quantity: 2 }], catalog))).toMatchObject({ code: 'INVALID_ARGUMENT', message: 'items.0.quantity: at most 1 of POT per order' });
    expect(codeOf(() => priceCart([{ skuId: 'tea', quantity: 1 }, { skuId: 'tea', quantity: 1 }], catalog))).toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('items.1.skuId') });
  });

  it('describes the cart within a length limit', () => {
    const lines = priceCart([{ skuId: 'tea', quantity: 2 }], catalog).lines;
    expect(describeCart('Shop', lines)).toBe('Shop - TEA×2');
    const long = describeCart('Shop', lines, 8);
    expect(long).toHaveLength(8);
    expect(long.endsWith('…')).toBe(true);
  });

  const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

  it('cuts by characters (code points), never inside an emoji or another character outside the BMP', () => {
    const lines = [{ skuId: 'gift', name: '礼盒🎁🍵', unitPrice: toFen(100), quantity: 1 }];
    // '小店 - 礼盒🎁' is 8 code points but 9 UTF-16 units: a cut by units at 8 would split 🎁.
    const cut = describeCart('小店', lines, 9);
    expect(cut).toBe('小店 - 礼盒🎁…');
    expect(cut).not.toMatch(LONE_SURROGATE);
    expect(Buffer.from(cut, 'utf8').toString('utf8')).toBe(cut); // survives UTF-8 (the provider's wire) unchanged
    for (let max = 2; max <= 12; max += 1) {
      const text = describeCart('小店', lines, max);
      expect(text).not.toMatch(LONE_SURROGATE);
      expect(Array.from(text).length).toBeLessThanOrEqual(max);
    }
  });

  it('keeps a description that fits whole, counting characters rather than UTF-16 units', () => {
    const lines = [{ skuId: 'gift', name: '🎁', unitPrice: toFen(100), quantity: 1 }];
    expect(describeCart('店', lines, 7)).toBe('店 - 🎁×1'); // 7 code points, 8 UTF-16 units
  });
});

describe('products as the merchant stores them', () => {
  it('reads a well-formed document, with defaults', () => {
    expect(productFromDoc({ _id: 'tea', name: 'Tea', unitPrice: 100 })).toEqual({ skuId: 'tea', name: 'Tea', unitPrice: 100, available: true, maxPerOrder: 99, sort: 0 });
  });

  it.each([
    ['a price in yuan with decimals', { _id: 'tea', name: 'Tea', unitPrice: 12.5 }],
    ['a price as text', { _id: 'tea', name: 'Tea', unitPrice: '1200' }],
    ['a zero price', { _id: 'tea', name: 'Tea', unitPrice: 0 }],
    ['no name', { _id: 'tea', unitPrice: 100 }],
    ['a bad sku id', { _id: 'te a', name: 'Tea', unitPrice: 100 }],
  ])('treats %s as no product at all', (_name, doc) => {
    expect(productFromDoc(doc)).toBeUndefined();
  });
});
