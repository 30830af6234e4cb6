/**
 * The four QuickPay calls as pipeline operations: build (build.ts) → the accepted answer's data
 * (PayResultInfo) → map (map.ts).
 */
import * as v from 'valibot';
import type { JsapiPayment, Payer, PaymentOrder, ProviderOrderState, RefundRequest, RefundResult } from '../contract';
import { mismatch, type Operation } from '../pipeline';
import { buildJsapiPayRequest, buildOrderRequest, buildRefundRequest } from './build';
import type { QuickpayConfig } from './config';
import { ENDPOINTS } from './endpoints';
import { parseCloudpayParam, toOrderState, toRefundResult, toRequestPaymentParams } from './map';
import { payResultInfoSchema, type PayResultInfo } from './types';

type Settings = Pick<QuickpayConfig, 'storeNo' | 'notifyUrl'>;

export function quickpayOperations(config: Settings) {
  const jsapiPay: Operation<{ order: PaymentOrder; payer: Payer }, PayResultInfo, JsapiPayment> = {
    name: ENDPOINTS.jsapiPay,
    build: ({ order, payer }) => buildJsapiPayRequest(order, payer, config),
    answer: payResultInfoSchema,
    map: (info, { payer }) => {
      const param = parseCloudpayParam(info.cloudpay_param);
      if (param.appId !== payer.appId) {
        throw mismatch(`cloudpay_param is signed for AppID ${param.appId}, but this mini program is ${payer.appId}: have QuickPay bind this mini program's AppID (${payer.appId}) to store ${config.storeNo}`, 'CONFIG_INVALID');
      }
      const payment: JsapiPayment = { params: toRequestPaymentParams(param) };
      if (info.transaction_no) payment.providerOrderId = info.transaction_no;
      return payment;
    },
  };
  const query: Operation<string, PayResultInfo, ProviderOrderState> = {
    name: ENDPOINTS.query,
    build: (orderNo) => buildOrderRequest(orderNo, config),
    answer: payResultInfoSchema,
    map: (info, orderNo) => toOrderState(info, orderNo, config.storeNo),
  };
  /** The cancel call is assumed (assumptions.ts); an accepted call is all we need. */
  const cancel: Operation<string, unknown, void> = {
    name: ENDPOINTS.cancel,
    build: (orderNo) => buildOrderRequest(orderNo, config),
    answer: v.unknown(),
    map: () => undefined,
  };
  const refund: Operation<RefundRequest, PayResultInfo, RefundResult> = {
    name: ENDPOINTS.refund,
    build: (request) => buildRefundRequest(request, config),
    answer: payResultInfoSchema,
    map: (info, request) => toRefundResult(info, request.refundNo, request.refundAmount),
  };
  return { jsapiPay, query, cancel, refund };
}
