import { useEffect, useRef, useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { isPayable } from '../../../api';
import { Btn, Loading } from '../../components/button';
import { OrderLines } from '../../components/order-lines';
import { Price } from '../../components/price';
import { QrPanel } from '../../components/qr-panel';
import { Tips } from '../../components/tips';
import { useCheckoutOrder } from '../../hooks/use-checkout-order';
import { useOrderCountdown } from '../../hooks/use-order-countdown';
import { useQrPayment } from '../../hooks/use-qr-payment';
import { ApiError, describeError, paymentStatus } from '../../services/api';
import { goHome, openResult } from '../../services/navigation';
import { openPaymentSheet } from '../../services/payment';
import { runQrCheckout } from '../../services/qr-checkout';
import { askPaidSubscription } from '../../services/subscribe';
import type { PaymentAnswer, QrAnswer } from '../../services/types';
import { countdownText, S, statusLabel } from '../../strings';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// 确认订单: the cart as the server prices it (no order yet), then the order made by the Pay tap with
// the time left to pay; 微信支付 (or 扫码支付 in a browser). With `?orderNo=`, that order; with
// `&pay=qr` as well (去支付 on an order made to be paid by QR code), its QR code at once.
export default function ConfirmPage() {
  const params = useRouter().params;
  const orderNoParam = params.orderNo || undefined;
  const qrOrder = orderNoParam !== undefined && params.pay === 'qr';
  const page = useCheckoutOrder(orderNoParam);
  const { order, quote } = page;
  // An order made to be paid by QR code (this route, or the cart's order after 暂不支付 or a reload):
  // its one button shows the code again, and says so.
  const paysByQr = qrOrder || order?.method === 'qr';
  const priced = order ?? quote;
  const { status, left } = useOrderCountdown(order);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ kind: 'info' | 'error'; text: string } | undefined>(undefined);
  const [qr, setQr] = useState<{ orderNo: string; amount: number; content: string } | undefined>(undefined);
  const stopQr = useRef(false);
  const qrAvailable = useQrPayment();

  /**
   * The pay answer's amount is what is charged. When it is not what this page showed (a price
   * changed since the quote), the shopper is told and sees the order as made; the next tap pays it.
   */
  const amountChanged = async (answer: PaymentAnswer | QrAnswer): Promise<boolean> => {
    if (priced === undefined || answer.amount === priced.amount) {
      void page.show(answer.orderNo).catch(() => undefined); // the order's countdown, for a sheet left unpaid
      return false;
    }
    setNotice({ kind: 'error', text: S.priceChanged(priced.amount, answer.amount) });
    await page.show(answer.orderNo).catch(() => undefined);
    return true;
  };

  /** Shows the QR code and asks the server until the order is final (or the shopper stops waiting). */
  const watchQr = async (answer: QrAnswer) => {
    stopQr.current = false;
    const final = await runQrCheckout(
      { createQrPayment: async () => answer, paymentStatus, sleep },
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

  /**
   * A tap's work, one at a time. Paid meanwhile (another tab, another device): 支付结果 shows it, and
   * the cart empties there. Cancelled or expired meanwhile: the page prices the cart afresh, so the
   * next tap starts a new order.
   */
  const run = (work: () => Promise<void>) => {
    setBusy(true);
    setNotice(undefined);
    void (async () => {
      try {
        await work();
      } catch (err) {
        const paid = err instanceof ApiError && err.code === 'ORDER_PAID' ? page.orderNo() : undefined;
        if (paid) openResult(paid);
        else setNotice({ kind: 'error', text: describeError(err) });
        if (err instanceof ApiError && (err.code === 'ORDER_CLOSED' || err.code === 'ORDER_EXPIRED')) void page.load();
      } finally {
        setBusy(false);
      }
    })();
  };

  const pay = () => {
    if (busy) return;
    const asked = askPaidSubscription(); // inside the tap, before anything is awaited (WeChat's rule)
    run(async () => {
      await asked;
      const answer = await page.payment('jsapi');
      if (await amountChanged(answer)) return;
      if ('qr' in answer) return await watchQr(answer);
      const outcome = await openPaymentSheet(answer.payment);
      if (outcome.kind === 'ok') openResult(answer.orderNo);
      else if (outcome.kind === 'cancel') setNotice({ kind: 'info', text: S.payCancelled });
      else setNotice({ kind: 'error', text: S.payFailed });
    });
  };

  const payByQr = () => {
    if (busy) return;
    run(async () => {
      await page.dropInAppOrder();
      const answer = await page.payment('qr');
      if (await amountChanged(answer)) return;
      if ('qr' in answer) await watchQr(answer);
    });
  };

  // The shopper tapped 去支付 on a QR order (我的订单, 订单详情, 首页): its code, without a second tap.
  const qrShown = useRef(false);
  useEffect(() => {
    if (!qrOrder || qrShown.current) return;
    qrShown.current = true;
    payByQr();
    // Once, when the page opens for a QR order; payByQr is this render's.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [qrOrder]);

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

  // Before the order exists the quote is payable: the tap makes the order.
  const payable = order ? status !== undefined && isPayable(status) : quote !== undefined;
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
      {!priced && !page.error ? (
        <Loading text={S.confirmPricing} />
      ) : null}
      {order && status ? (
        <View className="card confirm__head">
          {payable ? (
            <Text className="confirm__countdown">{S.timeLeft(countdownText(left))}</Text>
          ) : (
            <Text className="confirm__status">{statusLabel(status)}</Text>
          )}
        </View>
      ) : null}
      {priced ? (
        <View className="card">
          <Text className="card__title">{S.confirmLines}</Text>
          <OrderLines lines={priced.lines} />
          <View className="cell">
            <Text className="cell__label">{S.confirmTotal}</Text>
            <Price fen={priced.amount} className="confirm__amount" />
          </View>
        </View>
      ) : null}
      {/* 支付已取消…可在有效期内继续支付 is true only while the order can be paid. */}
      {notice && (notice.kind === 'error' || payable) ? <Tips kind={notice.kind}>{notice.text}</Tips> : null}
      {order && status === 'EXPIRED' ? <Tips kind="info">{S.expiredHint}</Tips> : null}

      <View className="bottom-bar confirm-bar">
        <View className="confirm-bar__sum">
          {priced ? (
            <>
              <Text className="cart-bar__label">{`${S.confirmTotal}：`}</Text>
              <Price fen={priced.amount} className="cart-bar__total" />
            </>
          ) : null}
        </View>
        {qrAvailable && payable && !orderNoParam && !paysByQr ? (
          <Btn className="confirm__pay-qr" size="small" disabled={busy} onClick={payByQr}>
            {S.payByQr}
          </Btn>
        ) : null}
        {payable || !priced ? (
          <Btn className="confirm__pay" kind="primary" disabled={!payable} loading={busy} onClick={paysByQr ? payByQr : pay}>
            {paysByQr ? S.payByQr : notice?.kind === 'info' ? S.continuePay : S.pay}
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
