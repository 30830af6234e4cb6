import { useCallback, useRef, useState } from 'react';
import { cancelOrder as cancelOrderCall, createPayment, describeError, paymentStatus } from '../services/api';
import { sameItems, type Cart } from '../services/cart';
import { confirm, continuesSameOrder, runCheckout, type CheckoutDeps, type CheckoutState } from '../services/checkout';
import { openPaymentSheet } from '../services/payment';
import { newRequestId } from '../services/request-id';

export const defaultCheckoutDeps: CheckoutDeps = {
  createPayment,
  paymentStatus,
  openPaymentSheet: (params) => openPaymentSheet(params),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * The checkout of the page's cart. One requestId per attempt: made on the first Pay tap for these
 * items, reused when the shopper pays again after cancelling the sheet or after a passing failure,
 * dropped once the order is final or the cart changes. A tap while a checkout runs is ignored (the
 * button is disabled too, but a double tap can arrive before the page re-renders).
 */
export function useCheckout(deps: CheckoutDeps = defaultCheckoutDeps, makeRequestId: () => string = newRequestId) {
  const [state, setState] = useState<CheckoutState>({ step: 'idle' });
  const attempt = useRef<{ requestId: string; items: Cart } | undefined>(undefined);
  const running = useRef(false);

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

  const pay = useCallback(
    (cart: Cart) =>
      guarded(async () => {
        if (!attempt.current || !sameItems(attempt.current.items, cart)) attempt.current = { requestId: makeRequestId(), items: cart };
        const { requestId, items } = attempt.current;
        return runCheckout(deps, { requestId, items }, setState);
      }),
    [deps, guarded, makeRequestId],
  );

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

  return { state, pay, checkAgain, cancelOrder, dismiss };
}
