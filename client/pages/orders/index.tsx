import { useCallback, useEffect, useRef, useState } from 'react';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { inTab, isPayable, ORDER_TAB_KEYS, type OrderTab } from '../../../api';
import { Btn, Loading } from '../../components/button';
import { OrderCard, statusAt } from '../../components/order-card';
import { Tips } from '../../components/tips';
import { useNow } from '../../hooks/use-now';
import { usePayOrder } from '../../hooks/use-pay-order';
import { describeError, listOrders } from '../../services/api';
import { confirmAndCancel } from '../../services/cancel';
import { goHome, openOrder } from '../../services/navigation';
import type { Order } from '../../services/types';
import { S, TAB_LABELS } from '../../strings';

const PAGE_SIZE = 10;

// 我的订单: tabs by state, newest first, pull down to refresh; 去支付 and 取消订单 on unpaid orders.
export default function OrdersPage() {
  const [tab, setTab] = useState<OrderTab>('all');
  const [orders, setOrders] = useState<Order[]>([]);
  const [total, setTotal] = useState<number | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const request = useRef(0);
  const payOrder = usePayOrder(setError);
  const now = useNow(orders.some((order) => isPayable(order.status)));

  const loadPage = useCallback(async (which: OrderTab, offset: number) => {
    const mine = ++request.current;
    setBusy(true);
    setError(undefined);
    try {
      const page = await listOrders(offset, PAGE_SIZE, which);
      if (mine !== request.current) return;
      setOrders((current) => [...current.slice(0, offset), ...page.orders]);
      setTotal(page.total);
    } catch (err) {
      if (mine === request.current) setError(describeError(err));
    } finally {
      if (mine === request.current) setBusy(false);
    }
  }, []);

  const reload = useCallback(() => loadPage(tab, 0), [loadPage, tab]);

  useEffect(() => {
    setOrders([]);
    setTotal(undefined);
    void loadPage(tab, 0);
  }, [tab, loadPage]);
  useDidShow(() => void reload());
  usePullDownRefresh(() => {
    void reload().finally(() => void Taro.stopPullDownRefresh());
  });

  const cancel = (orderNo: string) => {
    confirmAndCancel(orderNo).then(
      (updated) => updated && setOrders((current) => current.map((order) => (order.orderNo === orderNo ? updated : order))),
      (err: unknown) => setError(describeError(err)),
    );
  };

  // The server filters by tab; an order that changed since (e.g. expired a moment ago) is shown in its new tab only.
  const shown = orders.filter((order) => inTab(tab, statusAt(order, now)));
  const more = total !== undefined && orders.length < total;
  return (
    <View className="page orders-page">
      <View className="tabs">
        {ORDER_TAB_KEYS.map((key) => (
          <View key={key} className={`tabs__item${key === tab ? ' tabs__item--on' : ''}`} onClick={() => setTab(key)}>
            <Text className="tabs__label">{TAB_LABELS[key]}</Text>
          </View>
        ))}
      </View>
      {error ? (
        <View className="orders__error">
          <Tips kind="error">{error}</Tips>
          {total === undefined && !busy ? (
            <Btn className="orders__retry" size="small" onClick={() => void reload()}>
              {S.retry}
            </Btn>
          ) : null}
        </View>
      ) : null}
      {total === undefined && busy ? (
        <Loading text={S.loading} />
      ) : null}
      {total !== undefined && shown.length === 0 ? (
        <View className="empty orders__empty">
          <Text className="empty__text">{tab === 'all' ? S.noOrders : S.noOrdersInTab}</Text>
          <Btn className="empty__action" size="small" onClick={goHome}>
            {S.goShopping}
          </Btn>
        </View>
      ) : null}
      {shown.map((order) => (
        <OrderCard
          key={order.orderNo}
          order={order}
          now={now}
          paying={payOrder.paying === order.orderNo}
          onOpen={openOrder}
          onPay={payOrder.pay}
          onCancel={cancel}
        />
      ))}
      {more ? (
        <Btn className="orders__more" size="small" loading={busy} onClick={() => void loadPage(tab, orders.length)}>
          {S.loadMore}
        </Btn>
      ) : null}
      {total !== undefined && !more && shown.length > 0 ? <Text className="orders__end">{S.allLoaded}</Text> : null}
    </View>
  );
}
