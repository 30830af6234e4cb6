import { Text, View } from '@tarojs/components';
import type { CheckoutState } from '../services/checkout';
import { formatFen } from '../services/money';
import { Notice } from './notice';
import { ActionButton } from './action-button';
import { QrPanel } from './qr-panel';

interface Props {
  state: CheckoutState;
  onPayAgain: () => void;
  onCancelOrder: (orderNo: string) => void;
  onCheckAgain: (orderNo: string, amount: number) => void;
  onViewOrder: (orderNo: string) => void;
  onDismiss: () => void;
  onStopWaiting?: () => void;
}

/** Where the checkout is, in words, and what the shopper can do next. */
export function CheckoutStatus({ state, onPayAgain, onCancelOrder, onCheckAgain, onViewOrder, onDismiss, onStopWaiting = () => undefined }: Props) {
  switch (state.step) {
    case 'idle':
      return null;
    case 'creating':
      return <Notice kind="info">Creating your order…</Notice>;
    case 'paying':
      return <Notice kind="info">{`Waiting for payment of ${formatFen(state.amount)}…`}</Notice>;
    case 'confirming':
      return <Notice kind="info">Payment sent. Confirming with the shop…</Notice>;
    case 'scanning':
      return <QrPanel orderNo={state.orderNo} amount={state.amount} qrContent={state.qrContent} onStopWaiting={onStopWaiting} />;
    case 'done': {
      const { order } = state;
      const paid = order.status === 'PAID';
      return (
        <View className="checkout">
          <Notice kind={paid ? 'success' : 'error'}>
            {paid ? `PAID ${formatFen(order.amount)} — thank you!` : `Order ${order.orderNo} was not paid (${order.status}).`}
          </Notice>
          <Text className="checkout__order-no">{`Order ${order.orderNo}`}</Text>
          <View className="checkout__actions">
            <ActionButton className="checkout__view" size="mini" onClick={() => onViewOrder(order.orderNo)}>
              View order
            </ActionButton>
            <ActionButton className="checkout__dismiss" size="mini" onClick={onDismiss}>
              OK
            </ActionButton>
          </View>
        </View>
      );
    }
    case 'cancelled':
      return (
        <View className="checkout">
          <Notice kind="info">{`Payment cancelled. Order ${state.orderNo} (${formatFen(state.amount)}) is not paid yet.`}</Notice>
          <View className="checkout__actions">
            <ActionButton className="checkout__pay-again" size="mini" type="primary" onClick={onPayAgain}>
              Pay again
            </ActionButton>
            <ActionButton className="checkout__cancel-order" size="mini" onClick={() => onCancelOrder(state.orderNo)}>
              Cancel order
            </ActionButton>
          </View>
        </View>
      );
    case 'unconfirmed':
      return (
        <View className="checkout">
          <Notice kind="info">{`Order ${state.orderNo}: the payment is not confirmed yet.`}</Notice>
          <View className="checkout__actions">
            <ActionButton className="checkout__check" size="mini" onClick={() => onCheckAgain(state.orderNo, state.amount)}>
              Check again
            </ActionButton>
            <ActionButton className="checkout__view" size="mini" onClick={() => onViewOrder(state.orderNo)}>
              View order
            </ActionButton>
          </View>
        </View>
      );
    case 'failed':
      return (
        <View className="checkout">
          <Notice kind="error">{state.message}</Notice>
          <View className="checkout__actions">
            <ActionButton className="checkout__dismiss" size="mini" onClick={onDismiss}>
              OK
            </ActionButton>
          </View>
        </View>
      );
  }
}
