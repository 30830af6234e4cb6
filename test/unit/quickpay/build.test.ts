import { buildJsapiPayRequest, buildOrderRequest, buildRefundRequest } from '../../../server/gateways/quickpay/build';
import { GatewayError } from '../../../server/gateways/contract';
import { toFen, type Fen } from '../../../server/platform/money';
import { config, order, payer, stageError } from './fixtures';

function expectInvalid(fn: () => unknown, field: string) {
  const e = stageError(fn, 'QuickPay/JSAPIPay');
  expect(e).toBeInstanceOf(GatewayError);
  expect(e.code).toBe('INVALID_ARGUMENT');
  expect(e.outcome).toBe('not_sent');
  expect(e.retryable).toBe(false);
  expect(e.message).toContain(`${field}:`);
}

describe('buildJsapiPayRequest', () => {
  it('builds the documented JSAPIPayInfo body', () => {
    expect(buildJsapiPayRequest(order(), payer, config)).toEqual({
      store_no: 'STORE0001',
      paytype: 11,
      operator: 'WEB',
      appid: 'wx0123456789abcdef',
      openid: 'o-openid-123',
      amount: 1234,
      order_no: 'ORD20240101000001',
      iteminfo: 'Demo Shop - Green tea x2',
      notify_url: 'http://127.0.0.1:2/notify',
    });
  });

  it('accepts the limits exactly', () => {
    const body = buildJsapiPayRequest(order({ orderNo: 'x'.repeat(32), amount: toFen(9_999_999_999) }), payer, { ...config, storeNo: 's'.repeat(32) });
    expect(body.amount).toBe(9_999_999_999);
    expect(buildJsapiPayRequest(order({ amount: toFen(1) }), payer, config).amount).toBe(1);
  });

  it.each([
    ['order_no', () => buildJsapiPayRequest(order({ orderNo: 'x'.repeat(33) }), payer, config)],
    ['order_no', () => buildJsapiPayRequest(order({ orderNo: '' }), payer, config)],
    ['amount', () => buildJsapiPayRequest(order({ amount: 0 as Fen }), payer, config)],
    ['amount', () => buildJsapiPayRequest(order({ amount: 10_000_000_000 as Fen }), payer, config)],
    ['amount', () => buildJsapiPayRequest(order({ amount: 1.5 as Fen }), payer, config)],
    ['appid', () => buildJsapiPayRequest(order(), { ...payer, appId: '' }, config)],
    ['openid', () => buildJsapiPayRequest(order(), { ...payer, openId: '' }, config)],
    ['store_no', () => buildJsapiPayRequest(order(), payer, { ...config, storeNo: 's'.repeat(33) })],
  ])('refuses a bad %s before sending', (field, fn) => expectInvalid(fn, field));
});

describe('buildOrderRequest (Query, Cancel)', () => {
  it('builds {store_no, order_no}', () => {
    expect(buildOrderRequest('ORD1', config)).toEqual({ store_no: 'STORE0001', order_no: 'ORD1' });
  });
  it('refuses an order number over 32 characters', () => expectInvalid(() => buildOrderRequest('x'.repeat(33), config), 'order_no'));
});

describe('buildRefundRequest', () => {
  const refund = { orderNo: 'ORD1', refundNo: 'RF1', orderAmount: toFen(1000), refundAmount: toFen(300) };

  it('builds the documented body, with a default refund_desc', () => {
    expect(buildRefundRequest(refund, config)).toEqual({
      store_no: 'STORE0001',
      operator: 'WEB',
      amount: 1000,
      refund_amount: 300,
      order_no: 'ORD1',
      refund_no: 'RF1',
      refund_desc: 'refund',
    });
    expect(buildRefundRequest({ ...refund, reason: 'damaged' }, config).refund_desc).toBe('damaged');
  });

  it.each([
    ['refund_amount', { refundAmount: toFen(1001) }],
    ['refund_amount', { refundAmount: toFen(0) }],
    ['refund_no', { refundNo: '' }],
    ['refund_no', { refundNo: 'r'.repeat(33) }],
    ['amount', { orderAmount: toFen(0) }],
  ])('refuses a bad %s', (field, patch) => expectInvalid(() => buildRefundRequest({ ...refund, ...patch }, config), field));
});
