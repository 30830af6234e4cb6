/**
 * The Caibao adapter: each operation is one run of the shared pipeline (../pipeline: build → sign
 * → send → read → verify → decide → parse → map), Caibao supplying its protocol (protocol.ts) and
 * operations (operations.ts). createJsapi = open.pay.mp, createQr = open.pay.scan, query =
 * open.pay.query, close = open.pay.reverse, refund = open.pay.refund (queried first).
 */
import type { KeyObject } from 'node:crypto';
import * as v from 'valibot';
import { parseInput } from '../../platform/validation';
import {
  GatewayError,
  type HttpReply,
  type IncomingNotification,
  type JsapiPayment,
  type ParsedNotification,
  type Payer,
  type PaymentGateway,
  type PaymentOrder,
  type ProviderOrderState,
  type QrChannel,
  type QrPayment,
  type RefundRequest,
  type RefundResult,
} from '../contract';
import { commit, type CallOptions, type Protocol } from '../pipeline';
import { LOCAL_ORDER_NO, ONE_REFUND_PER_ORDER } from './assumptions';
import { acknowledgement, parseNotification } from './notification';
import { caibaoOperations } from './operations';
import { caibaoProtocol } from './protocol';
import type { CaibaoSettings } from './types';
import { loadPublicKey } from './verify';

const orderNoSchema = v.pipe(v.string(), v.minLength(1), v.maxLength(LOCAL_ORDER_NO.maxLength));
const positiveFen = v.pipe(v.number(), v.integer(), v.minValue(1));
const orderSchema = v.object({ orderNo: orderNoSchema, amount: positiveFen });
const payerSchema = v.object({ appId: v.pipe(v.string(), v.minLength(1)), openId: v.pipe(v.string(), v.minLength(1)), clientIp: v.optional(v.string()) });
const refundSchema = v.pipe(
  v.object({ orderNo: orderNoSchema, refundNo: v.pipe(v.string(), v.minLength(1)), orderAmount: positiveFen, refundAmount: positiveFen }),
  v.forward(v.check((r) => r.refundAmount <= r.orderAmount, 'must not exceed orderAmount'), ['refundAmount']),
);

export class CaibaoGateway implements PaymentGateway {
  readonly name = 'caibao' as const;
  readonly orderNoPrefix = '';
  private readonly publicKey: KeyObject;
  private readonly protocol: Protocol;
  private readonly operations: ReturnType<typeof caibaoOperations>;

  constructor(
    settings: CaibaoSettings,
    now: () => number = Date.now,
    private readonly callOptions: CallOptions = {},
  ) {
    this.publicKey = loadPublicKey(settings.publicKey);
    this.protocol = caibaoProtocol(settings, this.publicKey);
    this.operations = caibaoOperations(settings, now);
  }

  async createJsapi(order: PaymentOrder, payer: Payer): Promise<JsapiPayment> {
    parseInput(orderSchema, order);
    parseInput(payerSchema, payer);
    return await commit(this.protocol, this.operations.mp, { order, payer }, this.callOptions);
  }

  async createQr(order: PaymentOrder, channel: QrChannel): Promise<QrPayment> {
    parseInput(orderSchema, order);
    return await commit(this.protocol, this.operations.scan, { order, channel }, this.callOptions);
  }

  async query(orderNo: string): Promise<ProviderOrderState> {
    parseInput(orderNoSchema, orderNo);
    return await commit(this.protocol, this.operations.query, orderNo, this.callOptions);
  }

  async close(orderNo: string): Promise<void> {
    parseInput(orderNoSchema, orderNo);
    return await commit(this.protocol, this.operations.reverse, orderNo, this.callOptions);
  }

  async refund(request: RefundRequest): Promise<RefundResult> {
    parseInput(refundSchema, request);
    if (ONE_REFUND_PER_ORDER) {
      const earlier = await this.earlierRefund(request);
      if (earlier) return earlier;
    }
    return await commit(this.protocol, this.operations.refund, request, this.callOptions);
  }

  parseNotification(notification: IncomingNotification): ParsedNotification {
    return parseNotification(notification, this.publicKey);
  }

  acknowledge(ok: boolean): HttpReply {
    return acknowledgement(ok);
  }

  /** See ONE_REFUND_PER_ORDER: a retried refund that already landed is reported, not repeated. */
  private async earlierRefund(request: RefundRequest): Promise<RefundResult | undefined> {
    const state = await this.query(request.orderNo);
    const refunded = state.refundedAmount ?? 0;
    const result = (status: RefundResult['status']): RefundResult => ({
      refundNo: request.refundNo,
      status,
      rawStatus: state.rawStatus,
      refundAmount: request.refundAmount,
      providerRefundId: state.providerOrderId,
    });
    // A refund in progress, or a status we cannot read: never send another on a guess.
    if (state.status === 'REFUNDING' || state.status === 'UNKNOWN') return result('PENDING');
    if (refunded === 0) return undefined;
    if (refunded === request.refundAmount) return result('SUCCEEDED');
    throw new GatewayError('caibao', 'CONFLICT', `order ${request.orderNo} already has another refund (one refund per order)`, 'rejected');
  }
}
