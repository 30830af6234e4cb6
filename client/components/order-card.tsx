import { Text, View } from '@tarojs/components';
import { isPayable, shopperStatus } from '../../api';
import type { Order } from '../services/types';
import { S } from '../strings';
import { Btn } from './button';
import { Price } from './price';
import { StatusBadge } from './status-badge';

interface Props {
  order: Order;
  now: number;
  paying: boolean;
  onOpen: (orderNo: string) => void;
  onPay: (order: Order) => void;
  onCancel: (orderNo: string) => void;
}

export function when(ms: number): string {
  const d = new Date(ms);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}

/** An order's status as of `now`: an unpaid order past its time reads 已过期 without waiting for the server. */
export function statusAt(order: Order, now: number): Order['status'] {
  return shopperStatus(order, now);
}

/** One order in 我的订单: when, status, what, how much, and what can still be done. */
export function OrderCard({ order, now, paying, onOpen, onPay, onCancel }: Props) {
  const status = statusAt(order, now);
  const count = order.lines.reduce((sum, line) => sum + line.quantity, 0);
  return (
    <View className="order-card">
      <View className="order-card__head" onClick={() => onOpen(order.orderNo)}>
        <Text className="order-card__date">{when(order.createdAt)}</Text>
        <StatusBadge status={status} />
      </View>
      <View className="order-card__body" onClick={() => onOpen(order.orderNo)}>
        <Text className="order-card__lines">{order.lines.map((line) => `${line.name} ×${line.quantity}`).join('，')}</Text>
        <View className="order-card__sum">
          <Text className="order-card__count">{`共 ${count} 件 ${S.total}`}</Text>
          <Price fen={order.amount} className="order-card__amount" />
        </View>
        {order.refundingAmount ? <Text className="order-card__refunding">{S.refundingAmount(order.refundingAmount)}</Text> : null}
      </View>
      <View className="order-card__actions">
        <Btn className="order-card__open" size="mini" onClick={() => onOpen(order.orderNo)}>
          {S.viewOrder}
        </Btn>
        {isPayable(status) ? (
          <>
            <Btn className="order-card__cancel" size="mini" disabled={paying} onClick={() => onCancel(order.orderNo)}>
              {S.cancelOrder}
            </Btn>
            <Btn className="order-card__pay" kind="primary" size="mini" loading={paying} onClick={() => onPay(order)}>
              {S.payNow}
            </Btn>
          </>
        ) : null}
      </View>
    </View>
  );
}
