import { Text, View } from '@tarojs/components';
import type { Product } from '../services/types';
import { S } from '../strings';
import { Price } from './price';
import { Stepper } from './stepper';

interface Props {
  product: Product;
  inCart: number;
  onQuantity: (product: Product, quantity: number) => void;
}

/** One product: a thumbnail with the quantity badge, name, description, price, and the stepper. */
export function ProductRow({ product, inCart, onQuantity }: Props) {
  return (
    <View className={`product${product.available ? '' : ' product--unavailable'}`}>
      <View className="product__thumb">
        <Text className="product__initial">{Array.from(product.name)[0] ?? ''}</Text>
        {inCart > 0 ? <Text className="badge product__badge">{inCart}</Text> : null}
      </View>
      <View className="product__info">
        <Text className="product__name">{product.name}</Text>
        {product.description ? <Text className="product__description">{product.description}</Text> : null}
        <View className="product__foot">
          <Price fen={product.unitPrice} className="product__price" />
          {!product.available ? (
            <Text className="product__note">{S.soldOut}</Text>
          ) : (
            <Stepper value={inCart} max={product.maxPerOrder} onChange={(quantity) => onQuantity(product, quantity)} />
          )}
        </View>
        {product.available && inCart >= product.maxPerOrder ? <Text className="product__limit">{S.maxReached(product.maxPerOrder)}</Text> : null}
      </View>
    </View>
  );
}
