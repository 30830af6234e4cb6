import { authenCode, openResponse, sealRequest } from '../../../server/gateways/tencent/envelope';
import { parseTencentNotification, tencentAcknowledgement } from '../../../server/gateways/tencent/notification';
import { thrownGatewayError } from '../../support/gateway-errors';

const KEY = 'notify-key-0123456789';

const content = {
  nonce_str: 'abcdef',
  pay_mch_key: { pay_platform: 1, out_mch_id: 'mch', out_sub_mch_id: 'sub-9', out_shop_id: 'shop' },
  order_content: {
    out_trade_no: 'sz01N1',
    transaction_id: '4200009',
    total_fee: 880,
    time_end: 1_760_000_000,
    wxpay_order_content_ext: { current_trade_state: 3 },
  },
  order_client: { spbill_create_ip: '1.2.3.4' },
};

const incoming = (body: string) => ({ headers: { 'content-type': 'application/json' }, body: Buffer.from(body) });

describe('parseTencentNotification', () => {
  it('verifies, then maps state 3 to PAID with amount and merchant', () => {
    const parsed = parseTencentNotification(KEY, incoming(sealRequest(KEY, content).body));
    expect(parsed).toEqual({
      kind: 'verified',
      state: {
        orderNo: 'sz01N1',
        status: 'PAID',
        rawStatus: '3',
        amount: 880,
        merchantId: 'sub-9',
        providerOrderId: '4200009',
        paidAt: new Date(1_760_000_000_000),
      },
    });
  });

  it('a forged code is SIGNATURE_INVALID', () => {
    const { contentText } = sealRequest(KEY, content);
    const forged = JSON.stringify({
      request_content: contentText,
      authen_info: { a: { authen_type: 1, authen_code: authenCode('attacker-key-000', contentText) } },
    });
    expect(thrownGatewayError(() => parseTencentNotification(KEY, incoming(forged))).code).toBe('SIGNATURE_INVALID');
  });

  it('content changed after signing is SIGNATURE_INVALID', () => {
    const { body } = sealRequest(KEY, content);
    const tampered = body.replace('880', '1');
    expect(tampered).not.toBe(body);
    expect(thrownGatewayError(() => parseTencentNotification(KEY, incoming(tampered))).code).toBe('SIGNATURE_INVALID');
  });

  it('an unsigned notification is not trusted', () => {
    const unsigned = JSON.stringify({ request_content: JSON.stringify(content) });
    expect(thrownGatewayError(() => parseTencentNotification(KEY, incoming(unsigned))).code).toBe('SIGNATURE_INVALID');
  });

  it('a signed but incomplete notification is INVALID_ARGUMENT naming the field', () => {
    const { body } = sealRequest(KEY, { ...content, order_content: { total_fee: 1 } });
    const err = thrownGatewayError(() => parseTencentNotification(KEY, incoming(body)));
    expect(err.code).toBe('INVALID_ARGUMENT');
    expect(err.message).toMatch(/order_content\.out_trade_no/);
  });

  it('a signed total_fee beyond a safe integer is INVALID_ARGUMENT, not a crash', () => {
    const { body } = sealRequest(KEY, { ...content, order_content: { ...content.order_content, total_fee: 1e20 } });
    const err = thrownGatewayError(() => parseTencentNotification(KEY, incoming(body)));
    expect(err.code).toBe('INVALID_ARGUMENT');
    expect(err.message).toMatch(/order_content\.total_fee/);
  });

  it('garbage is INVALID_ARGUMENT', () => {
    expect(thrownGatewayError(() => parseTencentNotification(KEY, incoming('<xml/>'))).code).toBe('INVALID_ARGUMENT');
  });
});

describe('tencentAcknowledgement', () => {
  it('ok → signed {"status":0,...}', () => {
    const reply = tencentAcknowledgement(KEY, true);
    expect(reply.statusCode).toBe(200);
    const opened = openResponse(KEY, reply.body);
    expect(opened.authenticity).toBe('signed');
    expect(JSON.parse(opened.contentText)).toEqual({ status: 0, description: 'OK' });
  });

  it('not ok → signed non-zero status', () => {
    const opened = openResponse(KEY, tencentAcknowledgement(KEY, false).body);
    expect(opened.authenticity).toBe('signed');
    expect(JSON.parse(opened.contentText).status).not.toBe(0);
  });
});
