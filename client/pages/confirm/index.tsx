import { useCallback, useEffect, useRef, useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { isPayable, type CartItem } from '../../../api';
import { Btn, Spinner } from '../../components/button';
import { OrderLines } from '../../components/order-lines';
import { Price } from '../../components/price';
import { QrPanel } from '../../components/qr-panel';
import { Tips } from '../../components/tips';
import { useOrderCountdown } from '../../hooks/use-order-countdown';
import { useQrPayment } from '../../hooks/use-qr-payment';
import { ApiError, cancelOrder, createPayment, createQrPayment, describeError, getOrder, payOrder, paymentStatus } from '../../services/api';
import { attemptFor, findAttempt, recordOrderNo } from '../../services/attempt';
import { cartItems } from '../../services/cart';
import { getCart } from '../../services/cart-store';
import { goHome, openResult } from '../../services/navigation';
import { openPaymentSheet } from '../../services/payment';
import { runQrCheckout } from '../../services/qr-checkout';
import { askPaidSubscription } from '../../services/subscribe';
import type { Order, PaymentAnswer, QrAnswer } from '../../services/types';
import { countdownText, S, statusLabel } from '../../strings';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * This page's order: the cart's (one order per stored attempt; after 扫码支付 the QR order, so a
 * reload comes back to it) or, with `?orderNo=`, one already made.
 */
function usePageOrder(orderNoParam: string | undefined) {
  const items = useRef<CartItem[]>(orderNoParam ? [] : cartItems(getCart()));
  const [order, setOrder] = useState<Order | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);

  /**
   * Pay params for the sheet, fresh from the server. The first time the cart's order is made
   * (create, one per stored attempt); from then on it is paid again by number (`pay`), which the
   * server refuses with ORDER_PAID when another tab or device paid it meanwhile.
   */
  const known = useRef<string | undefined>(orderNoParam ?? findAttempt(items.current, 'qr')?.orderNo);
  const payment = useCallback(async (): Promise<PaymentAnswer | QrAnswer> => {
    if (known.current) return payOrder(known.current);
    const attempt = attemptFor(items.current, 'jsapi');
    const answer = await createPayment(items.current, attempt.requestId);
    recordOrderNo(attempt.requestId, answer.orderNo);
    known.current = answer.orderNo;
    return answer;
  }, []);

  const load = useCallback(async () => {
    setError(undefined);
    try {
      const orderNo = known.current ?? (await payment()).orderNo;
      setOrder(await getOrder(orderNo));
    } catch (err) {
      setError(describeError(err));
    }
  }, [payment]);

  useEffect(() => {
    if (items.current.length > 0 || orderNoParam) void load();
  }, [load, orderNoParam]);

  /**
   * 扫码支付 makes its own order: the in-app order this page made for the cart is cancelled first
   * (throws when it cannot be, e.g. ORDER_PAID), so that only one order is left unpaid.
   */
  const dropInAppOrder = useCallback(async () => {
    const inApp = findAttempt(items.current, 'jsapi')?.orderNo;
    if (inApp && inApp === known.current) await cancelOrder(inApp);
  }, []);
  const adopt = useCallback((orderNo: string) => {
    known.current = orderNo;
  }, []);

  return { items: items.current, order, error, load, payment, dropInAppOrder, adopt };
}

// 确认订单: the order as the server priced it, the time left to pay, and 微信支付 (or 扫码支付 in a browser).
export default function ConfirmPage() {
  const orderNoParam = useRouter().params.orderNo || undefined;
  const page = usePageOrder(orderNoParam);
  const { order } = page;
  const { status, left } = useOrderCountdown(order);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ kind: 'info' | 'error'; text: string } | undefined>(undefined);
  const [qr, setQr] = useState<{ orderNo: string; amount: number; content: string } | undefined>(undefined);
  const stopQr = useRef(false);
  const qrAvailable = useQrPayment();

  /** Shows the QR code and asks the server until the order is final (or the shopper stops waiting). */
  const watchQr = async (start: () => Promise<QrAnswer>) => {
    stopQr.current = false;
    const final = await runQrCheckout(
      { createQrPayment: () => start(), paymentStatus, sleep },
      { items: page.items, requestId: '', channel: 'wechat' },
      (state) => {
        if (state.step === 'scanning') setQr({ orderNo: state.orderNo, amount: state.amount, content: state.qrContent });
      },
      () => stopQr.current,
    );
    setQr(undefined);
    if (final.step === 'done') openResult(final.order.orderNo);
    else if (final.step === 'unconfirmed') openResult(final.orderNo);
    else if (final.step === 'failed') setNotice({ kind: 'error', text: final.message });
    else if (final.step === 'cancelled') await page.load();
  };

  const pay = () => {
    if (busy) return;
    setBusy(true);
    setNotice(undefined);
    const asked = askPaidSubscription(); // inside the tap, before anything is awaited (WeChat's rule)
    void (async () => {
      try {
        await asked;
        const answer = await page.payment();
        if ('qr' in answer) return await watchQr(async () => answer);
        const outcome = await openPaymentSheet(answer.payment);
        if (outcome.kind === 'ok') openResult(answer.orderNo);
        else if (outcome.kind === 'cancel') setNotice({ kind: 'info', text: S.payCancelled });
        else setNotice({ kind: 'error', text: S.payFailed });
      } catch (err) {
        // Paid meanwhile (another tab, another device): 支付结果 shows it, and the cart empties there.
        if (err instanceof ApiError && err.code === 'ORDER_PAID' && order) openResult(order.orderNo);
        else setNotice({ kind: 'error', text: describeError(err) });
      } finally {
        setBusy(false);
      }
    })();
  };

  const payByQr = () => {
    if (busy) return;
    setBusy(true);
    setNotice(undefined);
    void (async () => {
      try {
        await page.dropInAppOrder();
        const attempt = attemptFor(page.items, 'qr');
        await watchQr(async () => {
          const answer = await createQrPayment(page.items, attempt.requestId, 'wechat');
          recordOrderNo(attempt.requestId, answer.orderNo);
          page.adopt(answer.orderNo);
          return answer;
        });
      } catch (err) {
        // The in-app order was paid meanwhile (it could not be cancelled): 支付结果 shows it.
        if (err instanceof ApiError && err.code === 'ORDER_PAID' && order) openResult(order.orderNo);
        else setNotice({ kind: 'error', text: describeError(err) });
      } finally {
        setBusy(false);
      }
    })();
  };

  if (!orderNoParam && page.items.length === 0) {
    return (
      <View className="page confirm-page">
        <View className="empty">
          <Text className="empty__text">{S.cartEmpty}</Text>
          <Btn className="empty__action" size="small" onClick={goHome}>
            {S.backHome}
          </Btn>
        </View>
      </View>
    );
  }

  if (qr) {
    return (
      <View className="page confirm-page">
        <QrPanel orderNo={qr.orderNo} amount={qr.amount} qrContent={qr.content} onStopWaiting={() => (stopQr.current = true)} />
      </View>
    );
  }

  const payable = status !== undefined && isPayable(status);
  return (
    <View className="page page--with-bar confirm-page">
      {page.error ? (
        <View className="confirm__error">
          <Tips kind="error">{page.error}</Tips>
          <Btn className="confirm__retry" size="small" onClick={() => void page.load()}>
            {S.retry}
          </Btn>
        </View>
      ) : null}
      {!order && !page.error ? (
        <View className="loading">
          <Spinner />
          <Text className="loading__text">{S.confirmPricing}</Text>
        </View>
      ) : null}
      {order && status ? (
        <>
          <View className="card confirm__head">
            {payable ? (
              <Text className="confirm__countdown">{S.timeLeft(countdownText(left))}</Text>
            ) : (
              <Text className="confirm__status">{statusLabel(status)}</Text>
            )}
          </View>
          <View className="card">
            <Text className="card__title">{S.confirmLines}</Text>
            <OrderLines lines={order.lines} />
            <View className="cell">
              <Text className="cell__label">{S.confirmTotal}</Text>
              <Price fen={order.amount} className="confirm__amount" />
            </View>
          </View>
        </>
      ) : null}
      {notice ? <Tips kind={notice.kind}>{notice.text}</Tips> : null}
      {order && status === 'EXPIRED' ? <Tips kind="info">{S.expiredHint}</Tips> : null}

      <View className="bottom-bar confirm-bar">
        <View className="confirm-bar__sum">
          {order ? (
            <>
              <Text className="cart-bar__label">{`${S.confirmTotal}：`}</Text>
              <Price fen={order.amount} className="cart-bar__total" />
            </>
          ) : null}
        </View>
        {qrAvailable && payable && !orderNoParam ? (
          <Btn className="confirm__pay-qr" size="small" disabled={busy} onClick={payByQr}>
            {S.payByQr}
          </Btn>
        ) : null}
        {payable || !order ? (
          <Btn className="confirm__pay" kind="primary" disabled={!payable} loading={busy} onClick={pay}>
            {notice?.kind === 'info' ? S.continuePay : S.pay}
          </Btn>
        ) : (
          <Btn className="confirm__home" onClick={goHome}>
            {S.backHome}
          </Btn>
        )}
      </View>
    </View>
  );
}
