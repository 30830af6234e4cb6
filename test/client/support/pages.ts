/** What every page test sets up: a fresh fake shop as the cloud and the sheet, empty storage, no QR renderer. */
import { installCloud } from '../../../client/services/cloud';
import { installRequestPayment } from '../../../client/services/payment';
import { installQrImageRenderer } from '../../../client/services/qr-image';
import { CART_STORAGE_KEY } from '../../../client/services/cart';
import { taroDouble } from '../doubles/taro';
import { createFakeShop, PRODUCTS, type FakeShop } from './fake-shop';

export function freshShop(): FakeShop {
  taroDouble.reset();
  const shop = createFakeShop();
  installCloud(shop.cloud);
  installRequestPayment(shop.requestPayment);
  installQrImageRenderer(undefined);
  return shop;
}

/** Puts these quantities of the fake catalog in the stored cart. */
export function cartOf(quantities: Record<string, number>): void {
  taroDouble.storage.set(
    CART_STORAGE_KEY,
    Object.entries(quantities).map(([skuId, quantity]) => {
      const { name, unitPrice, maxPerOrder } = PRODUCTS.find((p) => p.skuId === skuId)!;
      return { skuId, name, unitPrice, maxPerOrder, quantity };
    }),
  );
}

export const callsOf = (shop: FakeShop, name: string, action?: string) => shop.calls.filter((c) => c.name === name && (action === undefined || c.data.action === action));

/** No English and no server text on the page: what the shopper reads is the client's Chinese. */
export function expectOnlyShopperText(text: string): void {
  expect(text).not.toMatch(/orderNo:|rejected|Failed to fetch|INTERNAL|NOT_FOUND|undefined|null/);
}
