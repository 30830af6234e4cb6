/**
 * The five cloud-pay calls as pipeline operations: build (build.ts) → the accepted answer's schema
 * (types.ts, every documented form) → map (map.ts, plus the checks that the answer is about our
 * order, merchant, amount and mini program).
 */
import type { JsapiPayment, Payer, PaymentOrder, ProviderOrderState, RefundRequest, RefundResult } from '../contract';
import { mismatch, type Operation } from '../pipeline';
import { buildCloseOrder, buildOfficialAccountPay, buildQueryOrder, buildQueryRefundOrder, buildRefund } from './build';
import type { TencentSettings } from './config';
import { toProviderOrderState, toRefundResult, toRequestPaymentParams } from './map';
import {
  CloseOrderResponseSchema,
  OfficialAccountPayResponseSchema,
  QueryOrderResponseSchema,
  QueryRefundOrderResponseSchema,
  RefundResponseSchema,
  type RefundOrderContent,
} from './types';
import type * as v from 'valibot';

type Settings = Pick<TencentSettings, 'outMchId' | 'outSubMchId' | 'outShopId' | 'orderPrefix' | 'spbillIp' | 'deviceId'>;

/** The prepay is for another mini program: a console setting to change, said in the message. */
export function appIdProblem(issuedFor: string, miniProgram: string): string {
  return `the pay parameters are issued for AppID ${issuedFor}, but this mini program is ${miniProgram}: bind this mini program's AppID (${miniProgram}) to the sub-merchant in the Tencent Cloud Pay console`;
}

/** One RefundOrderContent, a list of them, or none (optional) → ours, if present. */
function ourRefund(contents: RefundOrderContent | RefundOrderContent[] | undefined, refundNo: string): RefundOrderContent | undefined {
  if (contents === undefined) return undefined;
  return (Array.isArray(contents) ? contents : [contents]).find((r) => r.out_refund_no === refundNo);
}

export function tencentOperations(settings: Settings, nonce: () => string) {
  const officialAccountPay: Operation<{ order: PaymentOrder; payer: Payer }, v.InferOutput<typeof OfficialAccountPayResponseSchema>, JsapiPayment> = {
    name: 'official_account_pay',
    build: ({ order, payer }) => buildOfficialAccountPay(settings, order, payer, nonce()),
    answer: OfficialAccountPayResponseSchema,
    map: (answer, { order, payer }) => {
      const { order_content: content, pay_mch_key: mch, jsapi_args } = answer.official_account_pay;
      if (content.out_trade_no !== order.orderNo) throw mismatch('out_trade_no');
      if (mch.out_sub_mch_id !== settings.outSubMchId) throw mismatch('out_sub_mch_id');
      if (content.total_fee !== undefined && content.total_fee !== order.amount) {
        throw mismatch(`total_fee ${content.total_fee} ≠ ${order.amount}`, 'AMOUNT_MISMATCH');
      }
      const args = jsapi_args.wxpay.get_brand_wcpay;
      // WeChat refuses to pay a prepay issued for another AppID inside this mini program.
      if (args.app_id !== payer.appId) throw mismatch(appIdProblem(args.app_id, payer.appId), 'CONFIG_INVALID');
      return { params: toRequestPaymentParams(args) };
    },
  };

  const queryOrder: Operation<string, v.InferOutput<typeof QueryOrderResponseSchema>, ProviderOrderState> = {
    name: 'query_order',
    build: (orderNo) => buildQueryOrder(settings, orderNo, nonce()),
    answer: QueryOrderResponseSchema,
    map: (answer, orderNo) => {
      const { order_content: content, pay_mch_key: mch } = answer.query_order;
      if (content.out_trade_no !== orderNo) throw mismatch('out_trade_no');
      return toProviderOrderState(content, mch);
    },
  };

  /** A verified status 0 closed it, whichever member (close_order, or query_order as the page's example) it carries. */
  const closeOrder: Operation<string, v.InferOutput<typeof CloseOrderResponseSchema>, void> = {
    name: 'close_order',
    build: (orderNo) => buildCloseOrder(settings, orderNo, nonce()),
    answer: CloseOrderResponseSchema,
    map: () => undefined,
  };

  const refund: Operation<RefundRequest, v.InferOutput<typeof RefundResponseSchema>, RefundResult> = {
    name: 'refund',
    build: (request) => buildRefund(settings, request, nonce()),
    answer: RefundResponseSchema,
    map: (answer, request) => {
      const contents = (answer.refund ?? answer.query_refund_order)?.refund_order_content;
      if (contents === undefined || (Array.isArray(contents) && contents.length === 0)) {
        // refund_order_content is optional: a verified status 0 without it = accepted; its state comes
        // from asking again (the same out_refund_no never refunds twice) or query_refund_order.
        return { refundNo: request.refundNo, status: 'PENDING', rawStatus: 'accepted', refundAmount: request.refundAmount };
      }
      const content = ourRefund(contents, request.refundNo);
      if (!content) throw mismatch('out_refund_no');
      return toRefundResult(content);
    },
  };

  const queryRefundOrder: Operation<{ orderNo: string; refundNo: string }, v.InferOutput<typeof QueryRefundOrderResponseSchema>, RefundResult> = {
    name: 'query_refund_order',
    build: ({ orderNo, refundNo }) => buildQueryRefundOrder(settings, orderNo, refundNo, nonce()),
    answer: QueryRefundOrderResponseSchema,
    map: (answer, { refundNo }) => {
      const content = ourRefund(answer.query_refund_order.refund_order_content, refundNo);
      if (!content) throw mismatch(`no refund ${refundNo} in the answer`);
      return toRefundResult(content);
    },
  };

  return { officialAccountPay, queryOrder, closeOrder, refund, queryRefundOrder };
}
