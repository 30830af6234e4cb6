import { createHash, createHmac } from 'node:crypto';
import { hmacSha256Hex, md5Hex, randomToken, safeEqual } from '../../../server/platform/crypto';

describe('crypto helpers', () => {
  it('compares in constant time and handles unequal lengths', () => {
    expect(safeEqual('ABCDEF', 'ABCDEF')).toBe(true);
    expect(safeEqual('ABCDEF', 'ABCDEE')).toBe(false);
    expect(safeEqual('ABCDEF', 'ABCDE')).toBe(false);
    expect(safeEqual('', '')).toBe(true);
  });

  it('hashes UTF-8 text', () => {
    expect(md5Hex('中文')).toBe(createHash('md5').update(Buffer.from('中文', 'utf8')).digest('hex'));
    expect(hmacSha256Hex('k', 'm')).toBe(createHmac('sha256', 'k').update('m').digest('hex'));
  });

  it('makes alphanumeric random tokens of the asked length', () => {
    const a = randomToken(32);
    expect(a).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(randomToken(32)).not.toBe(a);
  });
});
