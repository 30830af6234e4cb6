import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';

// Placeholder shop home: proves the page renders and reacts to a tap on every platform.
export default function Index() {
  const [cartCount, setCartCount] = useState(0);

  return (
    <View className="shop-home">
      <Text className="shop-home__title">Mini Shop</Text>
      <Text className="shop-home__intro">Pick something nice and pay with WeChat.</Text>
      <Text className="shop-home__cart">{cartLabel(cartCount)}</Text>
      <Button className="shop-home__add" onClick={() => setCartCount((n) => n + 1)}>
        Add to cart
      </Button>
    </View>
  );
}

function cartLabel(count: number): string {
  return `Cart: ${count} ${count === 1 ? 'item' : 'items'}`;
}
