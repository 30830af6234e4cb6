/**
 * The QuickPay gateway: each operation is build → send (auth + envelope) → read → map.
 */
import type {
  JsapiPayment,
  ParsedNotification,
  Payer,
  PaymentGateway,
  PaymentOrder,
  ProviderOrderState,
  RefundRequest,
  RefundResult,
  HttpReply,
  IncomingNotification,
} from '../contract';
import { GatewayError } from '../contract';
import { buildCancelRequest } from './assumed-cancel';
import { buildJsapiPayRequest, buildOrderRequest, buildRefundRequest } from './build';
import type { QuickpayConfig } from './config';
import { ENDPOINTS } from './endpoints';
import { parseCloudpayParam, readPayResult, toOrderState, toRefundResult, toRequestPaymentParams } from './map';
import { parseQuickpayNotification, quickpayAcknowledgement } from './notification';
import { send } from './send';

export class QuickpayGateway implements PaymentGateway {
  readonly name = 'quickpay' as const;
  readonly orderNoPrefix = '';

  constructor(private readonly config: QuickpayConfig) {}

  async createJsapi(order: PaymentOrder, payer: Payer): Promise<JsapiPayment> {
    const body = buildJsapiPayRequest(order, payer, this.config);
    const info = readPayResult(await send(this.config, ENDPOINTS.jsapiPay, body), ENDPOINTS.jsapiPay);
    const param = parseCloudpayParam(info.cloudpay_param);
    if (param.appId !== payer.appId) {
      throw new GatewayError('quickpay', 'PROVIDER_UNAVAILABLE', 'JSAPIPay: cloudpay_param is signed for another AppID', 'unknown');
    }
    const payment: JsapiPayment = { params: toRequestPaymentParams(param) };
    if (info.transaction_no) payment.providerOrderId = info.transaction_no;
    return payment;
  }

  async query(orderNo: string): Promise<ProviderOrderState> {
    const body = buildOrderRequest(orderNo, this.config);
    return toOrderState(readPayResult(await send(this.config, ENDPOINTS.query, body), ENDPOINTS.query), orderNo, this.config.storeNo);
  }

  /** The cancel call is assumed (assumed-cancel.ts). An accepted call is all we need. */
  async close(orderNo: string): Promise<void> {
    await send(this.config, ENDPOINTS.cancel, buildCancelRequest(orderNo, this.config));
  }

  async refund(request: RefundRequest): Promise<RefundResult> {
    const body = buildRefundRequest(request, this.config);
    const info = readPayResult(await send(this.config, ENDPOINTS.refund, body), ENDPOINTS.refund);
    return toRefundResult(info, request.refundNo, request.refundAmount);
  }

  parseNotification(notification: IncomingNotification): ParsedNotification {
    return parseQuickpayNotification(notification, this.config.storeNo);
  }

  acknowledge(ok: boolean): HttpReply {
    return quickpayAcknowledgement(ok);
  }
}
