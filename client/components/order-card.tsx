import { Text, View } from '@tarojs/components';
import { isPayable, type Order } from '../services/types';
import { Price } from './price';
import { StatusBadge } from './status-badge';
import { ActionButton } from './action-button';

interface Props {
  order: Order;
  busy: boolean;
  onOpen: (orderNo: string) => void;
  onCancel: (orderNo: string) => void;
}

function when(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

/** One order in "my orders". */
export function OrderCard({ order, busy, onOpen, onCancel }: Props) {
  return (
    <View className="order-card">
      <View className="order-card__head">
        <Text className="order-card__no">{order.orderNo}</Text>
        <StatusBadge status={order.status} />
      </View>
      <Text className="order-card__lines">{order.lines.map((line) => `${line.name} ×${line.quantity}`).join(', ')}</Text>
      <View className="order-card__foot">
        <Text className="order-card__date">{when(order.createdAt)}</Text>
        <Price fen={order.amount} className="order-card__amount" />
      </View>
      <View className="order-card__actions">
        <ActionButton className="order-card__open" size="mini" onClick={() => onOpen(order.orderNo)}>
          Details
        </ActionButton>
        {isPayable(order.status) ? (
          <ActionButton className="order-card__cancel" size="mini" disabled={busy} onClick={() => onCancel(order.orderNo)}>
            Cancel order
          </ActionButton>
        ) : null}
      </View>
    </View>
  );
}
