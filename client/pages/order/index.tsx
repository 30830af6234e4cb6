import { useCallback, useEffect, useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Notice } from '../../components/notice';
import { Price } from '../../components/price';
import { StatusBadge } from '../../components/status-badge';
import { cancelOrder, describeError, getOrder, paymentStatus } from '../../services/api';
import { lineTotal } from '../../services/money';
import { isFinal, isPayable, type Order } from '../../services/types';
import { ActionButton } from '../../components/action-button';
import { BackToShop } from '../../components/back-to-shop';

// One order: what was bought, what the server says about its payment, and what the shopper can still do.
export default function OrderPage() {
  const orderNo = useRouter().params.orderNo ?? '';
  const [order, setOrder] = useState<Order | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const run = useCallback(async (work: () => Promise<Order>) => {
    setBusy(true);
    setError(undefined);
    try {
      setOrder(await work());
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  }, []);

  useEffect(() => {
    void run(() => getOrder(orderNo));
  }, [orderNo, run]);

  return (
    <View className="page order-page">
      <BackToShop />
      <Text className="page__title">{`Order ${orderNo}`}</Text>
      {error ? <Notice kind="error">{error}</Notice> : null}
      {order ? (
        <View className="order">
          <View className="order__status">
            <StatusBadge status={order.status} />
          </View>
          {order.lines.map((line) => (
            <View key={line.skuId} className="order__line">
              <Text className="order__line-name">{`${line.name} ×${line.quantity}`}</Text>
              <Price fen={lineTotal(line.unitPrice, line.quantity)} />
            </View>
          ))}
          <View className="order__line order__line--total">
            <Text className="order__line-name">Total</Text>
            <Price fen={order.amount} className="order__amount" />
          </View>
          {order.refundedAmount > 0 ? (
            <View className="order__line">
              <Text className="order__line-name">Refunded</Text>
              <Price fen={order.refundedAmount} />
            </View>
          ) : null}
          <View className="order__actions">
            {!isFinal(order.status) ? (
              <ActionButton className="order__refresh" size="mini" disabled={busy} onClick={() => void run(() => paymentStatus(orderNo))}>
                Refresh status
              </ActionButton>
            ) : null}
            {isPayable(order.status) ? (
              <ActionButton className="order__cancel" size="mini" disabled={busy} onClick={() => void run(() => cancelOrder(orderNo))}>
                Cancel order
              </ActionButton>
            ) : null}
          </View>
        </View>
      ) : null}
      {!order && !error ? <Text className="order__loading">Loading…</Text> : null}
    </View>
  );
}
