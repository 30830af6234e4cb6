/**
 * Asking the shopper for the "payment succeeded" subscribe message. WeChat only shows the dialog
 * when wx.requestSubscribeMessage is called inside a tap handler, so the Pay taps call this first,
 * before anything is awaited. Whatever the answer (refused, failed, not available), payment goes on.
 * The H5 build installs the local cloud's stand-in (platform/h5); the mini program uses WeChat's.
 */
import Taro from '@tarojs/taro';
import { PAID_TEMPLATE_ID } from '../config';

export type RequestSubscribe = (options: { tmplIds: string[] }) => Promise<unknown>;

let installed: RequestSubscribe | undefined;

export function installRequestSubscribe(request: RequestSubscribe | undefined): void {
  installed = request;
}

function platformRequest(): RequestSubscribe | undefined {
  if (installed) return installed;
  if (process.env.TARO_ENV === 'h5') return undefined;
  return (options) => Taro.requestSubscribeMessage(options as never);
}

export function askPaidSubscription(templateId: string = PAID_TEMPLATE_ID, request: RequestSubscribe | undefined = platformRequest()): Promise<void> {
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
