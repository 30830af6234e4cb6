/**
 * The Caibao adapter: each operation is build → sign → send → verify → read → map, the stages
 * living in the files of this folder. Operations: createJsapi = open.pay.mp, createQr =
 * open.pay.scan, query = open.pay.query, close = open.pay.reverse, refund = open.pay.refund.
 */
import type { KeyObject } from 'node:crypto';
import { z, type ZodType, type ZodTypeDef } from 'zod';
import { describeZodError, parseInput } from '../../platform/validation';
import { toFen } from '../../platform/money';
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
import { ONE_REFUND_PER_ORDER } from './assumptions';
import { buildMp, buildQuery, buildRefund, buildReverse, buildScan } from './build';
import { mapOrderStatus, mapPaymentChannel, mapRefundStatus, parsePayTime } from './map';
import { acknowledgement, parseNotification } from './notification';
import { sendCommand } from './send';
import { signRequest } from './sign';
import {
  mpAnswerSchema,
  queryAnswerSchema,
  refundAnswerSchema,
  scanAnswerSchema,
  type CaibaoSettings,
  type CommandName,
  type RequestFields,
  type WireFields,
} from './types';
import { loadPublicKey, verifyAnswer } from './verify';

const orderNoSchema = z.string().min(1).max(32);
const orderSchema = z.object({ orderNo: orderNoSchema, amount: z.number().int().min(1) });
const payerSchema = z.object({ appId: z.string().min(1), openId: z.string().min(1), clientIp: z.string().optional() });
const refundSchema = z
  .object({ orderNo: orderNoSchema, refundNo: z.string().min(1), orderAmount: z.number().int().min(1), refundAmount: z.number().int().min(1) })
  .refine((r) => r.refundAmount <= r.orderAmount, { message: 'must not exceed orderAmount', path: ['refundAmount'] });

export class CaibaoGateway implements PaymentGateway {
  readonly name = 'caibao' as const;
  readonly orderNoPrefix = '';
  private readonly publicKey: KeyObject;

  constructor(
    private readonly settings: CaibaoSettings,
    private readonly now: () => number = Date.now,
  ) {
    this.publicKey = loadPublicKey(settings.publicKey);
  }

  async createJsapi(order: PaymentOrder, payer: Payer): Promise<JsapiPayment> {
    parseInput(orderSchema, order);
    parseInput(payerSchema, payer);
    const data = await this.call('open.pay.mp', buildMp(order, payer, this.settings, this.now()));
    const answer = this.read('open.pay.mp', mpAnswerSchema, data);
    if (answer.appId !== payer.appId) {
      throw new GatewayError('caibao', 'PROVIDER_REJECTED', 'open.pay.mp answered for another appId', 'unknown');
    }
    const { timeStamp, nonceStr, package: pkg, signType, paySign } = answer;
    return { params: { timeStamp, nonceStr, package: pkg, signType, paySign } };
  }

  async createQr(order: PaymentOrder, channel: QrChannel): Promise<QrPayment> {
    parseInput(orderSchema, order);
    const data = await this.call('open.pay.scan', buildScan(order, channel, this.settings, this.now()));
    const answer = this.read('open.pay.scan', scanAnswerSchema, data);
    if (answer.localOrderNo !== order.orderNo) {
      throw new GatewayError('caibao', 'PROVIDER_REJECTED', 'open.pay.scan answered for another order', 'unknown');
    }
    if (answer.totalAmount !== order.amount) {
      throw new GatewayError('caibao', 'AMOUNT_MISMATCH', 'open.pay.scan answered another amount', 'unknown');
    }
    const answered = mapPaymentChannel(answer.paymentChannel);
    if (answer.paymentChannel !== undefined && answered !== channel) {
      throw new GatewayError('caibao', 'PROVIDER_REJECTED', `open.pay.scan answered channel ${answered}`, 'unknown');
    }
    return { qrContent: answer.qrCode, providerOrderId: answer.cbOrderNo };
  }

  /**
   * Caibao signs seven answer fields only (commands.ts): orderStatus, payTime and refundAmount are
   * read from the same HTTPS answer but are not covered by the RSA2 signature.
   */
  async query(orderNo: string): Promise<ProviderOrderState> {
    parseInput(orderNoSchema, orderNo);
    const data = await this.call('open.pay.query', buildQuery(orderNo, this.settings, this.now()));
    const answer = this.read('open.pay.query', queryAnswerSchema, data);
    if (answer.localOrderNo !== orderNo) {
      throw new GatewayError('caibao', 'PROVIDER_REJECTED', 'open.pay.query answered for another order', 'unknown');
    }
    return {
      orderNo,
      status: mapOrderStatus(answer.orderStatus),
      rawStatus: answer.orderStatus,
      amount: answer.totalAmount === undefined ? undefined : toFen(answer.totalAmount),
      providerOrderId: answer.cbOrderNo,
      paidAt: parsePayTime(answer.payTime),
      refundedAmount: answer.refundAmount === undefined ? undefined : toFen(answer.refundAmount),
    };
  }

  async close(orderNo: string): Promise<void> {
    parseInput(orderNoSchema, orderNo);
    await this.call('open.pay.reverse', buildReverse(orderNo, this.settings, this.now()));
  }

  async refund(request: RefundRequest): Promise<RefundResult> {
    parseInput(refundSchema, request);
    if (ONE_REFUND_PER_ORDER) {
      const earlier = await this.earlierRefund(request);
      if (earlier) return earlier;
    }
    const data = await this.call('open.pay.refund', buildRefund(request, this.settings, this.now()));
    const answer = this.read('open.pay.refund', refundAnswerSchema, data);
    return {
      refundNo: request.refundNo,
      // 5 succeeded, -3 failed; anything else is not settled and is resolved by query.
      status: mapRefundStatus(answer.refundStatus),
      rawStatus: answer.refundStatus,
      refundAmount: answer.refundAmount === undefined ? request.refundAmount : toFen(answer.refundAmount),
      // The refund order's own Caibao number.
      providerRefundId: answer.cbOrderNo,
    };
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

  private async call(command: CommandName, fields: RequestFields): Promise<WireFields> {
    const data = await sendCommand(command, signRequest(command, fields, this.settings.key), this.settings);
    verifyAnswer(command, data, this.publicKey);
    return data;
  }

  /** A signed answer we cannot read leaves the outcome unknown: resolve by querying. */
  private read<T>(command: CommandName, schema: ZodType<T, ZodTypeDef, unknown>, data: WireFields): T {
    const parsed = schema.safeParse(data);
    if (parsed.success) return parsed.data;
    throw new GatewayError('caibao', 'PROVIDER_UNAVAILABLE', `${command}: unreadable answer (${describeZodError(parsed.error)})`, 'unknown');
  }
}
