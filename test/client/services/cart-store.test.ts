import { CART_STORAGE_KEY } from '../../../client/services/cart';
import { getCart, subscribeCart, updateCart } from '../../../client/services/cart-store';
import { taroDouble } from '../doubles/taro';

const line = (skuId: string, quantity: number) => ({ skuId, name: skuId, unitPrice: 100, maxPerOrder: 10, quantity });

describe('the shared cart (two tabs, one cart)', () => {
  beforeEach(() => taroDouble.reset());

  it('changes the cart as stored now, so another tab’s change is neither lost nor doubled', () => {
    updateCart(() => [line('a', 1)]);
    // Another tab adds b straight to storage; this tab then adds one more a.
    taroDouble.storage.set(CART_STORAGE_KEY, [line('a', 1), line('b', 2)]);
    updateCart((cart) => cart.map((l) => (l.skuId === 'a' ? { ...l, quantity: l.quantity + 1 } : l)));
    expect(getCart()).toEqual([line('a', 2), line('b', 2)]);
  });

  it('tells listeners of a change from another tab (the storage event), marked as such', () => {
    const heard: Array<[number, boolean]> = [];
    const stop = subscribeCart((cart, elsewhere) => heard.push([cart.length, elsewhere]));
    updateCart(() => [line('a', 1)]);
    taroDouble.storage.set(CART_STORAGE_KEY, [line('a', 1), line('b', 1)]);
    window.dispatchEvent(new StorageEvent('storage', { key: CART_STORAGE_KEY }));
    window.dispatchEvent(new StorageEvent('storage', { key: 'something.else' }));
    stop();
    updateCart(() => []);
    expect(heard).toEqual([
      [1, false],
      [2, true],
    ]);
  });
});
