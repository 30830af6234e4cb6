/**
 * The five Caibao commands as pipeline operations: build (build.ts) → the accepted answer's
 * `data` (types.ts) → map (map.ts). An answer about another order, amount, channel or AppID is a
 * mismatch: the outcome stays unknown and is resolved by query.
 */
import * as v from 'valibot';
import { toFen } from '../../platform/money';
import type { JsapiPayment, Payer, PaymentOrder, ProviderOrderState, QrChannel, QrPayment, RefundRequest, RefundResult } from '../contract';
import { mismatch, type Operation } from '../pipeline';
import { buildMp, buildQuery, buildRefund, buildReverse, buildScan } from './build';
import { mapOrderStatus, mapPaymentChannel, mapRefundStatus, parsePayTime } from './map';
import { mpAnswerSchema, queryAnswerSchema, refundAnswerSchema, scanAnswerSchema, type CaibaoSettings } from './types';

type Settings = Pick<CaibaoSettings, 'app' | 'operatorId' | 'notifyUrl'>;
type MpAnswer = v.InferOutput<typeof mpAnswerSchema>;
type ScanAnswer = v.InferOutput<typeof scanAnswerSchema>;
type QueryAnswer = v.InferOutput<typeof queryAnswerSchema>;
type RefundAnswer = v.InferOutput<typeof refundAnswerSchema>;

export function caibaoOperations(settings: Settings, now: () => number) {
  const mp: Operation<{ order: PaymentOrder; payer: Payer }, MpAnswer, JsapiPayment> = {
    name: 'open.pay.mp',
    build: ({ order, payer }) => buildMp(order, payer, settings, now()),
    answer: mpAnswerSchema,
    map: (answer, { payer }) => {
      if (answer.appId !== payer.appId) {
        throw mismatch(`open.pay.mp answered for AppID ${answer.appId}, but this mini program is ${payer.appId}: have Caibao bind this mini program's AppID (${payer.appId}) as sub_app_id of this merchant`, 'CONFIG_INVALID');
      }
      const { timeStamp, nonceStr, package: pkg, signType, paySign } = answer;
      return { params: { timeStamp, nonceStr, package: pkg, signType, paySign } };
    },
  };
  const scan: Operation<{ order: PaymentOrder; channel: QrChannel }, ScanAnswer, QrPayment> = {
    name: 'open.pay.scan',
    build: ({ order, channel }) => buildScan(order, channel, settings, now()),
    answer: scanAnswerSchema,
    map: (answer, { order, channel }) => {
      if (answer.localOrderNo !== order.orderNo) throw mismatch('open.pay.scan answered for another order');
      if (answer.totalAmount !== order.amount) throw mismatch('open.pay.scan answered another amount', 'AMOUNT_MISMATCH');
      const answered = mapPaymentChannel(answer.paymentChannel);
      if (answer.paymentChannel !== undefined && answered !== channel) throw mismatch(`open.pay.scan answered channel ${answered}`);
      return { qrContent: answer.qrCode, providerOrderId: answer.cbOrderNo };
    },
  };
  /**
   * Caibao signs seven answer members only (commands.ts): orderStatus, payTime and refundAmount are
   * read from the same HTTPS answer but are not covered by the RSA2 signature.
   */
  const query: Operation<string, QueryAnswer, ProviderOrderState> = {
    name: 'open.pay.query',
    build: (orderNo) => buildQuery(orderNo, settings, now()),
    answer: queryAnswerSchema,
    map: (answer, orderNo) => {
      if (answer.localOrderNo !== orderNo) throw mismatch('open.pay.query answered for another order');
      return {
        orderNo,
        status: mapOrderStatus(answer.orderStatus),
        rawStatus: answer.orderStatus,
        amount: answer.totalAmount === undefined ? undefined : toFen(answer.totalAmount),
        providerOrderId: answer.cbOrderNo,
        paidAt: parsePayTime(answer.payTime),
        refundedAmount: answer.refundAmount === undefined ? undefined : toFen(answer.refundAmount),
      };
    },
  };
  /** The answer carries only sign and timestamp (documented): an accepted, signed answer is all we need. */
  const reverse: Operation<string, unknown, void> = {
    name: 'open.pay.reverse',
    build: (orderNo) => buildReverse(orderNo, settings, now()),
    answer: v.unknown(),
    map: () => undefined,
  };
  const refund: Operation<RefundRequest, RefundAnswer, RefundResult> = {
    name: 'open.pay.refund',
    build: (request) => buildRefund(request, settings, now()),
    answer: refundAnswerSchema,
    map: (answer, request) => ({
      refundNo: request.refundNo,
      // 5 succeeded, -3 failed; anything else is not settled and is resolved by query.
      status: mapRefundStatus(answer.refundStatus),
      rawStatus: answer.refundStatus,
      refundAmount: answer.refundAmount === undefined ? request.refundAmount : toFen(answer.refundAmount),
      // The refund order's own Caibao number.
      providerRefundId: answer.cbOrderNo,
    }),
  };
  return { mp, scan, query, reverse, refund };
}
