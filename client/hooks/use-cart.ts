import { useEffect, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import type { Cart } from '../services/cart';
import { getCart, subscribeCart, updateCart } from '../services/cart-store';
import { S } from '../strings';

/** The shared cart (services/cart-store.ts) as page state: fresh on every show, told of other tabs' changes. */
export function useCart(): [Cart, (change: (cart: Cart) => Cart) => void] {
  const [cart, setCart] = useState<Cart>(getCart);
  useEffect(
    () =>
      subscribeCart((next, fromElsewhere) => {
        setCart(next);
        if (fromElsewhere) void Taro.showToast({ title: S.cartChanged, icon: 'none' }).catch(() => undefined);
      }),
    [],
  );
  useDidShow(() => setCart(getCart()));
  return [cart, (change) => void updateCart(change)];
}
