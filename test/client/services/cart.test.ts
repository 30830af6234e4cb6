import { addItem, cartItems, cartTotal, EMPTY_CART, itemCount, loadCart, reconcileCart, removeItem, removePaid, sameItems, saveCart, setQuantity } from '../../../client/services/cart';
import type { Product } from '../../../client/services/types';
import { taroDouble } from '../doubles/taro';

const tea: Product = { skuId: 'green-tea', name: 'Green tea', unitPrice: 1200, available: true, maxPerOrder: 3 };
const pot: Product = { skuId: 'teapot', name: 'Clay teapot', unitPrice: 16800, available: true, maxPerOrder: 1 };

describe('cart', () => {
  beforeEach(() => taroDouble.reset());

  it('adds products, one line each, up to the product’s limit', () => {
    let cart = addItem(EMPTY_CART, tea);
    cart = addItem(cart, pot);
    cart = addItem(cart, tea);
    cart = addItem(addItem(cart, tea), tea);
    cart = addItem(cart, pot);
    expect(cart.map((l) => [l.skuId, l.quantity])).toEqual([
      ['green-tea', 3],
      ['teapot', 1],
    ]);
    expect(itemCount(cart)).toBe(4);
    expect(cartTotal(cart)).toBe(3 * 1200 + 16800);
  });

  it('sets quantities within limits; zero or less removes the line', () => {
    const cart = addItem(addItem(EMPTY_CART, tea), pot);
    expect(setQuantity(cart, 'green-tea', 9).find((l) => l.skuId === 'green-tea')?.quantity).toBe(3);
    expect(setQuantity(cart, 'green-tea', 0).map((l) => l.skuId)).toEqual(['teapot']);
    expect(setQuantity(cart, 'green-tea', -1).map((l) => l.skuId)).toEqual(['teapot']);
    expect(removeItem(cart, 'teapot').map((l) => l.skuId)).toEqual(['green-tea']);
  });

  it('is never changed in place', () => {
    const cart = addItem(EMPTY_CART, tea);
    addItem(cart, tea);
    setQuantity(cart, 'green-tea', 2);
    expect(cart[0]!.quantity).toBe(1);
  });

  it('follows today’s catalog: prices and names refreshed, unavailable or unknown products dropped, limits applied', () => {
    const stored = [
      { skuId: 'green-tea', name: 'Old tea', unitPrice: 999, quantity: 5, maxPerOrder: 10 },
      { skuId: 'teapot', name: 'Clay teapot', unitPrice: 16800, quantity: 1, maxPerOrder: 1 },
      { skuId: 'gone', name: 'Gone', unitPrice: 100, quantity: 1, maxPerOrder: 1 },
    ];
    const cart = reconcileCart(stored, [tea, { ...pot, available: false }]);
    expect(cart).toEqual([{ skuId: 'green-tea', name: 'Green tea', unitPrice: 1200, quantity: 3, maxPerOrder: 3 }]);
  });

  it('knows whether two carts are the same checkout', () => {
    const a = addItem(addItem(EMPTY_CART, tea), pot);
    expect(sameItems(a, addItem(addItem(EMPTY_CART, tea), pot))).toBe(true);
    expect(sameItems(a, addItem(a, tea))).toBe(false);
    expect(sameItems(a, removeItem(a, 'teapot'))).toBe(false);
  });

  it('survives a reload through storage and ignores what is not a cart', () => {
    const cart = addItem(EMPTY_CART, tea);
    saveCart(cart);
    expect(loadCart()).toEqual(cart);

    taroDouble.storage.set('shop.cart.v1', [{ skuId: 'x', quantity: 'lots' }, ...cart]);
    expect(loadCart()).toEqual(cart);
    taroDouble.storage.set('shop.cart.v1', 'garbage');
    expect(loadCart()).toEqual([]);
  });

  it('takes a paid order’s quantities out, keeping what was added since', () => {
    const cart = addItem(addItem(addItem(EMPTY_CART, tea), tea), pot);
    expect(cartItems(removePaid(cart, [{ skuId: 'green-tea', quantity: 1 }, { skuId: 'teapot', quantity: 1 }]))).toEqual([{ skuId: 'green-tea', quantity: 1 }]);
    expect(removePaid(cart, cartItems(cart))).toEqual([]);
  });
});
