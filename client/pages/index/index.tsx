import { useCallback, useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Btn, Loading } from '../../components/button';
import { PendingBar } from '../../components/pending-bar';
import { Price } from '../../components/price';
import { ProductRow } from '../../components/product-row';
import { Tips } from '../../components/tips';
import { useCart } from '../../hooks/use-cart';
import { usePayOrder } from '../../hooks/use-pay-order';
import { describeError, fetchCatalog } from '../../services/api';
import { addItem, cartTotal, itemCount, quantityOf, reconcileCart, setQuantity } from '../../services/cart';
import { openConfirm } from '../../services/navigation';
import type { Product } from '../../services/types';
import { S } from '../../strings';

// 首页: the products with steppers, a bar with the total and 去结算, and the way back to an unpaid order.
export default function Index() {
  const [products, setProducts] = useState<Product[] | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [cart, changeCart] = useCart();
  const payOrder = usePayOrder(setError);

  const loadCatalog = useCallback(async () => {
    setError(undefined);
    try {
      const list = await fetchCatalog();
      setProducts(list);
      changeCart((current) => reconcileCart(current, list));
    } catch (err) {
      setError(describeError(err));
    }
    // changeCart only writes the shared store: it need not be a dependency.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    void loadCatalog();
  }, [loadCatalog]);

  const quantity = (product: Product, next: number) =>
    changeCart((current) => (quantityOf(current, product.skuId) === 0 ? addItem(current, product) : setQuantity(current, product.skuId, next)));
  const count = itemCount(cart);

  return (
    <View className="page page--with-bar shop-home">
      <PendingBar onPay={payOrder.pay} paying={payOrder.paying !== undefined} />
      {error ? (
        <View className="catalog__error">
          <Tips kind="error">{error}</Tips>
          {products === undefined ? (
            <Btn className="catalog__retry" size="small" onClick={() => void loadCatalog()}>
              {S.retry}
            </Btn>
          ) : null}
        </View>
      ) : null}
      {products === undefined && !error ? (
        <Loading text={S.loading} />
      ) : null}
      <View className="catalog">
        {products?.map((product) => (
          <ProductRow key={product.skuId} product={product} inCart={quantityOf(cart, product.skuId)} onQuantity={quantity} />
        ))}
      </View>

      <View className="bottom-bar cart-bar">
        <View className="cart-bar__icon">
          <Text className="cart-bar__glyph">{S.cartTitle}</Text>
          {count > 0 ? <Text className="badge cart-bar__badge">{count}</Text> : null}
        </View>
        <View className="cart-bar__sum">
          {count > 0 ? (
            <>
              <Text className="cart-bar__label">{`${S.total}：`}</Text>
              <Price fen={cartTotal(cart)} className="cart-bar__total" />
            </>
          ) : (
            <Text className="cart-bar__empty">{S.cartEmpty}</Text>
          )}
        </View>
        <Btn className="cart-bar__checkout" kind="primary" disabled={count === 0} onClick={openConfirm}>
          {count > 0 ? S.checkoutCount(count) : S.checkout}
        </Btn>
      </View>
    </View>
  );
}
