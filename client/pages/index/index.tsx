import { useCallback, useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { CartPanel } from '../../components/cart-panel';
import { CheckoutStatus } from '../../components/checkout-status';
import { Notice } from '../../components/notice';
import { ProductCard } from '../../components/product-card';
import { useCheckout } from '../../hooks/use-checkout';
import { useQrPayment } from '../../hooks/use-qr-payment';
import { describeError, fetchCatalog } from '../../services/api';
import { addItem, EMPTY_CART, loadCart, quantityOf, reconcileCart, saveCart, setQuantity, type Cart } from '../../services/cart';
import { isBusy } from '../../services/checkout';
import { openMyOrders, openOrder } from '../../services/navigation';
import type { Product } from '../../services/types';
import { ActionButton } from '../../components/action-button';

// The shop: the catalog, the cart, and checkout in place (the result shows here; details on the order page).
export default function Index() {
  const [products, setProducts] = useState<Product[] | undefined>(undefined);
  const [catalogError, setCatalogError] = useState<string | undefined>(undefined);
  const [cart, setCart] = useState<Cart>(loadCart);
  const checkout = useCheckout();
  const paying = isBusy(checkout.state);
  const qrPayment = useQrPayment();

  const loadCatalog = useCallback(async () => {
    setCatalogError(undefined);
    try {
      const list = await fetchCatalog();
      setProducts(list);
      setCart((current) => reconcileCart(current, list));
    } catch (err) {
      setCatalogError(describeError(err));
    }
  }, []);

  useEffect(() => {
    void loadCatalog();
  }, [loadCatalog]);

  useEffect(() => saveCart(cart), [cart]);

  const settled = (final: Awaited<ReturnType<typeof checkout.pay>>) => {
    if (final?.step === 'done' && final.order.status === 'PAID') setCart(EMPTY_CART);
  };
  const pay = async () => settled(await checkout.pay(cart));
  const payByQr = async () => settled(await checkout.payByQr(cart));
  const payAgain = async () => settled(await checkout.payAgain(cart));

  return (
    <View className="page shop-home">
      <View className="page__header">
        <View>
          <Text className="shop-home__title">Mini Shop</Text>
          <Text className="shop-home__intro">Pick something nice and pay with WeChat.</Text>
        </View>
        <ActionButton className="shop-home__orders" size="mini" onClick={openMyOrders}>
          My orders
        </ActionButton>
      </View>

      <View className="catalog">
        {catalogError ? (
          <View className="catalog__error">
            <Notice kind="error">{catalogError}</Notice>
            <ActionButton className="catalog__retry" size="mini" onClick={() => void loadCatalog()}>
              Try again
            </ActionButton>
          </View>
        ) : null}
        {products === undefined && !catalogError ? <Text className="catalog__loading">Loading products…</Text> : null}
        {products?.map((product) => (
          <ProductCard
            key={product.skuId}
            product={product}
            inCart={quantityOf(cart, product.skuId)}
            onAdd={(p) => !paying && setCart((current) => addItem(current, p))}
          />
        ))}
      </View>

      <CheckoutStatus
        state={checkout.state}
        onPayAgain={() => void payAgain()}
        onCancelOrder={(orderNo) => void checkout.cancelOrder(orderNo)}
        onCheckAgain={(orderNo, amount) => void checkout.checkAgain(orderNo, amount)}
        onViewOrder={openOrder}
        onDismiss={checkout.dismiss}
        onStopWaiting={checkout.stopQrWait}
      />

      <CartPanel cart={cart} paying={paying} onQuantity={(skuId, quantity) => setCart((current) => setQuantity(current, skuId, quantity))} onPay={() => void pay()}
        onPayByQr={qrPayment ? () => void payByQr() : undefined}
      />
    </View>
  );
}
