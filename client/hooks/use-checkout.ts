import { useCallback, useRef, useState } from 'react';
import { cancelOrder as cancelOrderCall, createPayment, createQrPayment, describeError, paymentStatus } from '../services/api';
import { sameItems, type Cart } from '../services/cart';
import { confirm, continuesSameOrder, runCheckout, type CheckoutDeps, type CheckoutState } from '../services/checkout';
import { openPaymentSheet } from '../services/payment';
import { runQrCheckout, type QrCheckoutDeps } from '../services/qr-checkout';
import { newRequestId } from '../services/request-id';
import type { QrChannel } from '../services/types';

export const defaultCheckoutDeps: CheckoutDeps = {
  createPayment,
  paymentStatus,
  openPaymentSheet: (params) => openPaymentSheet(params),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export const defaultQrCheckoutDeps: QrCheckoutDeps = { createQrPayment, paymentStatus, sleep: (ms) => defaultCheckoutDeps.sleep(ms) };

type Method = 'jsapi' | 'qr';

/**
 * The checkout of the page's cart. One requestId per attempt: made on the first Pay tap for these
 * items, reused when the shopper pays again after cancelling the sheet or after a passing failure,
 * dropped once the order is final or the cart changes. A tap while a checkout runs is ignored (the
 * button is disabled too, but a double tap can arrive before the page re-renders). The server keeps
 * a requestId's payment method, so paying another way (in-app ↔ QR code) starts a new attempt.
 */
export function useCheckout(
  deps: CheckoutDeps = defaultCheckoutDeps,
  makeRequestId: () => string = newRequestId,
  qrDeps: QrCheckoutDeps = defaultQrCheckoutDeps,
) {
  const [state, setState] = useState<CheckoutState>({ step: 'idle' });
  const attempt = useRef<{ requestId: string; items: Cart; method: Method } | undefined>(undefined);
  const running = useRef(false);
  const stopWaiting = useRef(false);

  const guarded = useCallback(async (work: () => Promise<CheckoutState>): Promise<CheckoutState | undefined> => {
    if (running.current) return undefined;
    running.current = true;
    try {
      const final = await work();
      if (!continuesSameOrder(final)) attempt.current = undefined;
      return final;
    } finally {
      running.current = false;
    }
  }, []);

  const attemptFor = useCallback(
    (cart: Cart, method: Method) => {
      const current = attempt.current;
      if (!current || current.method !== method || !sameItems(current.items, cart)) attempt.current = { requestId: makeRequestId(), items: cart, method };
      return attempt.current as { requestId: string; items: Cart };
    },
    [makeRequestId],
  );

  const pay = useCallback((cart: Cart) => guarded(() => runCheckout(deps, attemptFor(cart, 'jsapi'), setState)), [deps, guarded, attemptFor]);

  /** Pay by scanning a QR code (outside WeChat); `channel` is the wallet app that scans it. */
  const payByQr = useCallback(
    (cart: Cart, channel: QrChannel = 'wechat') =>
      guarded(() => {
        stopWaiting.current = false;
        return runQrCheckout(qrDeps, { ...attemptFor(cart, 'qr'), channel }, setState, () => stopWaiting.current);
      }),
    [qrDeps, guarded, attemptFor],
  );

  /** The shopper stops waiting for a QR payment (the order stays payable: pay again, or cancel it). */
  const stopQrWait = useCallback(() => {
    stopWaiting.current = true;
  }, []);

  /** "Pay again" goes on the way the last attempt paid. */
  const payAgain = useCallback((cart: Cart) => (attempt.current?.method === 'qr' ? payByQr(cart) : pay(cart)), [pay, payByQr]);

  /** The sheet said ok but the server had not confirmed: ask again. */
  const checkAgain = useCallback(
    (orderNo: string, amount: number) =>
      guarded(async () => {
        setState({ step: 'confirming', orderNo, amount });
        const next = await confirm(deps, orderNo, amount);
        setState(next);
        return next;
      }),
    [deps, guarded],
  );

  /** The shopper gives up on an unpaid order. */
  const cancelOrder = useCallback(
    (orderNo: string) =>
      guarded(async () => {
        let next: CheckoutState;
        try {
          next = { step: 'done', order: await cancelOrderCall(orderNo) };
        } catch (err) {
          next = { step: 'failed', orderNo, retryable: false, message: describeError(err) };
        }
        setState(next);
        return next;
      }),
    [guarded],
  );

  const dismiss = useCallback(() => setState({ step: 'idle' }), []);

  return { state, pay, payByQr, payAgain, stopQrWait, checkAgain, cancelOrder, dismiss };
}
