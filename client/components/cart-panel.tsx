import { Text, View } from '@tarojs/components';
import { cartTotal, itemCount, type Cart, type CartLine } from '../services/cart';
import { lineTotal } from '../services/money';
import { Price } from './price';
import { ActionButton } from './action-button';

interface Props {
  cart: Cart;
  paying: boolean;
  onQuantity: (skuId: string, quantity: number) => void;
  onPay: () => void;
  /** Offered only where QR payment is (outside the mini program, with a provider that has it). */
  onPayByQr?: () => void;
}

function itemsLabel(count: number): string {
  return `Cart: ${count} ${count === 1 ? 'item' : 'items'}`;
}

function CartRow({ line, disabled, onQuantity }: { line: CartLine; disabled: boolean; onQuantity: Props['onQuantity'] }) {
  return (
    <View className="cart-line">
      <Text className="cart-line__name">{line.name}</Text>
      <View className="cart-line__quantity">
        <ActionButton className="cart-line__less" size="mini" disabled={disabled} onClick={() => onQuantity(line.skuId, line.quantity - 1)}>
          −
        </ActionButton>
        <Text className="cart-line__count">{line.quantity}</Text>
        <ActionButton
          className="cart-line__more"
          size="mini"
          disabled={disabled || line.quantity >= line.maxPerOrder}
          onClick={() => onQuantity(line.skuId, line.quantity + 1)}
        >
          +
        </ActionButton>
      </View>
      <Price fen={lineTotal(line.unitPrice, line.quantity)} className="cart-line__total" />
      <ActionButton className="cart-line__remove" size="mini" disabled={disabled} onClick={() => onQuantity(line.skuId, 0)}>
        Remove
      </ActionButton>
    </View>
  );
}

export function CartPanel({ cart, paying, onQuantity, onPay, onPayByQr }: Props) {
  const total = cartTotal(cart);
  return (
    <View className="cart">
      <Text className="cart__summary">{itemsLabel(itemCount(cart))}</Text>
      {cart.map((line) => (
        <CartRow key={line.skuId} line={line} disabled={paying} onQuantity={onQuantity} />
      ))}
      <View className="cart__footer">
        <Text className="cart__total-label">Total</Text>
        <Price fen={total} className="cart__total" />
      </View>
      <ActionButton className="cart__pay" type="primary" disabled={cart.length === 0 || paying} loading={paying} onClick={onPay}>
        {paying ? 'Paying…' : 'Pay'}
      </ActionButton>
      {onPayByQr ? (
        <ActionButton className="cart__pay-qr" disabled={cart.length === 0 || paying} onClick={onPayByQr}>
          Pay by QR code
        </ActionButton>
      ) : null}
    </View>
  );
}
