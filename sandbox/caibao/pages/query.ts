/** 订单查询 `open.pay.query` — jie-kou-lie-biao/ding-dan-cha-xun.md. */
import { answerField, param, type CommandPage } from './table';

export const QUERY_PAGE: CommandPage = {
  page: 'jie-kou-lie-biao/ding-dan-cha-xun.md',
  params: {
    command: param('String', 'yes', false),
    operator_id: param('String', 'yes', true),
    app: param('String', 'yes', true),
    sign: param('String', 'yes', false),
    // "与order_no二选一，优先级: order_no > local_order_no"
    local_order_no: param('String', 'oneOfOrderNumbers', true),
    order_no: param('String', 'oneOfOrderNumbers', true),
    timestamp: param('Long', 'yes', true),
    // No version row in the table; the answer example names version ≥ 1.1 (discountAmount), so a
    // version may be sent. The sandbox accepts it and never requires it.
    version: param('String', 'no', false),
  },
  answer: [
    answerField('localOrderNo', true),
    answerField('cbOrderNo', true),
    answerField('outOrderNo', true),
    answerField('orderStatus', false),
    answerField('subject', false),
    answerField('paymentChannel', true),
    answerField('paymentWay', true),
    answerField('payTime', false),
    answerField('totalAmount', true),
    answerField('receiveAmount', false),
    answerField('refundAmount', false),
    answerField('refundTime', false),
    answerField('timestamp', true),
    answerField('discountAmount', false, true),
  ],
};
