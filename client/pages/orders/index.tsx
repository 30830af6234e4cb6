import { useCallback, useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { Notice } from '../../components/notice';
import { OrderCard } from '../../components/order-card';
import { cancelOrder, describeError, listOrders } from '../../services/api';
import { openOrder } from '../../services/navigation';
import type { Order } from '../../services/types';
import { ActionButton } from '../../components/action-button';
import { BackToShop } from '../../components/back-to-shop';

const PAGE_SIZE = 10;

// The shopper's own orders, newest first, a page at a time; an unpaid one can be cancelled here.
export default function OrdersPage() {
  const [orders, setOrders] = useState<Order[]>([]);
  const [total, setTotal] = useState<number | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const loadPage = useCallback(async (offset: number) => {
    setBusy(true);
    setError(undefined);
    try {
      const page = await listOrders(offset, PAGE_SIZE);
      setOrders((current) => [...current.slice(0, offset), ...page.orders]);
      setTotal(page.total);
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  }, []);

  useEffect(() => {
    void loadPage(0);
  }, [loadPage]);

  const cancel = async (orderNo: string) => {
    setBusy(true);
    setError(undefined);
    try {
      const updated = await cancelOrder(orderNo);
      setOrders((current) => current.map((order) => (order.orderNo === orderNo ? updated : order)));
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };

  const more = total !== undefined && orders.length < total;
  return (
    <View className="page orders-page">
      <BackToShop />
      <Text className="page__title">My orders</Text>
      {error ? <Notice kind="error">{error}</Notice> : null}
      {total === 0 ? <Text className="orders__empty">No orders yet.</Text> : null}
      {orders.map((order) => (
        <OrderCard key={order.orderNo} order={order} busy={busy} onOpen={openOrder} onCancel={(orderNo) => void cancel(orderNo)} />
      ))}
      {more ? (
        <ActionButton className="orders__more" size="mini" disabled={busy} onClick={() => void loadPage(orders.length)}>
          Load more
        </ActionButton>
      ) : null}
      {total !== undefined ? <Text className="orders__count">{`${orders.length} of ${total}`}</Text> : null}
    </View>
  );
}
