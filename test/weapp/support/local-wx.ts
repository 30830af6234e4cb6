/**
 * The two wx APIs the shop's payment depends on, backed by the local shop in-process (the real
 * function code on the local cloud, the provider sandbox, the sandbox cashier) for a built mini
 * program running in the harness:
 * - `wx.cloud.callFunction` → the local cloud, as shopper `openid` (OPENID/APPID from the platform);
 * - `wx.requestPayment` → the sandbox cashier, which checks prepay id and paySign like WeChat, then
 *   pays or cancels as the test's shopper decides.
 */
import type { TestShop } from '../../support/local-shop';
import { LOCAL_APP_ID } from '../../../sandbox/shop';
import type { RequestPaymentParams } from '../../../server/gateways/contract';

interface CallbackOptions {
  success?: (result: { errMsg: string }) => void;
  fail?: (result: { errMsg: string }) => void;
  complete?: (result: { errMsg: string }) => void;
}

export interface LocalWx {
  wx: Record<string, unknown>;
  /** What the shopper does on the payment sheet. */
  shopper: { choice: 'pay' | 'cancel' };
  sheets: RequestPaymentParams[];
  calls: Array<{ name: string; data: Record<string, unknown> }>;
  /** Where the app asked to go (`navigateTo` url, `redirect <url>`, `tab <url>`). */
  navigations: string[];
  /** The template ids of each wx.requestSubscribeMessage. */
  subscriptions: string[][];
  toasts: string[];
  /** How many times the app ended a pull-down refresh (wx.stopPullDownRefresh). */
  pullDownStops: { count: number };
  /** The app's storage: pass one `LocalWx`'s to the next to restart the app on the same phone. */
  storage: Map<string, unknown>;
}

export function localWx(shop: TestShop, openid: string, storage = new Map<string, unknown>()): LocalWx {
  const shopper: LocalWx['shopper'] = { choice: 'pay' };
  const sheets: RequestPaymentParams[] = [];
  const calls: LocalWx['calls'] = [];
  const cloud = {
    init: () => undefined,
    callFunction: async ({ name, data = {} }: { name: string; data?: Record<string, unknown> }) => {
      calls.push({ name, data });
      const result = await shop.cloud.invoke(name, data, { OPENID: openid, APPID: LOCAL_APP_ID, SOURCE: 'wx_client', CLIENTIP: '127.0.0.1' });
      return { result, requestID: `local-${calls.length}`, errMsg: 'cloud.callFunction:ok' };
    },
  };
  // Like WeChat: callbacks when given, otherwise a promise that resolves ok / rejects `{errMsg}`.
  const requestPayment = (options: RequestPaymentParams & CallbackOptions): Promise<{ errMsg: string }> | undefined => {
    const { success, fail, complete, ...params } = options;
    sheets.push(params);
    const sheet = shopper.choice === 'pay' ? shop.cashier.pay(params, LOCAL_APP_ID) : shop.cashier.cancel(params, LOCAL_APP_ID);
    if (!success && !fail && !complete) {
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- WeChat rejects with a plain {errMsg}
      return sheet.then(({ errMsg }) => (errMsg === 'requestPayment:ok' ? { errMsg } : Promise.reject({ errMsg })));
    }
    void sheet.then(({ errMsg }) => {
      if (errMsg === 'requestPayment:ok') success?.({ errMsg });
      else fail?.({ errMsg });
      complete?.({ errMsg });
    });
    return undefined;
  };
  const navigations: string[] = [];
  const subscriptions: string[][] = [];
  const toasts: string[] = [];
  const pullDownStops = { count: 0 };
  const done = (name: string, options: CallbackOptions, extra: Record<string, unknown> = {}) => {
    const result = { errMsg: `${name}:ok`, ...extra };
    options.success?.(result);
    options.complete?.(result);
    return Promise.resolve(result);
  };
  const go = (prefix: string, name: string) => (options: { url: string } & CallbackOptions) => {
    navigations.push(`${prefix}${options.url}`);
    return done(name, options);
  };
  const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
  return {
    wx: {
      cloud,
      requestPayment,
      navigateTo: go('', 'navigateTo'),
      redirectTo: go('redirect ', 'redirectTo'),
      switchTab: go('tab ', 'switchTab'),
      requestSubscribeMessage: (options: { tmplIds: string[] } & CallbackOptions) => {
        subscriptions.push(options.tmplIds);
        return done('requestSubscribeMessage', options, Object.fromEntries(options.tmplIds.map((id) => [id, 'accept'])));
      },
      showModal: (options: CallbackOptions) => done('showModal', options, { confirm: true, cancel: false }),
      showToast: (options: { title: string } & CallbackOptions) => {
        toasts.push(options.title);
        return done('showToast', options);
      },
      stopPullDownRefresh: (options: CallbackOptions = {}) => {
        pullDownStops.count += 1;
        return done('stopPullDownRefresh', options);
      },
      getStorageSync: (key: string) => (storage.has(key) ? copy(storage.get(key)) : ''),
      setStorageSync: (key: string, value: unknown) => void storage.set(key, copy(value)),
    },
    shopper,
    sheets,
    calls,
    navigations,
    subscriptions,
    toasts,
    pullDownStops,
    storage,
  };
}
