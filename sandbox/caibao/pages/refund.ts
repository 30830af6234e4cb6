/** 交易退款 `open.pay.refund` — jie-kou-lie-biao/jiao-yi-tui-kuan.md. No version row, no refund number. */
import { answerField, param, type CommandPage } from './table';

export const REFUND_PAGE: CommandPage = {
  page: 'jie-kou-lie-biao/jiao-yi-tui-kuan.md',
  params: {
    command: param('String', 'yes', false),
    operator_id: param('String', 'yes', true),
    app: param('String', 'yes', true),
    sign: param('String', 'yes', false),
    local_order_no: param('String', 'oneOfOrderNumbers', true),
    order_no: param('String', 'oneOfOrderNumbers', true),
    timestamp: param('Long', 'yes', true),
    // "退款金额，如果为空，那么默认全部退款" — and NOT signed.
    refund_amount: param('Long', 'no', false),
    // "退款原因" — signed.
    reason: param('String', 'no', true),
  },
  answer: [
    // ming-ci-jie-shi.md: 5 退款成功, -3 退款失败.
    answerField('refundStatus', true),
    // "本地退款订单号": the refund's own number, not the paid order's.
    answerField('localOrderNo', true),
    answerField('cbOrderNo', true),
    answerField('outOrderNo', true),
    answerField('refundAmount', true),
    answerField('timestamp', true),
  ],
};
