/** 扫码支付 `open.pay.scan` — jie-kou-lie-biao/b.md. */
import { answerField, param, type CommandPage } from './table';

export const SCAN_PAGE: CommandPage = {
  page: 'jie-kou-lie-biao/b.md',
  params: {
    command: param('String', 'yes', false),
    operator_id: param('String', 'yes', true),
    app: param('String', 'yes', true),
    version: param('String', 'yes', false),
    sign: param('String', 'yes', false),
    local_order_no: param('String', 'yes', true),
    channel: param('Integer', 'yes', true),
    amount: param('Long', 'yes', true),
    un_discount_amount: param('Long', 'no', true),
    timestamp: param('Long', 'yes', true),
    subject: param('String', 'no', true),
    goods_list: param('String', 'no', true),
    notify_url: param('String', 'no', false),
    device_create_ip: param('String', 'no', true),
  },
  answer: [
    answerField('qrCode', true),
    answerField('localOrderNo', true),
    answerField('cbOrderNo', true),
    answerField('totalAmount', true),
    // "1支付宝，2微信，3百度钱包，4翼支付"
    answerField('paymentChannel', true),
    answerField('timestamp', true),
    answerField('subject', false, true),
    answerField('paymentWay', false, true),
  ],
};
