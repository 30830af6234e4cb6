/**
 * The one cart of this shopper on this device, shared by every page and every browser tab: each
 * change is made to the stored cart as it is now (read, change, write), so a change made in another
 * tab is never overwritten, and listeners hear of changes from here and from other tabs.
 */
import { loadCart, saveCart, type Cart, CART_STORAGE_KEY } from './cart';

type Listener = (cart: Cart, fromElsewhere: boolean) => void;
const listeners = new Set<Listener>();
let watching = false;

/** The cart as stored now. */
export function getCart(): Cart {
  return loadCart();
}

export function updateCart(change: (cart: Cart) => Cart): Cart {
  const next = change(loadCart());
  saveCart(next);
  listeners.forEach((listener) => listener(next, false));
  return next;
}

/** Another tab of the same shop changed the stored cart (H5 only: a mini program has one instance). */
function watchOtherTabs(): void {
  if (watching || typeof window === 'undefined' || typeof window.addEventListener !== 'function') return;
  watching = true;
  window.addEventListener('storage', (event: StorageEvent) => {
    if (event.key !== null && event.key !== CART_STORAGE_KEY) return;
    const cart = loadCart();
    listeners.forEach((listener) => listener(cart, true));
  });
}

export function subscribeCart(listener: Listener): () => void {
  if (process.env.TARO_ENV !== 'weapp') watchOtherTabs();
  listeners.add(listener);
  return () => listeners.delete(listener);
}
