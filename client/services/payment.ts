/**
 * The client's seam to the payment sheet: `wx.requestPayment` in the mini program (Taro.requestPayment
 * IS wx.requestPayment there); the H5 build installs the sandbox cashier (platform/h5) because Taro's
 * H5 requestPayment is a stub that resolves with "暂时不支持 API" — it would look like success.
 *
 * The sheet's answer is never proof of payment (only the server says paid): it tells the shop what
 * to do next — ask the server (`ok`), keep the order payable (`cancel`), or show the reason (`fail`).
 */
import Taro from '@tarojs/taro';
import type { PayParams } from './types';

/** wx.requestPayment's contract: resolves `{errMsg:'requestPayment:ok'}`, rejects `{errMsg:'requestPayment:fail …'}`. */
export type RequestPayment = (params: PayParams) => Promise<{ errMsg: string }>;

export type PaymentOutcome = { kind: 'ok' } | { kind: 'cancel' } | { kind: 'fail'; reason: string };

let installed: RequestPayment | undefined;

/** Replaces the payment sheet (H5 local shop, tests). */
export function installRequestPayment(requestPayment: RequestPayment): void {
  installed = requestPayment;
}

export function getRequestPayment(): RequestPayment {
  if (installed) return installed;
  if (process.env.TARO_ENV === 'weapp') return (params) => Taro.requestPayment(params);
  throw new Error(`No payment sheet for platform "${process.env.TARO_ENV ?? 'unknown'}": call installRequestPayment() first`);
}

/** Opens the sheet and says how the shopper left it. */
export async function openPaymentSheet(params: PayParams, requestPayment: RequestPayment = getRequestPayment()): Promise<PaymentOutcome> {
  let errMsg: string;
  try {
    errMsg = (await requestPayment(params)).errMsg;
  } catch (err) {
    errMsg = typeof err === 'object' && err !== null && 'errMsg' in err ? String(err.errMsg) : String(err);
  }
  return outcomeOf(errMsg);
}

/** Only the exact WeChat strings count: a stub's "暂时不支持 API" is a failure, not a success. */
export function outcomeOf(errMsg: string): PaymentOutcome {
  if (errMsg === 'requestPayment:ok') return { kind: 'ok' };
  if (errMsg === 'requestPayment:fail cancel') return { kind: 'cancel' };
  const reason = errMsg.replace(/^requestPayment:fail\s*/, '');
  return { kind: 'fail', reason: reason || 'the payment did not go through' };
}
