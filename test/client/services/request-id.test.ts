import { newRequestId } from '../../../client/services/request-id';

describe('newRequestId', () => {
  it('is what the pay function accepts (8-64 of A-Za-z0-9_-)', () => {
    for (let i = 0; i < 50; i += 1) expect(newRequestId()).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
  });

  it('differs between attempts', () => {
    const ids = new Set(Array.from({ length: 200 }, () => newRequestId()));
    expect(ids.size).toBe(200);
  });

  it('is built from the time and randomness it is given', () => {
    expect(newRequestId(0, () => 0)).toBe('co-0-aaaaaaaaaaaa');
  });
});
