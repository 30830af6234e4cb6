/** 微信JSAPI支付 `open.pay.mp` — jie-kou-lie-biao/d.md. */
import { answerField, param, type CommandPage } from './table';

export const MP_PAGE: CommandPage = {
  page: 'jie-kou-lie-biao/d.md',
  params: {
    command: param('String', 'yes', false),
    operator_id: param('String', 'yes', true),
    app: param('String', 'yes', true),
    version: param('String', 'yes', false),
    sign: param('String', 'yes', false),
    local_order_no: param('String', 'no', true),
    amount: param('Long', 'yes', true),
    un_discount_amount: param('Long', 'no', true),
    timestamp: param('Long', 'yes', true),
    subject: param('String', 'no', true),
    goods_list: param('String', 'no', true),
    notify_url: param('String', 'no', false),
    sub_app_id: param('String', 'yes', true),
    open_id: param('String', 'yes', true),
    device_create_ip: param('String', 'no', true),
  },
  // "返回值请参照" WeChat's JSAPI parameters: the six wx.requestPayment fields, all signed.
  answer: [
    answerField('appId', true),
    answerField('timeStamp', true),
    answerField('nonceStr', true),
    answerField('package', true),
    answerField('signType', true),
    answerField('paySign', true),
    answerField('timestamp', true),
  ],
};
