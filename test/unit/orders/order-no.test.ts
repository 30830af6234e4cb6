import { ORDER_NO_MAX_LENGTH, assertUsablePrefix, newOrderNo } from '../../../server/orders/order-no';
import { orderIdFor } from '../../../server/orders/model';

const AT = new Date(Date.UTC(2026, 10, 21, 9, 5, 7));

describe('order numbers', () => {
  it('are the prefix, the UTC time to the second, then random characters: 32 at most, letters and digits only', () => {
    const no = newOrderNo('', AT, () => 0);
    expect(no).toBe(`20261121090507${'0'.repeat(12)}`);
    expect(no.length).toBeLessThanOrEqual(ORDER_NO_MAX_LENGTH);
    const prefixed = newOrderNo('sz01sbx', AT);
    expect(prefixed.startsWith('sz01sbx20261121090507')).toBe(true);
    expect(prefixed).toHaveLength(32);
    expect(prefixed).toMatch(/^[A-Za-z0-9]+$/);
  });

  it('are unique in practice', () => {
    const numbers = new Set(Array.from({ length: 5000 }, () => newOrderNo('sz01sbx', AT)));
    expect(numbers.size).toBe(5000);
  });

  it('refuse a prefix that leaves too little room, or one with other characters', () => {
    expect(() => assertUsablePrefix('x'.repeat(10))).not.toThrow();
    expect(() => assertUsablePrefix('x'.repeat(11))).toThrow(/too long/);
    expect(() => assertUsablePrefix('a-b')).toThrow(/letters and digits/);
    try {
      newOrderNo('x'.repeat(20), AT);
      throw new Error('expected a failure');
    } catch (err) {
      expect(err).toMatchObject({ code: 'CONFIG_INVALID' });
    }
  });

  it('order ids are derived from (openid, requestId): the same pair, the same id', () => {
    expect(orderIdFor('o1', 'r1')).toBe(orderIdFor('o1', 'r1'));
    expect(orderIdFor('o1', 'r1')).not.toBe(orderIdFor('o2', 'r1'));
    expect(orderIdFor('o1', 'r1')).not.toBe(orderIdFor('o1', 'r2'));
    // A separator keeps ("ab","c") and ("a","bc") apart.
    expect(orderIdFor('ab', 'c')).not.toBe(orderIdFor('a', 'bc'));
  });
});
