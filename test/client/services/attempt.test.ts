import { attemptFor, latestOrderNo, loadAttempts, noteOrder, recordOrderNo } from '../../../client/services/attempt';
import { getCart, updateCart } from '../../../client/services/cart-store';
import { taroDouble } from '../doubles/taro';

const line = (skuId: string, quantity: number) => ({ skuId, name: skuId, unitPrice: 100, maxPerOrder: 10, quantity });
let ids = 0;
const makeId = () => `req-${String(++ids).padStart(8, '0')}`;

describe('checkout attempts (one order per cart, across reloads and tabs)', () => {
  beforeEach(() => taroDouble.reset());

  it('reuses the stored requestId for the same items and method, and a new one otherwise', () => {
    const first = attemptFor([{ skuId: 'a', quantity: 1 }], 'jsapi', makeId);
    expect(attemptFor([{ skuId: 'a', quantity: 1 }], 'jsapi', makeId).requestId).toBe(first.requestId); // a reload, another tab
    expect(attemptFor([{ skuId: 'a', quantity: 2 }], 'jsapi', makeId).requestId).not.toBe(first.requestId);
    expect(attemptFor([{ skuId: 'a', quantity: 1 }], 'qr', makeId).requestId).not.toBe(first.requestId);
  });

  it('empties the paid items from the cart (what was added since stays) whichever page learns the order is paid', () => {
    updateCart(() => [line('a', 3), line('b', 1)]);
    const attempt = attemptFor([{ skuId: 'a', quantity: 2 }, { skuId: 'b', quantity: 1 }], 'jsapi', makeId);
    recordOrderNo(attempt.requestId, 'N1');
    expect(latestOrderNo()).toBe('N1');

    noteOrder({ orderNo: 'N1', status: 'PAYING' });
    expect(getCart()).toHaveLength(2);
    noteOrder({ orderNo: 'N1', status: 'PAID' });
    expect(getCart()).toEqual([line('a', 1)]);
    expect(loadAttempts()).toEqual([]);
    noteOrder({ orderNo: 'N1', status: 'PAID' }); // told again: nothing more leaves the cart
    expect(getCart()).toEqual([line('a', 1)]);
  });

  it('drops the attempt of an order closed or expired (the next checkout is a new order) and leaves the cart alone', () => {
    updateCart(() => [line('a', 1)]);
    const attempt = attemptFor([{ skuId: 'a', quantity: 1 }], 'jsapi', makeId);
    recordOrderNo(attempt.requestId, 'N2');
    noteOrder({ orderNo: 'N2', status: 'EXPIRED' });
    expect(getCart()).toEqual([line('a', 1)]);
    expect(attemptFor([{ skuId: 'a', quantity: 1 }], 'jsapi', makeId).requestId).not.toBe(attempt.requestId);
  });
});
