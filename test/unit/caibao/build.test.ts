import { buildMp, buildRefund, buildScan, goodsListOf, subjectOf } from '../../../server/gateways/caibao/build';
import { toFen } from '../../../server/platform/money';
import type { PaymentOrder } from '../../../server/gateways/contract';

const settings = { app: 'app1', operatorId: 'op1', notifyUrl: 'https://shop.example/notify' };
const order: PaymentOrder = {
  orderNo: 'CB20260101000001',
  amount: toFen(2990),
  description: 'Demo Shop - Green tea x2',
  lines: [
    { skuId: 'tea', name: '绿茶', unitPrice: toFen(995), quantity: 2 },
    { skuId: 'cup', name: 'Cup', unitPrice: toFen(1000), quantity: 1 },
  ],
};

describe('Caibao request building', () => {
  it('open.pay.mp: payer, order, goods in fen, epoch-ms timestamp, IP only when known', () => {
    const fields = buildMp(order, { appId: 'wxmini', openId: 'oPayer', clientIp: '8.8.8.8' }, settings, 1_700_000_000_123);
    expect(fields).toMatchObject({
      command: 'open.pay.mp',
      app: 'app1',
      operator_id: 'op1',
      version: '1.0',
      local_order_no: 'CB20260101000001',
      amount: '2990',
      timestamp: '1700000000123',
      sub_app_id: 'wxmini',
      open_id: 'oPayer',
      device_create_ip: '8.8.8.8',
      notify_url: 'https://shop.example/notify',
    });
    expect(JSON.parse(fields.goods_list ?? '')).toEqual([
      { goods_id: 'tea', goods_name: '绿茶', sell_amount: '2', goods_price: '995' },
      { goods_id: 'cup', goods_name: 'Cup', sell_amount: '1', goods_price: '1000' },
    ]);
    expect(buildMp(order, { appId: 'wxmini', openId: 'oPayer' }, settings, 1).device_create_ip).toBeUndefined();
    // Documented format is 8.8.8.8: an IPv6 address is left out rather than refused by Caibao.
    expect(buildMp(order, { appId: 'wxmini', openId: 'oPayer', clientIp: '2001:db8::1' }, settings, 1).device_create_ip).toBeUndefined();
  });

  it('subject: fewer than 20 characters, cut by characters (not bytes, not halves of a pair)', () => {
    expect(Array.from(subjectOf('一二三四五六七八九十一二三四五六七八九十一二三'))).toHaveLength(19);
    expect(subjectOf('一二三四五六七八九十一二三四五六七八九十')).toBe('一二三四五六七八九十一二三四五六七八九');
    const emoji = subjectOf('🍵'.repeat(25));
    expect(Array.from(emoji)).toHaveLength(19);
    expect(emoji).toBe('🍵'.repeat(19));
    expect(subjectOf('Short')).toBe('Short');
  });

  it('open.pay.scan: channel 2 WeChat, 1 Alipay', () => {
    expect(buildScan(order, 'wechat', settings, 1).channel).toBe('2');
    expect(buildScan(order, 'alipay', settings, 1).channel).toBe('1');
  });

  it('goods_list is omitted for an order without lines; refund sends the amount explicitly', () => {
    expect(goodsListOf([])).toBeUndefined();
    const refund = buildRefund({ orderNo: 'N1', refundNo: 'R1', orderAmount: toFen(100), refundAmount: toFen(40) }, settings, 5);
    expect(refund).toMatchObject({ command: 'open.pay.refund', local_order_no: 'N1', refund_amount: '40', timestamp: '5' });
  });
});
