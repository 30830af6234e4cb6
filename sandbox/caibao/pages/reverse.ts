/** 交易撤销 `open.pay.reverse` — jie-kou-lie-biao/jiao-yi-che-xiao.md. The answer carries only sign and timestamp. */
import { answerField, param, type CommandPage } from './table';

export const REVERSE_PAGE: CommandPage = {
  page: 'jie-kou-lie-biao/jiao-yi-che-xiao.md',
  params: {
    command: param('String', 'yes', false),
    operator_id: param('String', 'yes', true),
    app: param('String', 'yes', true),
    sign: param('String', 'yes', false),
    local_order_no: param('String', 'oneOfOrderNumbers', true),
    order_no: param('String', 'oneOfOrderNumbers', true),
    timestamp: param('Long', 'yes', true),
  },
  answer: [answerField('timestamp', true)],
};

/** 特殊说明: the cases in which reverse fails, with their documented errorMsg (no errorCode is given). */
export const REVERSE_REFUSALS = {
  paid: '当前订单已经收款成功，无法执行撤销。您可以使用刷新功能同步订单最新状态！',
  fullyRefunded: '当前订单已经全额退款，无法执行撤销！',
  failed: '交易失败的订单无法进行撤销！',
  notAPayment: '此订单不支持撤销操作，请查证（只有付款订单才可以撤销）！',
} as const;
