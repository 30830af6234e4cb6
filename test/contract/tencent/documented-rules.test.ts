/**
 * Issue 9, Tencent: each documented rule the adapter used to break, proven against the sandbox
 * (which transcribes the pages itself), and each request-table rule refused by the sandbox with
 * the provider's documented error (status 101, unsigned, description naming the field).
 */
import { GatewayError, type PaymentOrder } from '../../../server/gateways/contract';
import { sealRequest } from '../../../server/gateways/tencent/envelope';
import { postRaw } from '../../../server/platform/http';
import { toFen } from '../../../server/platform/money';
import { eventually, orderNo, startHarness, type Harness } from './harness';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h.close();
});

const payer = { appId: 'wxsandboxminiprog01', openId: 'oRulesShopper01', clientIp: '198.51.100.8' };

function order(harness: Harness = h): PaymentOrder {
  return {
    orderNo: orderNo(harness.sandbox.credentials.orderPrefix, 'D'),
    amount: toFen(1500),
    description: 'Demo Shop - 普洱',
    lines: [{ skuId: 'puer', name: '普洱', unitPrice: toFen(1500), quantity: 1 }],
  };
}

async function failure(promise: Promise<unknown>): Promise<GatewayError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof GatewayError) return err;
    throw err;
  }
  throw new Error('expected the call to fail');
}

async function paidOrder(): Promise<PaymentOrder> {
  const o = order();
  const { params } = await h.gateway.createJsapi(o, payer);
  expect((await h.cashier.pay(params)).errMsg).toBe('requestPayment:ok');
  return o;
}

const refundNoFor = (o: PaymentOrder, tag = 'R') => `${h.sandbox.credentials.orderPrefix}${tag}${o.orderNo.slice(-10)}`;

describe('refund sends what its table requires', () => {
  it('device_id (TENCENT_DEVICE_ID), terminal_type, sdk_version, spbill_create_ip and is_sub_admin: the sandbox accepts the refund', async () => {
    const o = await paidOrder();
    const refundNo = refundNoFor(o);
    const result = await h.gateway.refund({ orderNo: o.orderNo, refundNo, orderAmount: o.amount, refundAmount: toFen(500), reason: '顾客退货' });
    expect(result).toMatchObject({ refundNo, status: 'PENDING', rawStatus: '4', refundAmount: 500 });
  });
});

describe('success answers in every documented form', () => {
  afterEach(() => {
    h.sandbox.answerForm('close_order', 'table');
    h.sandbox.answerForm('refund', 'table');
  });

  it('close answered like the page\'s example (a query_order member) is a success', async () => {
    h.sandbox.answerForm('close_order', 'example');
    const o = order();
    await h.gateway.createJsapi(o, payer);
    await expect(h.gateway.close(o.orderNo)).resolves.toBeUndefined();
    expect(await h.gateway.query(o.orderNo)).toMatchObject({ status: 'CLOSED' });
  });

  it('refund answered like the page\'s example (query_refund_order, refund_order_content as an array) is read', async () => {
    h.sandbox.answerForm('refund', 'example');
    const o = await paidOrder();
    const refundNo = refundNoFor(o);
    const result = await h.gateway.refund({ orderNo: o.orderNo, refundNo, orderAmount: o.amount, refundAmount: toFen(300) });
    expect(result).toMatchObject({ refundNo, status: 'PENDING', rawStatus: '4', refundAmount: 300, providerRefundId: expect.any(String) });
  });

  it('refund answered without the optional refund_order_content = accepted (PENDING), and asking again tells the state', async () => {
    h.sandbox.answerForm('refund', 'no-content');
    const o = await paidOrder();
    const refundNo = refundNoFor(o);
    const request = { orderNo: o.orderNo, refundNo, orderAmount: o.amount, refundAmount: toFen(1500) };
    expect(await h.gateway.refund(request)).toEqual({ refundNo, status: 'PENDING', rawStatus: 'accepted', refundAmount: 1500 });
    expect(h.sandbox.orders.get(o.orderNo)?.refundedFee).toBe(1500);
    h.sandbox.answerForm('refund', 'table');
    await eventually(async () => {
      expect(await h.gateway.refund(request)).toMatchObject({ refundNo, status: 'SUCCEEDED', rawStatus: '2' });
    });
    expect(h.sandbox.orders.get(o.orderNo)?.refundedFee).toBe(1500);
  });
});

describe('documented states', () => {
  afterEach(() => h.sandbox.settleRefundsAs(2));

  it('refund state 5 (card refused, money back with the merchant) is FAILED and asks for a person, never SUCCEEDED', async () => {
    h.sandbox.settleRefundsAs(5);
    const o = await paidOrder();
    const refundNo = refundNoFor(o);
    await h.gateway.refund({ orderNo: o.orderNo, refundNo, orderAmount: o.amount, refundAmount: o.amount });
    await eventually(async () => {
      const result = await h.gateway.queryRefund(o.orderNo, refundNo);
      expect(result).toMatchObject({ status: 'FAILED', rawStatus: '5' });
      expect(result.manualActionRequired).toMatch(/by hand/);
    });
  });

  it.each([
    [6, 'VOID', 'FAILED'],
    [3, 'FAILED', 'FAILED'],
  ])('refund state %i (%s) → %s', async (state, _name, status) => {
    h.sandbox.settleRefundsAs(state);
    const o = await paidOrder();
    const refundNo = refundNoFor(o);
    await h.gateway.refund({ orderNo: o.orderNo, refundNo, orderAmount: o.amount, refundAmount: o.amount });
    await eventually(async () => {
      expect(await h.gateway.queryRefund(o.orderNo, refundNo)).toMatchObject({ status, rawStatus: String(state) });
    });
  });

  it.each([12, 13, 14])('current_trade_state %i is read as UNKNOWN (query again), never PAID or CLOSED', async (state) => {
    const o = order();
    await h.gateway.createJsapi(o, payer);
    expect(h.sandbox.orders.transition(o.orderNo, [6], state)).toBe(true);
    expect(await h.gateway.query(o.orderNo)).toMatchObject({ status: 'UNKNOWN', rawStatus: String(state) });
  });
});

describe('get_brand_wcpay.app_id must be this mini program\'s', () => {
  let other: Harness;

  beforeAll(async () => {
    // The sub-merchant bound another mini program in the console; the sandbox issues for that one.
    other = await startHarness({ credentials: { appId: 'wxanotherminiprog9', bindRequestedAppId: false } });
  });

  afterAll(async () => {
    await other.close();
  });

  it('an answer for another AppID is refused with what to configure, and without secrets', async () => {
    const err = await failure(other.gateway.createJsapi(order(other), payer));
    expect(err).toMatchObject({ code: 'CONFIG_INVALID', outcome: 'unknown', retryable: false });
    expect(err.message).toContain('wxanotherminiprog9');
    expect(err.message).toContain(`bind this mini program's AppID (${payer.appId}) to the sub-merchant in the Tencent Cloud Pay console`);
    expect(err.message).not.toContain(other.sandbox.credentials.authenKey);
  });

  it('the same sandbox issues for this mini program once its AppID is bound', async () => {
    other.sandbox.credentials.appId = payer.appId;
    const payment = await other.gateway.createJsapi(order(other), payer);
    expect((await other.cashier.pay(payment.params, payer.appId)).errMsg).toBe('requestPayment:ok');
  });
});

describe('each request-table rule: a request breaking it is refused with status 101 (unsigned) naming the field', () => {
  const send = async (endpoint: string, content: unknown) => {
    const response = await postRaw(`${h.server.url}/cpay/${endpoint}`, sealRequest(h.sandbox.credentials.authenKey, content).body, {
      headers: { 'content-type': 'application/json' },
    });
    const outer = JSON.parse(response.body.toString()) as { response_content: string; authen_info?: unknown };
    return { signed: outer.authen_info !== undefined, content: JSON.parse(outer.response_content) as { status: number; description: string } };
  };
  const accounts = () => {
    const c = h.sandbox.credentials;
    return { out_mch_id: c.outMchId, out_sub_mch_id: c.outSubMchId, out_shop_id: c.outShopId };
  };
  const client = { device_id: 'd1', terminal_type: 100, sdk_version: '1.0', spbill_create_ip: '127.0.0.1' };

  type Request = Record<string, unknown>;
  const requests: Record<string, () => Request> = {
    refund: () => ({
      pay_mch_key: { pay_platform: 1, ...accounts(), is_sub_admin: true },
      refund_content: {
        out_trade_no: orderNo(h.sandbox.credentials.orderPrefix),
        out_refund_no: orderNo(h.sandbox.credentials.orderPrefix, 'R'),
        total_fee: 100,
        refund_fee: 100,
        refund_fee_type: 'CNY',
      },
      order_client: { ...client },
      nonce_str: 'n1',
    }),
    close_order: () => ({
      pay_mch_key: { pay_platform: 1, ...accounts() },
      order_client: { ...client },
      out_trade_no: orderNo(h.sandbox.credentials.orderPrefix),
      trade_type: 3,
      nonce_str: 'n1',
    }),
    query_order: () => ({ pay_mch_key: accounts(), order_client: { ...client }, out_trade_no: orderNo(h.sandbox.credentials.orderPrefix), nonce_str: 'n1' }),
    query_refund_order: () => ({
      pay_mch_key: accounts(),
      order_client: { ...client },
      out_trade_no: orderNo(h.sandbox.credentials.orderPrefix),
      out_refund_no: orderNo(h.sandbox.credentials.orderPrefix, 'R'),
      nonce_str: 'n1',
    }),
  };
  const drop = (path: string) => (r: Request) => {
    const parts = path.split('.');
    const last = parts.pop() as string;
    const parent = parts.reduce<Record<string, unknown>>((o, p) => o[p] as Record<string, unknown>, r);
    delete parent[last];
  };
  const set = (path: string, value: unknown) => (r: Request) => {
    const parts = path.split('.');
    const last = parts.pop() as string;
    const parent = parts.reduce<Record<string, unknown>>((o, p) => o[p] as Record<string, unknown>, r);
    parent[last] = value;
  };

  it.each([
    ['refund', 'order_client.device_id', drop('order_client.device_id')],
    ['refund', 'order_client.device_id', set('order_client.device_id', 'd'.repeat(65))],
    ['refund', 'order_client.terminal_type', drop('order_client.terminal_type')],
    ['refund', 'order_client.sdk_version', drop('order_client.sdk_version')],
    ['refund', 'order_client.spbill_create_ip', drop('order_client.spbill_create_ip')],
    ['refund', 'pay_mch_key.is_sub_admin', drop('pay_mch_key.is_sub_admin')],
    ['refund', 'pay_mch_key.authorization_staff_id', set('pay_mch_key.is_sub_admin', false)],
    ['refund', 'pay_mch_key.pay_platform', drop('pay_mch_key.pay_platform')],
    ['refund', 'refund_content.refund_fee', drop('refund_content.refund_fee')],
    ['refund', 'refund_content.refund_reason', set('refund_content.refund_reason', '因'.repeat(65))],
    ['refund', 'refund_content.out_refund_no', set('refund_content.out_refund_no', 'zz99R1')],
    ['close_order', 'trade_type', drop('trade_type')],
    // "支付方式，详见枚举 TradeType" (关闭订单.md, 查询订单.md): 7 is not a TradeType (1–6, 8, 9).
    ['close_order', 'trade_type', set('trade_type', 7)],
    ['query_order', 'trade_type', set('trade_type', 0)],
    ['close_order', 'pay_mch_key.pay_platform', drop('pay_mch_key.pay_platform')],
    ['close_order', 'order_client.sdk_version', drop('order_client.sdk_version')],
    ['query_order', 'order_client.terminal_type', set('order_client.terminal_type', 7)],
    ['query_order', 'out_trade_no', drop('out_trade_no')],
    ['query_refund_order', 'out_refund_no', drop('out_refund_no')],
    ['query_refund_order', 'order_client.spbill_create_ip', set('order_client.spbill_create_ip', '::1')],
  ])('%s: %s', async (endpoint, field, mutate) => {
    const request = requests[endpoint]!();
    mutate(request);
    const answer = await send(endpoint, request);
    expect(answer.content.status).toBe(101);
    expect(answer.signed).toBe(false);
    expect(answer.content.description).toContain(field);
  });

  // 接口调用说明.md: "http 请求的 content-type 字段必须使用 application/json".
  it.each([['text/plain'], ['application/x-www-form-urlencoded'], [undefined]])('a request sent as %s is refused with 101 naming content-type', async (type) => {
    const { body } = sealRequest(h.sandbox.credentials.authenKey, requests.query_order!());
    const response = await fetch(`${h.server.url}/cpay/query_order`, { method: 'POST', headers: type ? { 'content-type': type } : {}, body: Buffer.from(body) });
    const outer = JSON.parse(await response.text()) as { response_content: string; authen_info?: unknown };
    const content = JSON.parse(outer.response_content) as { status: number; description: string };
    expect(content.status).toBe(101);
    expect(outer.authen_info).toBeUndefined();
    expect(content.description).toContain('content-type');
  });

  it('application/json with a charset is the documented type', async () => {
    const { body } = sealRequest(h.sandbox.credentials.authenKey, requests.query_order!());
    const response = await fetch(`${h.server.url}/cpay/query_order`, { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8' }, body });
    const content = JSON.parse((JSON.parse(await response.text()) as { response_content: string }).response_content) as { status: number };
    expect(content.status).toBe(104);
  });

  it.each(Object.keys(requests))('%s: the baseline request passes the table (refused later only as unknown: 104)', async (endpoint) => {
    const answer = await send(endpoint, requests[endpoint]!());
    expect(answer.content.status).toBe(104);
  });
});
