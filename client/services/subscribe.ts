/**
 * Asking the shopper for the "payment succeeded" subscribe message. WeChat only shows the dialog
 * when wx.requestSubscribeMessage is called inside a tap handler, so the Pay taps call this first,
 * before anything is awaited. Whatever the answer (refused, failed, not available), payment goes on.
 */
import Taro from '@tarojs/taro';
import { PAID_TEMPLATE_ID } from '../config';

type RequestSubscribe = (options: { tmplIds: string[] }) => Promise<unknown>;

export function askPaidSubscription(
  templateId: string = PAID_TEMPLATE_ID,
  request: RequestSubscribe | undefined = process.env.TARO_ENV === 'h5' ? undefined : (options) => Taro.requestSubscribeMessage(options as never),
): Promise<void> {
  if (!templateId || !request) return Promise.resolve();
  try {
    return request({ tmplIds: [templateId] }).then(
      () => undefined,
      () => undefined,
    );
  } catch {
    return Promise.resolve();
  }
}
