import { useEffect, useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { isPayable } from '../../api';
import { getOrder, pendingOrder } from '../services/api';
import { latestOrderNo } from '../services/attempt';
import type { Order } from '../services/types';
import { S } from '../strings';
import { Btn } from './button';

/** The shopper's unpaid order, asked of the server (any device) or, failing that, remembered here. */
async function findUnpaid(): Promise<Order | null> {
  try {
    return await pendingOrder();
  } catch {
    const orderNo = latestOrderNo();
    if (!orderNo) return null;
    const order = await getOrder(orderNo);
    return isPayable(order.status) ? order : null;
  }
}

/**
 * "你有一笔待付款订单": after a reload, a back during payment or a restart, the shopper is led back
 * to the order already made instead of paying a new one.
 */
export function PendingBar({ onPay, paying }: { onPay: (order: Order) => void; paying: boolean }) {
  const [order, setOrder] = useState<Order | null>(null);
  const refresh = () => {
    findUnpaid().then(
      (found) => setOrder(found && isPayable(found.status) && found.expiresAt > Date.now() ? found : null),
      () => setOrder(null),
    );
  };
  useEffect(refresh, []);
  useDidShow(refresh);
  if (!order) return null;
  return (
    <View className="pending-bar">
      <View className="pending-bar__body">
        <Text className="pending-bar__title">{S.pendingOrder}</Text>
        <Text className="pending-bar__hint">{S.pendingOrderHint(order.amount)}</Text>
      </View>
      <Btn className="pending-bar__pay" kind="primary" size="mini" loading={paying} onClick={() => onPay(order)}>
        {S.payNow}
      </Btn>
    </View>
  );
}
