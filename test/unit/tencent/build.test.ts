import { toFen } from '../../../server/platform/money';
import type { PaymentOrder } from '../../../server/gateways/contract';
import { StageFailure } from '../../../server/gateways/pipeline';
import {
  buildCloseOrder,
  buildOfficialAccountPay,
  buildQueryOrder,
  buildQueryRefundOrder,
  buildRefund,
  goodsDetailText,
  spbillCreateIp,
  truncateUtf8,
} from '../../../server/gateways/tencent/build';
import { orderNoProblem } from '../../../server/gateways/tencent/orderNo';

const settings = {
  outMchId: 'sz01CRXVcdYDyJik8873',
  outSubMchId: 'sz01KuceBtrckIKw339L',
  outShopId: 'sz01NmziKgZQmAI98Kij',
  orderPrefix: 'sz0174',
  spbillIp: '10.0.0.1',
  deviceId: 'cloud-fn-1',
};

const order: PaymentOrder = {
  orderNo: 'sz0174202611210001',
  amount: toFen(1250),
  description: 'Demo Shop - Green tea x2',
  lines: [
    { skuId: 'tea-green', name: 'Green tea', unitPrice: toFen(500), quantity: 2 },
    { skuId: 'cup', name: 'Cup', unitPrice: toFen(250), quantity: 1 },
  ],
  expiresAt: new Date('2026-11-21T20:30:00.000Z'),
};

describe('order-number rules (≤32 chars, cloud-pay prefix)', () => {
  it.each([
    ['sz0174X', undefined],
    ['sz0174' + 'x'.repeat(26), undefined],
    ['sz0174' + 'x'.repeat(27), 'is 33 characters, at most 32 allowed'],
    ['ab0174123', 'must start with the cloud-pay order prefix "sz0174"'],
    ['sz0174', 'is only the prefix'],
    ['', 'is empty'],
  ])('%s → %s', (value, problem) => {
    expect(orderNoProblem(value, 'sz0174')).toBe(problem);
  });

  it('every builder refuses a bad number before anything is sent', () => {
    const calls = [
      () => buildOfficialAccountPay(settings, { ...order, orderNo: 'XX123' }, { appId: 'wx1', openId: 'o1' }, 'n'),
      () => buildQueryOrder(settings, 'sz0174' + 'y'.repeat(30), 'n'),
      () => buildCloseOrder(settings, 'other-prefix-1', 'n'),
      () => buildRefund(settings, { orderNo: order.orderNo, refundNo: 'R1', orderAmount: toFen(1), refundAmount: toFen(1) }, 'n'),
      () => buildQueryRefundOrder(settings, order.orderNo, 'sz0174' + 'r'.repeat(27), 'n'),
    ];
    for (const call of calls) {
      let caught: unknown;
      try {
        call();
      } catch (err) {
        caught = err;
      }
      // The pipeline classifies it: INVALID_ARGUMENT, outcome not_sent (test/contract/tencent/operations.test.ts).
      expect(caught).toBeInstanceOf(StageFailure);
      expect(caught).toMatchObject({ fact: { kind: 'invalid_request' } });
    }
  });

  it('names the field: a refund number needs the prefix too', () => {
    let caught: unknown;
    try {
      buildRefund(settings, { orderNo: order.orderNo, refundNo: 'R1', orderAmount: toFen(1), refundAmount: toFen(1) }, 'n');
    } catch (err) {
      caught = err;
    }
    expect(caught).toMatchObject({ fact: { kind: 'invalid_request', problem: expect.stringMatching(/^out_refund_no must start with/) } });
  });
});

describe('official_account_pay request', () => {
  it('is exactly the documented structure', () => {
    const request = buildOfficialAccountPay(settings, order, { appId: 'wx1', openId: 'oUser', clientIp: '203.0.113.9' }, 'NONCE');
    expect(request).toEqual({
      pay_mch_key: {
        pay_platform: 1,
        sub_pay_platform: 100,
        out_mch_id: settings.outMchId,
        out_sub_mch_id: settings.outSubMchId,
        out_shop_id: settings.outShopId,
        wxpay_pay_mch_key_ext: { sub_app_id: 'wx1', sub_open_id: 'oUser' },
      },
      pay_content: {
        out_trade_no: order.orderNo,
        total_fee: 1250,
        fee_type: 'CNY',
        body: 'Demo Shop - Green tea x2',
        detail: JSON.stringify({
          goods_detail: [
            { goods_id: 'tea-green', goods_name: 'Green tea', quantity: 2, price: 500 },
            { goods_id: 'cup', goods_name: 'Cup', quantity: 1, price: 250 },
          ],
        }),
        time_expire: Math.floor(Date.parse('2026-11-21T20:30:00.000Z') / 1000),
      },
      order_client: { device_id: 'cloud-fn-1', spbill_create_ip: '203.0.113.9', terminal_type: 100, sdk_version: 'ts-1.0' },
      nonce_str: 'NONCE',
      trade_type: 3,
    });
  });

  it('leaves time_expire out without an expiry, and falls back to the configured IP', () => {
    const { expiresAt: _ignored, ...noExpiry } = order;
    const request = buildOfficialAccountPay(settings, noExpiry, { appId: 'wx1', openId: 'oUser' }, 'N');
    expect(request.pay_content).not.toHaveProperty('time_expire');
    expect(request.order_client.spbill_create_ip).toBe('10.0.0.1');
  });

  it('body is cut to 128 UTF-8 bytes without splitting a character', () => {
    const long = '湖南交通工程学院后勤处'.repeat(10); // 3 bytes per character
    const body = truncateUtf8(long, 128);
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(128);
    expect(body.length).toBe(42);
    expect(long.startsWith(body)).toBe(true);
  });

  it('an IPv6 client address falls back to the configured IPv4 (spbill_create_ip is String(16))', () => {
    expect(spbillCreateIp(settings, '2001:db8::1')).toBe('10.0.0.1');
    expect(spbillCreateIp(settings, '192.168.1.20')).toBe('192.168.1.20');
  });

  it('detail is left out when there are no lines or it would exceed 6000 characters', () => {
    expect(goodsDetailText({ ...order, lines: [] })).toBeUndefined();
    const many = Array.from({ length: 200 }, (_, i) => ({ skuId: `sku-${i}`, name: 'n'.repeat(40), unitPrice: toFen(1), quantity: 1 }));
    expect(goodsDetailText({ ...order, lines: many })).toBeUndefined();
  });
});

describe('other requests', () => {
  it('query_order / close_order carry merchant, client, number, trade type, nonce', () => {
    const expected = {
      pay_mch_key: { pay_platform: 1, sub_pay_platform: 100, out_mch_id: settings.outMchId, out_sub_mch_id: settings.outSubMchId, out_shop_id: settings.outShopId },
      order_client: { device_id: 'cloud-fn-1', spbill_create_ip: '10.0.0.1', terminal_type: 100, sdk_version: 'ts-1.0' },
      out_trade_no: order.orderNo,
      trade_type: 3,
      nonce_str: 'N',
    };
    expect(buildQueryOrder(settings, order.orderNo, 'N')).toEqual(expected);
    expect(buildCloseOrder(settings, order.orderNo, 'N')).toEqual(expected);
  });

  it('refund carries what its table requires: refund_content, is_sub_admin, device_id, terminal_type, sdk_version, spbill_create_ip', () => {
    const request = buildRefund(
      settings,
      { orderNo: order.orderNo, refundNo: 'sz0174R1', orderAmount: toFen(1250), refundAmount: toFen(500), reason: '口味不合'.repeat(20) },
      'N',
    );
    expect(request).toEqual({
      pay_mch_key: {
        pay_platform: 1,
        sub_pay_platform: 100,
        out_mch_id: settings.outMchId,
        out_sub_mch_id: settings.outSubMchId,
        out_shop_id: settings.outShopId,
        is_sub_admin: true,
      },
      refund_content: {
        out_trade_no: order.orderNo,
        out_refund_no: 'sz0174R1',
        total_fee: 1250,
        refund_fee: 500,
        refund_fee_type: 'CNY',
        refund_reason: '口味不合'.repeat(16),
      },
      order_client: { device_id: 'cloud-fn-1', terminal_type: 100, sdk_version: 'ts-1.0', spbill_create_ip: '10.0.0.1' },
      nonce_str: 'N',
    });
  });

  it('query_refund_order names both numbers', () => {
    expect(buildQueryRefundOrder(settings, order.orderNo, 'sz0174R1', 'N')).toMatchObject({
      out_trade_no: order.orderNo,
      out_refund_no: 'sz0174R1',
      nonce_str: 'N',
    });
  });
});
