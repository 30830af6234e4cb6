import { addFen, formatYuan, multiplyFen, subtractFen, sumFen, toFen } from '../../../server/platform/money';

describe('Fen', () => {
  it('accepts non-negative safe integers only', () => {
    expect(toFen(0)).toBe(0);
    expect(toFen(9_999_999_999)).toBe(9_999_999_999);
    for (const bad of [-1, 1.5, 0.1 + 0.2, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) {
      expect(() => toFen(bad)).toThrow(RangeError);
    }
  });

  it('does arithmetic without leaving the integers', () => {
    expect(addFen(toFen(10), toFen(5))).toBe(15);
    expect(subtractFen(toFen(10), toFen(5))).toBe(5);
    expect(() => subtractFen(toFen(5), toFen(10))).toThrow(RangeError);
    expect(multiplyFen(toFen(199), 3)).toBe(597);
    expect(() => multiplyFen(toFen(199), 1.5)).toThrow(RangeError);
    expect(sumFen([toFen(1), toFen(2), toFen(3)])).toBe(6);
    expect(sumFen([])).toBe(0);
  });

  it('formats for people as yuan with two decimals', () => {
    expect(formatYuan(toFen(0))).toBe('0.00');
    expect(formatYuan(toFen(5))).toBe('0.05');
    expect(formatYuan(toFen(1230))).toBe('12.30');
    expect(formatYuan(toFen(100001))).toBe('1000.01');
  });
});
