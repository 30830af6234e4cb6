import Taro from '@tarojs/taro';
import { S } from '../strings';
import { cancelOrder } from './api';
import type { Order } from './types';

/** 取消订单 behind a confirm dialog: undefined when the shopper keeps the order. */
export async function confirmAndCancel(orderNo: string): Promise<Order | undefined> {
  const answer = await Taro.showModal({
    title: S.cancelConfirmTitle,
    content: S.cancelConfirm,
    cancelText: S.cancelKeep,
    confirmText: S.cancelOk,
    confirmColor: '#fa5151',
  });
  if (!answer.confirm) return undefined;
  const order = await cancelOrder(orderNo);
  void Taro.showToast({ title: S.cancelled, icon: 'none' }).catch(() => undefined);
  return order;
}
