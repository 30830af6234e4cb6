import { useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { describeError, payOrder } from '../services/api';
import { openQrForOrder, openResult } from '../services/navigation';
import { openPaymentSheet } from '../services/payment';
import { askPaidSubscription } from '../services/subscribe';
import type { Order } from '../services/types';
import { S } from '../strings';

/**
 * 去支付 on an existing unpaid order (我的订单, 订单详情, the pending-order bar): the same order and,
 * while valid, the same pay params. For an in-app order the subscription is asked first, inside the
 * tap; a paid sheet leads to 支付结果. A QR order (browser) leads to its QR code on 确认订单 and asks
 * nothing, as 扫码支付 does not: it is paid outside the mini program, whose 服务通知 the message is for.
 */
export function usePayOrder(onError: (message: string) => void) {
  const [paying, setPaying] = useState<string | undefined>(undefined);
  const running = useRef(false);
  const pay = ({ orderNo, method }: Pick<Order, 'orderNo' | 'method'>) => {
    if (running.current) return;
    running.current = true;
    setPaying(orderNo);
    const asked = method === 'qr' ? Promise.resolve() : askPaidSubscription();
    void (async () => {
      try {
        await asked;
        const answer = await payOrder(orderNo);
        if ('qr' in answer) {
          openQrForOrder(orderNo);
          return;
        }
        const outcome = await openPaymentSheet(answer.payment);
        if (outcome.kind === 'ok') openResult(orderNo);
        else if (outcome.kind === 'cancel') void Taro.showToast({ title: S.payCancelledShort, icon: 'none' }).catch(() => undefined);
        else onError(S.payFailed);
      } catch (err) {
        onError(describeError(err));
      } finally {
        running.current = false;
        setPaying(undefined);
      }
    })();
  };
  return { pay, paying };
}
