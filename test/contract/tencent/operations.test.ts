/**
 * The Tencent Cloud Pay adapter against its sandbox over real HTTP on 127.0.0.1: every operation,
 * every documented status code, tampered answers, transport faults, and the authen key kept out of
 * every log line and error message.
 */
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { GatewayError, type PaymentOrder } from '../../../server/gateways/contract';
import { authenCode, sealRequest } from '../../../server/gateways/tencent/envelope';
import { postRaw } from '../../../server/platform/http';
import { setLogSink } from '../../../server/platform/log';
import { toFen } from '../../../server/platform/money';
import { eventually, orderNo, startHarness, type Harness } from './harness';

let h: Harness;
const logLines: string[] = [];
const errors: unknown[] = [];

beforeAll(async () => {
  setLogSink((line) => logLines.push(line), 'debug');
  h = await startHarness();
});

afterAll(async () => {
  await h.close();
  setLogSink((line) => process.stdout.write(`${line}\n`), 'info');
});

const payer = { appId: 'wxsandboxminiprog01', openId: 'oSandboxShopper001', clientIp: '198.51.100.7' };

function order(overrides: Partial<PaymentOrder> = {}): PaymentOrder {
  return {
    orderNo: orderNo(h.sandbox.credentials.orderPrefix),
    amount: toFen(2590),
    description: 'Demo Shop - 绿茶 x2',
    lines: [{ skuId: 'tea', name: '绿茶', unitPrice: toFen(1295), quantity: 2 }],
    ...overrides,
  };
}

async function failure(promise: Promise<unknown>): Promise<GatewayError> {
  try {
    await promise;
  } catch (err) {
    errors.push(err);
    if (err instanceof GatewayError) return err;
    throw err;
  }
  throw new Error('expected the call to fail');
}

describe('operations', () => {
  it('createJsapi returns the cashier-issued params unchanged, and the sandbox holds the order', async () => {
    const o = order({ expiresAt: new Date(Date.now() + 3_600_000) });
    const payment = await h.gateway.createJsapi(o, payer);
    expect(payment.params).toEqual({
      timeStamp: expect.stringMatching(/^\d+$/),
      nonceStr: expect.any(String),
      package: expect.stringMatching(/^prepay_id=wx/),
      signType: 'MD5',
      paySign: expect.stringMatching(/^[0-9A-F]{32}$/),
    });
    // WeChat's sheet (the cashier) accepts exactly these params.
    expect('prepay' in h.cashier.check(payment.params)).toBe(true);
    const stored = h.sandbox.orders.get(o.orderNo);
    expect(stored).toMatchObject({ totalFee: 2590, state: 6, body: 'Demo Shop - 绿茶 x2', subOpenId: payer.openId });
    expect(JSON.parse(stored?.detail ?? '{}')).toEqual({ goods_detail: [{ goods_id: 'tea', goods_name: '绿茶', quantity: 2, price: 1295 }] });
  });

  it('an identical retry gets the same pay params (no second order)', async () => {
    const o = order();
    const first = await h.gateway.createJsapi(o, payer);
    const again = await h.gateway.createJsapi(o, payer);
    expect(again.params).toEqual(first.params);
  });

  it('query of an unpaid order: PENDING with amount and merchant', async () => {
    const o = order();
    await h.gateway.createJsapi(o, payer);
    expect(await h.gateway.query(o.orderNo)).toMatchObject({
      orderNo: o.orderNo,
      status: 'PENDING',
      rawStatus: '6',
      amount: 2590,
      merchantId: h.sandbox.credentials.outSubMchId,
    });
  });

  it('close makes the order CLOSED and the cashier refuses to pay it', async () => {
    const o = order();
    const { params } = await h.gateway.createJsapi(o, payer);
    await h.gateway.close(o.orderNo);
    expect(await h.gateway.query(o.orderNo)).toMatchObject({ status: 'CLOSED', rawStatus: '7' });
    expect((await h.cashier.pay(params)).errMsg).toBe('requestPayment:fail order closed');
    await expect(h.gateway.close(o.orderNo)).resolves.toBeUndefined();
  });

  it('paid order: query PAID; refund (processing → succeeded) and query_refund_order', async () => {
    const o = order();
    const { params } = await h.gateway.createJsapi(o, payer);
    expect((await h.cashier.pay(params)).errMsg).toBe('requestPayment:ok');
    const paid = await h.gateway.query(o.orderNo);
    expect(paid).toMatchObject({ status: 'PAID', rawStatus: '3', amount: 2590, providerOrderId: expect.any(String) });
    expect(paid.paidAt).toBeInstanceOf(Date);

    const refundNo = `${h.sandbox.credentials.orderPrefix}R${o.orderNo.slice(-8)}`;
    const refund = await h.gateway.refund({ orderNo: o.orderNo, refundNo, orderAmount: o.amount, refundAmount: toFen(1000) });
    expect(refund).toMatchObject({ refundNo, status: 'PENDING', rawStatus: '4', refundAmount: 1000 });
    // A retry with the same refund number does not refund twice.
    const retried = await h.gateway.refund({ orderNo: o.orderNo, refundNo, orderAmount: o.amount, refundAmount: toFen(1000) });
    expect(retried.providerRefundId).toBe(refund.providerRefundId);
    expect(h.sandbox.orders.get(o.orderNo)?.refundedFee).toBe(1000);
    expect(await h.gateway.query(o.orderNo)).toMatchObject({ status: 'REFUNDING', rawStatus: '4' });

    await eventually(async () => {
      expect(await h.gateway.queryRefund(o.orderNo, refundNo)).toMatchObject({ refundNo, status: 'SUCCEEDED', rawStatus: '2' });
    });

    const tooMuch = await failure(
      h.gateway.refund({ orderNo: o.orderNo, refundNo: `${refundNo}b`, orderAmount: o.amount, refundAmount: toFen(1591) }),
    );
    expect(tooMuch).toMatchObject({ code: 'PROVIDER_REJECTED', providerCode: '104', outcome: 'rejected', retryable: false });
  });

  it('time_expire: the sandbox closes the unpaid order when it passes, and the cashier refuses it', async () => {
    // 60 sandbox seconds from now: 60 real ms at 1000x.
    const o = order({ expiresAt: new Date(h.clock.now() + 60_000) });
    const { params } = await h.gateway.createJsapi(o, payer);
    expect(h.sandbox.orders.get(o.orderNo)?.timeExpire).toBe(Math.floor(o.expiresAt!.getTime() / 1000));
    await eventually(async () => {
      expect(await h.gateway.query(o.orderNo)).toMatchObject({ status: 'CLOSED', rawStatus: '7' });
    });
    expect((await h.cashier.pay(params)).errMsg).toBe('requestPayment:fail order closed');
  });

  it('refuses order numbers that break the documented rules before sending', async () => {
    const before = h.sandbox.faults.applied.length;
    const wrongPrefix = await failure(h.gateway.query('zz99ABC'));
    expect(wrongPrefix).toMatchObject({ code: 'INVALID_ARGUMENT', outcome: 'not_sent' });
    const tooLong = await failure(h.gateway.createJsapi(order({ orderNo: `${h.sandbox.credentials.orderPrefix}${'9'.repeat(30)}` }), payer));
    expect(tooLong.message).toMatch(/out_trade_no is 37 characters/);
    expect(h.sandbox.faults.applied.length).toBe(before);
  });
});

describe('every documented status code, answered by the sandbox', () => {
  it('3: unsigned, outcome unknown, retryable', async () => {
    h.sandbox.answerStatus('official_account_pay', { status: 3, description: 'system busy' }, { times: 1 });
    expect(await failure(h.gateway.createJsapi(order(), payer))).toMatchObject({
      code: 'PROVIDER_UNAVAILABLE',
      outcome: 'unknown',
      retryable: true,
      providerCode: '3',
    });
  });

  it('101: unsigned, rejected, not retryable', async () => {
    h.sandbox.answerStatus('query_order', { status: 101, internal_status: 2, description: 'bad call' }, { times: 1 });
    expect(await failure(h.gateway.query(orderNo(h.sandbox.credentials.orderPrefix)))).toMatchObject({
      code: 'PROVIDER_REJECTED',
      outcome: 'rejected',
      retryable: false,
      providerCode: '101',
    });
  });

  it('102: signed, retry with a new order number', async () => {
    h.sandbox.answerStatus('official_account_pay', { status: 102, description: 'duplicate' }, { times: 1 });
    expect(await failure(h.gateway.createJsapi(order(), payer))).toMatchObject({
      code: 'PROVIDER_REJECTED',
      outcome: 'rejected',
      newOrderNoRequired: true,
      providerCode: '102',
    });
  });

  it('103: signed, outcome unknown: retry after ~3 s or query', async () => {
    h.sandbox.answerStatus('refund', { status: 103 }, { times: 1 });
    const prefix = h.sandbox.credentials.orderPrefix;
    expect(
      await failure(h.gateway.refund({ orderNo: `${prefix}X1`, refundNo: `${prefix}RX1`, orderAmount: toFen(1), refundAmount: toFen(1) })),
    ).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', outcome: 'unknown', retryable: true, providerCode: '103' });
  });

  it('104: signed, rejected for good', async () => {
    h.sandbox.answerStatus('close_order', { status: 104, description: 'cannot close' }, { times: 1 });
    expect(await failure(h.gateway.close(orderNo(h.sandbox.credentials.orderPrefix)))).toMatchObject({
      code: 'PROVIDER_REJECTED',
      outcome: 'rejected',
      retryable: false,
      providerCode: '104',
    });
  });

  it('102 for real: the same out_trade_no with different content', async () => {
    const o = order();
    await h.gateway.createJsapi(o, payer);
    const err = await failure(h.gateway.createJsapi({ ...o, amount: toFen(1) }, payer));
    expect(err).toMatchObject({ newOrderNoRequired: true, providerCode: '102' });
  });

  it('104 for real: querying an order the provider does not have', async () => {
    expect(await failure(h.gateway.query(orderNo(h.sandbox.credentials.orderPrefix, 'Q')))).toMatchObject({ providerCode: '104' });
  });

  it('101 + internal_status 7 for real: the adapter signs with the wrong key', async () => {
    const wrong = h.gatewayWith({ TENCENT_AUTHEN_KEY: 'not-the-sub-merchant-key' });
    const err = await failure(wrong.createJsapi(order(), payer));
    expect(err).toMatchObject({ code: 'PROVIDER_REJECTED', providerCode: '101/7', outcome: 'rejected' });
    expect(err.message).toMatch(/authen_code rejected/);
  });
});

describe('tampering and transport faults', () => {
  it('an answer altered after signing is rejected', async () => {
    const o = order();
    await h.gateway.createJsapi(o, payer);
    h.sandbox.tamper('query_order', 'alter', { times: 1 });
    expect(await failure(h.gateway.query(o.orderNo))).toMatchObject({ code: 'SIGNATURE_INVALID', outcome: 'unknown' });
  });

  it('a re-serialised (semantically equal) answer is rejected', async () => {
    h.sandbox.tamper('official_account_pay', 'reserialise', { times: 1 });
    expect(await failure(h.gateway.createJsapi(order(), payer))).toMatchObject({ code: 'SIGNATURE_INVALID' });
  });

  it.each([
    ['http5xx', { kind: 'http5xx' as const }],
    ['malformed', { kind: 'malformed' as const }],
    ['reset', { kind: 'reset' as const }],
  ])('%s → outcome unknown', async (_name, fault) => {
    h.sandbox.faults.set('query_order', fault, { times: 1 });
    expect(await failure(h.gateway.query(orderNo(h.sandbox.credentials.orderPrefix)))).toMatchObject({
      code: 'PROVIDER_UNAVAILABLE',
      outcome: 'unknown',
    });
  });

  it('no answer within TENCENT_TIMEOUT_MS → outcome unknown', async () => {
    const impatient = h.gatewayWith({ TENCENT_TIMEOUT_MS: '200' });
    h.sandbox.faults.set('official_account_pay', { kind: 'timeout' }, { times: 1 });
    expect(await failure(impatient.createJsapi(order(), payer))).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', outcome: 'unknown' });
  });

  it('nothing listening → not_sent', async () => {
    // A port that was just free: nothing answers there.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const nowhere = h.gatewayWith({ TENCENT_BASE_URL: `http://127.0.0.1:${port}` });
    expect(await failure(nowhere.query(orderNo(h.sandbox.credentials.orderPrefix)))).toMatchObject({ outcome: 'not_sent' });
  });
});

describe('the sandbox is as strict as the docs', () => {
  const send = async (endpoint: string, body: string) => {
    const response = await postRaw(`${h.server.url}/cpay/${endpoint}`, body, { headers: { 'content-type': 'application/json' } });
    const outer = JSON.parse(response.body.toString()) as { response_content: string; authen_info?: unknown };
    return { outer, content: JSON.parse(outer.response_content) as { status: number; internal_status: number; description: string } };
  };
  const key = () => h.sandbox.credentials.authenKey;
  const valid = () => {
    const c = h.sandbox.credentials;
    return {
      pay_mch_key: {
        pay_platform: 1,
        out_mch_id: c.outMchId,
        out_sub_mch_id: c.outSubMchId,
        out_shop_id: c.outShopId,
        wxpay_pay_mch_key_ext: { sub_open_id: 'oShopper' },
      },
      pay_content: { out_trade_no: orderNo(c.orderPrefix, 'S'), total_fee: 100, fee_type: 'CNY', body: 'Shop - tea' },
      order_client: { spbill_create_ip: '127.0.0.1' },
      nonce_str: 'abcdefgh',
      trade_type: 3,
    };
  };

  it('accepts the valid request (the baseline of the refusals below)', async () => {
    const { outer, content } = await send('official_account_pay', sealRequest(key(), valid()).body);
    expect(content.status).toBe(0);
    expect(outer.authen_info).toBeDefined();
  });

  it('a missing authen_info → 101 / internal_status 7, unsigned', async () => {
    const { outer, content } = await send('official_account_pay', JSON.stringify({ request_content: JSON.stringify(valid()) }));
    expect(content).toMatchObject({ status: 101, internal_status: 7 });
    expect(outer.authen_info).toBeUndefined();
  });

  it('the right HMAC in lowercase hex → 101 / internal_status 7 (documented: 64 uppercase hex)', async () => {
    const contentText = JSON.stringify(valid());
    const code = authenCode(key(), contentText);
    const envelope = (c: string) => JSON.stringify({ request_content: contentText, authen_info: { a: { authen_type: 1, authen_code: c } } });
    expect((await send('official_account_pay', envelope(code.toLowerCase()))).content).toMatchObject({ status: 101, internal_status: 7 });
    expect((await send('official_account_pay', envelope(code))).content.status).toBe(0);
  });

  it('a wrong authen_code → 101 / internal_status 7, unsigned', async () => {
    const { outer, content } = await send('query_order', sealRequest('a-wrong-key-12345', valid()).body);
    expect(content).toMatchObject({ status: 101, internal_status: 7 });
    expect(outer.authen_info).toBeUndefined();
  });

  it.each([
    ['out_trade_no without the prefix', (r: ReturnType<typeof valid>) => (r.pay_content.out_trade_no = 'zz01ABC123'), /out_trade_no/],
    ['out_trade_no over 32 characters', (r: ReturnType<typeof valid>) => (r.pay_content.out_trade_no += 'x'.repeat(32)), /out_trade_no/],
    ['fee_type other than CNY', (r: ReturnType<typeof valid>) => (r.pay_content.fee_type = 'USD'), /fee_type/],
    ['body missing', (r: ReturnType<typeof valid>) => delete (r.pay_content as Partial<typeof r.pay_content>).body, /body/],
    ['body over 128 characters', (r: ReturnType<typeof valid>) => (r.pay_content.body = '茶'.repeat(129)), /body/],
    ['spbill_create_ip missing', (r: ReturnType<typeof valid>) => (r.order_client = {} as typeof r.order_client), /spbill_create_ip/],
    ['no sub_open_id', (r: ReturnType<typeof valid>) => (r.pay_mch_key.wxpay_pay_mch_key_ext = {} as typeof r.pay_mch_key.wxpay_pay_mch_key_ext), /sub_open_id/],
    ['amount not an integer', (r: ReturnType<typeof valid>) => (r.pay_content.total_fee = 10.5), /total_fee/],
    ['another sub-merchant', (r: ReturnType<typeof valid>) => (r.pay_mch_key.out_sub_mch_id = 'sz01OTHER'), /out_sub_mch_id/],
  ])('%s → 101 naming the field', async (_name, mutate, field) => {
    const request = valid();
    mutate(request);
    const { content } = await send('official_account_pay', sealRequest(key(), request).body);
    expect(content.status).toBe(101);
    expect(content.description).toMatch(field);
  });

  it.each([
    ['query_order', 'terminal_type', (r: Record<string, unknown>) => delete (r.order_client as Record<string, unknown>).terminal_type],
    ['close_order', 'trade_type', (r: Record<string, unknown>) => delete r.trade_type],
    ['query_order', 'nonce_str', (r: Record<string, unknown>) => delete r.nonce_str],
  ])('%s without %s → 101 naming it', async (endpoint, field, mutate) => {
    const c = h.sandbox.credentials;
    const request: Record<string, unknown> = {
      pay_mch_key: { pay_platform: 1, out_mch_id: c.outMchId, out_sub_mch_id: c.outSubMchId, out_shop_id: c.outShopId },
      order_client: { spbill_create_ip: '127.0.0.1', terminal_type: 100, sdk_version: '1.0' },
      out_trade_no: orderNo(c.orderPrefix),
      trade_type: 3,
      nonce_str: 'abc',
    };
    mutate(request);
    const { content } = await send(endpoint, sealRequest(key(), request).body);
    expect(content.status).toBe(101);
    expect(content.description).toContain(field);
  });

  it('refund_fee_type other than CNY → 101', async () => {
    const c = h.sandbox.credentials;
    const request = {
      pay_mch_key: { pay_platform: 1, out_mch_id: c.outMchId, out_sub_mch_id: c.outSubMchId, out_shop_id: c.outShopId, is_sub_admin: true },
      refund_content: { out_trade_no: `${c.orderPrefix}A`, out_refund_no: `${c.orderPrefix}R`, total_fee: 1, refund_fee: 1, refund_fee_type: 'HKD' },
      order_client: { device_id: 'd1', spbill_create_ip: '127.0.0.1', terminal_type: 100, sdk_version: '1.0' },
      nonce_str: 'abc',
    };
    const { content } = await send('refund', sealRequest(key(), request).body);
    expect(content).toMatchObject({ status: 101 });
    expect(content.description).toContain('refund_fee_type');
  });

  it('answers are signed over the exact response_content it emits', async () => {
    const response = await postRaw(`${h.server.url}/cpay/official_account_pay`, sealRequest(key(), valid()).body, {
      headers: { 'content-type': 'application/json' },
    });
    const { openResponse } = await import('../../../server/gateways/tencent/envelope');
    expect(openResponse(key(), response.body).authenticity).toBe('signed');
  });
});

describe('secrets', () => {
  it('the authen key never appears in a log line or an error message', async () => {
    // Everything above ran with the log captured; make sure there was something to look at.
    await eventually(() => expect(logLines.length).toBeGreaterThan(10));
    expect(errors.length).toBeGreaterThan(10);
    const secret = h.sandbox.credentials.authenKey;
    for (const line of logLines) expect(line).not.toContain(secret);
    for (const err of errors) {
      expect(String((err as Error).message)).not.toContain(secret);
      expect(JSON.stringify((err as GatewayError).toBody())).not.toContain(secret);
    }
    const wrongKey = 'not-the-sub-merchant-key';
    for (const line of logLines) expect(line).not.toContain(wrongKey);
  });
});
