import { useCallback, useEffect, useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Button, Text, View } from '@tarojs/components';
import { isFinal, isPayable } from '../../../api';
import { Btn, Loading } from '../../components/button';
import { when } from '../../components/order-card';
import { OrderLines } from '../../components/order-lines';
import { OrderNo } from '../../components/order-no';
import { Price } from '../../components/price';
import { Tips } from '../../components/tips';
import { useOrderCountdown } from '../../hooks/use-order-countdown';
import { usePayOrder } from '../../hooks/use-pay-order';
import { describeError, getOrder, paymentStatus } from '../../services/api';
import { confirmAndCancel } from '../../services/cancel';
import type { Order } from '../../services/types';
import { countdownText, S, statusLabel } from '../../strings';

// 订单详情: the status with a live countdown, what was bought, the number to quote, and what can still be done.
export default function OrderPage() {
  const orderNo = useRouter().params.orderNo ?? '';
  const [order, setOrder] = useState<Order | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const payOrder = usePayOrder(setError);
  const { status, left } = useOrderCountdown(order);

  const run = useCallback(async (work: () => Promise<Order | undefined>) => {
    setBusy(true);
    setError(undefined);
    try {
      const next = await work();
      if (next) setOrder(next);
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  }, []);

  useEffect(() => {
    void run(() => getOrder(orderNo));
  }, [orderNo, run]);

  // The second the time is up the page says 已过期; the server is asked once more for its word.
  const expiredHere = order !== undefined && status === 'EXPIRED' && order.status !== 'EXPIRED';
  useEffect(() => {
    if (expiredHere) void run(() => paymentStatus(orderNo));
  }, [expiredHere, orderNo, run]);

  const payable = status !== undefined && isPayable(status);
  const checkable = order !== undefined && status !== undefined && !isFinal(status) && !payable;
  // 客服 is the mini program's (WeChat's contact button); in a browser a settled order has nothing left to do.
  const hasBar = process.env.TARO_ENV === 'weapp' || payable || checkable;
  return (
    <View className="page page--with-bar order-page">
      {error && order ? <Tips kind="error">{error}</Tips> : null}
      {error && !order ? (
        <View className="order__error">
          <Tips kind="error">{error}</Tips>
          {!busy ? (
            <Btn className="order__retry" size="small" onClick={() => void run(() => getOrder(orderNo))}>
              {S.retry}
            </Btn>
          ) : null}
        </View>
      ) : null}
      {!order && !error ? (
        <Loading text={S.loading} />
      ) : null}
      {order && status ? (
        <>
          <View className={`status-head status-head--${status.toLowerCase()}`}>
            <Text className="status-head__title">{statusLabel(status)}</Text>
            {payable ? <Text className="status-head__countdown">{S.timeLeft(countdownText(left))}</Text> : null}
            {status === 'EXPIRED' ? <Text className="status-head__hint">{S.expiredHint}</Text> : null}
          </View>
          <View className="card">
            <OrderLines lines={order.lines} />
            <View className="cell">
              <Text className="cell__label">{S.amount}</Text>
              <Price fen={order.amount} className="order__amount" />
            </View>
            {/* Under way: refundedAmount moves only once the refund has succeeded. */}
            {order.refundingAmount ? (
              <View className="cell">
                <Text className="cell__label">{S.refunding}</Text>
                <Price fen={order.refundingAmount} className="order__refunding" />
              </View>
            ) : null}
            {order.refundedAmount > 0 ? (
              <View className="cell">
                <Text className="cell__label">{S.refunded}</Text>
                <Price fen={order.refundedAmount} className="order__refunded" />
              </View>
            ) : null}
          </View>
          <View className="card">
            <OrderNo orderNo={order.orderNo} />
            <View className="cell cell--minor">
              <Text className="cell__label">{S.createdAt}</Text>
              <Text className="cell__value">{when(order.createdAt)}</Text>
            </View>
            {order.paidAt ? (
              <View className="cell cell--minor">
                <Text className="cell__label">{S.paidAt}</Text>
                <Text className="cell__value">{when(order.paidAt)}</Text>
              </View>
            ) : null}
          </View>
        </>
      ) : null}

      {hasBar ? (
        <View className="bottom-bar order-bar">
          {process.env.TARO_ENV === 'weapp' ? (
            <Button className="order__contact" openType="contact" plain>
              {S.contact}
            </Button>
          ) : null}
          <View className="order-bar__spacer" />
          {checkable ? (
            <Btn className="order__refresh" size="small" loading={busy} onClick={() => void run(() => paymentStatus(orderNo))}>
              {S.refresh}
            </Btn>
          ) : null}
          {payable ? (
            <>
              <Btn className="order__cancel" size="small" disabled={busy || payOrder.paying !== undefined} onClick={() => void run(() => confirmAndCancel(orderNo))}>
                {S.cancelOrder}
              </Btn>
              <Btn className="order__pay" kind="primary" size="small" loading={payOrder.paying !== undefined} onClick={() => payOrder.pay(order ?? { orderNo })}>
                {S.payNow}
              </Btn>
            </>
          ) : null}
        </View>
      ) : null}
    </View>
  );
}
