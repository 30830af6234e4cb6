import { formatFen, lineTotal } from '../../../client/services/money';

describe('formatFen', () => {
  it.each([
    [0, '¥0.00'],
    [1, '¥0.01'],
    [10, '¥0.10'],
    [1200, '¥12.00'],
    [2350, '¥23.50'],
    [16800, '¥168.00'],
    [123456789, '¥1234567.89'],
    [-250, '-¥2.50'],
  ])('%i fen → %s', (fen, text) => {
    expect(formatFen(fen)).toBe(text);
  });

  it('refuses anything that is not a whole number of fen', () => {
    expect(() => formatFen(12.5)).toThrow('not an amount in fen: 12.5');
    expect(() => formatFen(Number.NaN)).toThrow(RangeError);
  });

  it('multiplies integers for a line (0.1 + 0.2 never happens)', () => {
    expect(lineTotal(10, 3)).toBe(30);
    expect(formatFen(lineTotal(2350, 3))).toBe('¥70.50');
  });
});
