import { useCallback, useEffect, useRef, useState } from 'react';
import { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { wasPaid } from '../../../api';
import { Btn } from '../../components/button';
import { Price } from '../../components/price';
import { ResultMsg, type ResultIcon } from '../../components/result-msg';
import { paymentStatus } from '../../services/api';
import { confirm, type CheckoutState } from '../../services/checkout';
import { goHome, openMyOrders, openOrder } from '../../services/navigation';
import { S, statusLabel } from '../../strings';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function look(state: CheckoutState): { icon: ResultIcon; title: string; description?: string; amount?: number } {
  switch (state.step) {
    case 'done': {
      const { order } = state;
      if (wasPaid(order.status)) return { icon: 'success', title: S.paidTitle, amount: order.amount };
      if (order.status === 'EXPIRED') return { icon: 'warn', title: S.expiredTitle, description: S.expiredHint, amount: order.amount };
      if (order.status === 'CLOSED') return { icon: 'warn', title: S.closedTitle, amount: order.amount };
      return { icon: 'warn', title: S.notPaidTitle, description: statusLabel(order.status), amount: order.amount };
    }
    case 'unconfirmed':
      return { icon: 'info', title: S.pendingTitle, description: S.unconfirmed, amount: state.amount };
    case 'failed':
      // The check failed (NOT_FOUND, an answer of an unexpected shape…), not the payment: this page
      // follows a sheet that said ok (or a paid QR code), so it never claims the order is unpaid.
      return { icon: 'info', title: S.uncheckedTitle, description: S.unchecked };
    default:
      return { icon: 'waiting', title: S.confirming };
  }
}

// 支付结果: asks the server until the order is final (a reload here asks again); only the server says paid.
export default function ResultPage() {
  const orderNo = useRouter().params.orderNo ?? '';
  const [state, setState] = useState<CheckoutState>({ step: 'confirming', orderNo, amount: 0 });
  const live = useRef(true);

  const check = useCallback(async () => {
    setState({ step: 'confirming', orderNo, amount: 0 });
    const final = await confirm({ paymentStatus, sleep }, orderNo, 0);
    if (live.current) setState(final);
  }, [orderNo]);

  useEffect(() => {
    live.current = true;
    void check();
    return () => {
      live.current = false;
    };
  }, [check]);

  const shown = look(state);
  // Not known yet (no answer in time, or no answer at all): ask again, or look in 我的订单.
  const unknown = state.step === 'unconfirmed' || state.step === 'failed';
  return (
    <View className="page page--white result-page">
      <ResultMsg icon={shown.icon} title={shown.title} description={shown.description} amount={shown.amount ? <Price fen={shown.amount} className="result__amount" /> : undefined}>
        {unknown ? (
          <Btn className="result__check" kind="primary" onClick={() => void check()}>
            {S.checkAgain}
          </Btn>
        ) : null}
        {state.step === 'failed' ? (
          <Btn className="result__orders" onClick={openMyOrders}>
            {S.myOrders}
          </Btn>
        ) : (
          <Btn className="result__view" kind={unknown ? 'default' : 'primary'} disabled={!orderNo} onClick={() => openOrder(orderNo)}>
            {S.viewOrder}
          </Btn>
        )}
        <Btn className="result__home" onClick={goHome}>
          {S.backHome}
        </Btn>
      </ResultMsg>
    </View>
  );
}
