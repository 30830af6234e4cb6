/**
 * Every documented rule, twice: the sandbox refuses a request that breaks it (raw HTTP, as the
 * adapter would never send it), and the adapter catches the same mistake before sending.
 */
import { GatewayError } from '../../../server/gateways/contract';
import { toFen, type Fen } from '../../../server/platform/money';
import { newOrder, payer, rawPost, rejection, startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

let seq = 0;
const validCreate = () => ({
  store_no: h.sandbox.credentials.storeNo,
  appid: payer.appId,
  openid: payer.openId,
  amount: 100,
  order_no: `V${Date.now()}${++seq}`,
  notify_url: h.notifyUrl,
});

describe('the sandbox enforces the JSAPIPay field rules', () => {
  it('accepts a minimal valid request (and the documented defaults)', async () => {
    const body = validCreate();
    const res = await rawPost(h, '/QuickPay/JSAPIPay', body);
    expect(res.status).toBe(200);
    expect(res.json.code).toBe('SUCCESS');
    expect(h.sandbox.orders.find(body.order_no)?.request).toEqual(expect.objectContaining({ operator: 'WEB', paytype: 11 }));
    expect(typeof res.json.data?.cloudpay_param).toBe('string');
  });

  it.each([
    ['store_no', { store_no: undefined }],
    ['store_no', { store_no: '' }],
    ['store_no', { store_no: 's'.repeat(33) }],
    ['appid', { appid: undefined }],
    ['appid', { appid: '' }],
    ['openid', { openid: undefined }],
    ['amount', { amount: undefined }],
    ['amount', { amount: 0 }],
    ['amount', { amount: 10_000_000_000 }],
    ['amount', { amount: 1.5 }],
    ['amount', { amount: '100' }],
    ['order_no', { order_no: undefined }],
    ['order_no', { order_no: 'o'.repeat(33) }],
    ['operator', { operator: '' }],
    ['operator', { operator: 'o'.repeat(17) }],
    ['attach', { attach: 'a'.repeat(128) }],
    ['paytype', { paytype: 10 }],
    ['notify_url', { notify_url: 'not a url' }],
    ['share_pay', { share_pay: 'yes' }],
    ['itemlist', { itemlist: 'tea' }],
  ])('refuses a bad %s naming it', async (field, patch) => {
    const body = { ...validCreate(), ...patch };
    const res = await rawPost(h, '/QuickPay/JSAPIPay', body);
    expect(res.status).toBe(400);
    expect(res.json.code).toBe('FAIL');
    expect(res.json.msg).toContain(`${field}:`);
    expect(h.sandbox.orders.find(body.order_no ?? '')).toBeUndefined();
  });

  it('accepts the limits exactly', async () => {
    const res = await rawPost(h, '/QuickPay/JSAPIPay', {
      ...validCreate(),
      amount: 9_999_999_999,
      order_no: `L${Date.now()}`.padEnd(32, '0'),
      operator: 'o'.repeat(16),
      attach: 'a'.repeat(127),
      notify_url: '',
    });
    expect(res.json.code).toBe('SUCCESS');
  });

  it('refuses a store that is not the merchant’s, and Alipay (not in the sandbox)', async () => {
    expect((await rawPost(h, '/QuickPay/JSAPIPay', { ...validCreate(), store_no: 'OTHERSTORE' })).json).toEqual(
      expect.objectContaining({ code: 'FAIL', msg: expect.stringContaining('store_no') }),
    );
    expect((await rawPost(h, '/QuickPay/JSAPIPay', { ...validCreate(), paytype: 21 })).json.code).toBe('FAIL');
  });

  it.each([
    ['not JSON', '{"store_no":'],
    ['an array', '[]'],
    ['null', 'null'],
  ])('refuses a body that is %s', async (_name, body) => {
    const res = await rawPost(h, '/QuickPay/JSAPIPay', body);
    expect(res.status).toBe(400);
    expect(res.json.code).toBe('FAIL');
  });

  it('accepts text/json and refuses other content types with its envelope', async () => {
    expect((await rawPost(h, '/QuickPay/JSAPIPay', validCreate(), { 'content-type': 'text/json' })).json.code).toBe('SUCCESS');
    const res = await rawPost(h, '/QuickPay/JSAPIPay', 'store_no=x', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(res.status).toBe(415);
    expect(res.json.code).toBe('FAIL');
  });

  it('refuses a missing or wrong credential with 401, before reading the body', async () => {
    const missing = await fetch(`${h.url}/QuickPay/Query`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(missing.status).toBe(401);
    expect(((await missing.json()) as { code: string }).code).toBe('UNAUTHORIZED');
    const wrong = await rawPost(h, '/QuickPay/Query', {}, { [h.sandbox.credentials.authHeader]: 'wrong-credential' });
    expect(wrong.status).toBe(401);
    expect(wrong.text).not.toContain(h.sandbox.credentials.authValue);
  });
});

describe('the sandbox enforces the Query, Cancel and Refund field rules', () => {
  it.each([
    ['/QuickPay/Query', 'order_no', { order_no: undefined }],
    ['/QuickPay/Query', 'order_no', { order_no: 'o'.repeat(33) }],
    ['/QuickPay/Query', 'store_no', { store_no: undefined }],
    ['/QuickPay/Cancel', 'order_no', { order_no: '' }],
    ['/QuickPay/Cancel', 'store_no', { store_no: 's'.repeat(33) }],
  ])('%s refuses a bad %s', async (route, field, patch) => {
    const res = await rawPost(h, route, { store_no: h.sandbox.credentials.storeNo, order_no: 'X1', ...patch });
    expect(res.status).toBe(400);
    expect(res.json.msg).toContain(`${field}:`);
  });

  const validRefund = { store_no: 'set below', operator: 'WEB', amount: 100, refund_amount: 50, order_no: 'X1', refund_no: 'R1', refund_desc: 'x' };
  it.each([
    ['refund_amount', { refund_amount: 101 }],
    ['refund_amount', { refund_amount: 0 }],
    ['refund_amount', { refund_amount: 1.5 }],
    ['operator', { operator: undefined }],
    ['amount', { amount: 0 }],
    ['refund_no', { refund_no: undefined }],
    ['refund_no', { refund_no: 'r'.repeat(33) }],
    ['order_no', { order_no: 'o'.repeat(33) }],
    ['operator', { operator: 'o'.repeat(17) }],
  ])('/QuickPay/Refund refuses a bad %s', async (field, patch) => {
    const res = await rawPost(h, '/QuickPay/Refund', { ...validRefund, store_no: h.sandbox.credentials.storeNo, ...patch });
    expect(res.status).toBe(400);
    expect(res.json.msg).toContain(`${field}:`);
  });
});

describe('/QuickPay/Refund as its RefundInfo table says (liankeonline.com/Help/Api/POST-QuickPay-Refund)', () => {
  // The table marks operator 必填 (1–16) and gives amount only a range (1–9999999999), without 必填.
  async function paidOrder(): Promise<string> {
    const order = newOrder({ amount: toFen(1000) });
    const { params } = await h.gateway.createJsapi(order, payer);
    expect((await h.cashier.pay(params)).errMsg).toBe('requestPayment:ok');
    return order.orderNo;
  }
  const refundOf = (orderNo: string, patch: Record<string, unknown>) => ({
    store_no: h.sandbox.credentials.storeNo,
    operator: 'WEB',
    amount: 1000,
    refund_amount: 400,
    order_no: orderNo,
    refund_no: `${orderNo}R`,
    ...patch,
  });

  it('operator is required: a refund without it is refused and nothing is refunded', async () => {
    const orderNo = await paidOrder();
    const res = await rawPost(h, '/QuickPay/Refund', refundOf(orderNo, { operator: undefined }));
    expect(res.status).toBe(400);
    expect(res.json.msg).toContain('operator:');
    expect(h.sandbox.orders.find(orderNo)?.refundedAmount).toBe(0);
  });

  it('amount is optional: a refund without it is carried out; a given amount must still be the order’s', async () => {
    const orderNo = await paidOrder();
    const res = await rawPost(h, '/QuickPay/Refund', refundOf(orderNo, { amount: undefined }));
    expect(res.json).toMatchObject({ code: 'SUCCESS', data: { transaction_status: 'REFUNDED', order_no: orderNo } });
    expect(h.sandbox.orders.find(orderNo)?.refundedAmount).toBe(400);
    const wrong = await rawPost(h, '/QuickPay/Refund', refundOf(orderNo, { amount: 999, refund_no: `${orderNo}R2` }));
    expect(wrong.json).toMatchObject({ code: 'FAIL', msg: expect.stringContaining('does not match') });
  });
});

describe('the adapter catches the same mistakes before sending', () => {
  async function expectNotSent(promise: Promise<unknown>, field: string, orderNo?: string) {
    const err = (await rejection(promise)) as GatewayError;
    expect(err).toBeInstanceOf(GatewayError);
    expect(err.code).toBe('INVALID_ARGUMENT');
    expect(err.outcome).toBe('not_sent');
    expect(err.message).toContain(`${field}:`);
    if (orderNo !== undefined) expect(h.sandbox.orders.find(orderNo)).toBeUndefined();
  }

  it.each([
    ['amount', { amount: 0 as Fen }],
    ['amount', { amount: 10_000_000_000 as Fen }],
    ['amount', { amount: 1.5 as Fen }],
    ['order_no', { orderNo: 'o'.repeat(33) }],
    ['order_no', { orderNo: '' }],
  ])('createJsapi: %s', async (field, patch) => {
    const order = newOrder(patch);
    await expectNotSent(h.gateway.createJsapi(order, payer), field, order.orderNo);
  });

  it('createJsapi: appid and openid', async () => {
    await expectNotSent(h.gateway.createJsapi(newOrder(), { ...payer, appId: '' }), 'appid');
    await expectNotSent(h.gateway.createJsapi(newOrder(), { ...payer, openId: '' }), 'openid');
  });

  it('query and close: order_no', async () => {
    await expectNotSent(h.gateway.query('o'.repeat(33)), 'order_no');
    await expectNotSent(h.gateway.close(''), 'order_no');
  });

  it('refund: refund_amount, refund_no, amount', async () => {
    const base = { orderNo: 'X1', refundNo: 'R1', orderAmount: toFen(100), refundAmount: toFen(50) };
    await expectNotSent(h.gateway.refund({ ...base, refundAmount: toFen(101) }), 'refund_amount');
    await expectNotSent(h.gateway.refund({ ...base, refundAmount: toFen(0) }), 'refund_amount');
    await expectNotSent(h.gateway.refund({ ...base, refundNo: 'r'.repeat(33) }), 'refund_no');
    await expectNotSent(h.gateway.refund({ ...base, orderAmount: toFen(0) }), 'amount');
  });

  it('a wrong credential or a store that is not ours: rejected by the provider', async () => {
    for (const patch of [{ QUICKPAY_AUTH_VALUE: 'not-the-credential' }, { QUICKPAY_STORE_NO: 'OTHERSTORE' }] as Array<Record<string, string>>) {
      const err = (await rejection(h.gatewayWith(patch).createJsapi(newOrder(), payer))) as GatewayError;
      expect(err.code).toBe('PROVIDER_REJECTED');
      expect(err.outcome).toBe('rejected');
    }
  });
});
