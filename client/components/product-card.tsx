import { Text, View } from '@tarojs/components';
import type { Product } from '../services/types';
import { Price } from './price';
import { ActionButton } from './action-button';

interface Props {
  product: Product;
  inCart: number;
  onAdd: (product: Product) => void;
}

export function ProductCard({ product, inCart, onAdd }: Props) {
  const atLimit = inCart >= product.maxPerOrder;
  const label = !product.available ? 'Sold out' : atLimit ? `Max ${product.maxPerOrder}` : 'Add';
  return (
    <View className={`product${product.available ? '' : ' product--unavailable'}`}>
      <View className="product__info">
        <Text className="product__name">{product.name}</Text>
        {product.description ? <Text className="product__description">{product.description}</Text> : null}
        <Price fen={product.unitPrice} className="product__price" />
      </View>
      <ActionButton className="product__add" size="mini" disabled={!product.available || atLimit} onClick={() => onAdd(product)}>
        {label}
      </ActionButton>
    </View>
  );
}
