/**
 * Cashier pay → cloud-pay notification → the adapter verifies it (PAID, amount, merchant) → its
 * signed acknowledgement is accepted by the sandbox; anything less keeps the sandbox retrying.
 */
import type { PaymentOrder } from '../../../server/gateways/contract';
import { authenCode } from '../../../server/gateways/tencent/envelope';
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

beforeEach(() => {
  h.received.length = 0;
  h.replies.length = 0;
  h.sandbox.notifier.clearFaults();
});

const payer = { appId: 'wxsandboxminiprog01', openId: 'oSandboxShopper002' };

function order(amount = 880): PaymentOrder {
  return {
    orderNo: orderNo(h.sandbox.credentials.orderPrefix, 'N'),
    amount: toFen(amount),
    description: 'Demo Shop - Oolong',
    lines: [{ skuId: 'oolong', name: 'Oolong', unitPrice: toFen(amount), quantity: 1 }],
  };
}

async function payAndSettle(o: PaymentOrder) {
  const { params } = await h.gateway.createJsapi(o, payer);
  expect((await h.cashier.pay(params)).errMsg).toBe('requestPayment:ok');
  await h.sandbox.notifier.idle();
}

it('pay → verified PAID notification → signed ack accepted on the first delivery', async () => {
  const o = order();
  await payAndSettle(o);
  expect(h.received).toHaveLength(1);
  const state = h.received[0]?.parsed;
  expect(state).toEqual({
    kind: 'verified',
    state: expect.objectContaining({
      orderNo: o.orderNo,
      status: 'PAID',
      rawStatus: '3',
      amount: 880,
      merchantId: h.sandbox.credentials.outSubMchId,
    }),
  });
  const deliveries = h.sandbox.notifier.deliveries.filter((d) => d.body.includes(o.orderNo));
  expect(deliveries).toHaveLength(1);
  expect(deliveries[0]).toMatchObject({ attempt: 1, status: 200, acknowledged: true });
});

it('paying twice notifies once (compare-and-set in the sandbox)', async () => {
  const o = order();
  const { params } = await h.gateway.createJsapi(o, payer);
  await h.cashier.pay(params);
  expect((await h.cashier.pay(params)).errMsg).toBe('requestPayment:fail order already paid');
  await h.sandbox.notifier.idle();
  expect(h.received.filter((r) => r.parsed?.kind === 'verified' && r.parsed.state.orderNo === o.orderNo)).toHaveLength(1);
});

it('a {"status":0} signed with another key is not an acknowledgement: the sandbox retries', async () => {
  const o = order();
  h.replies.push('wrong-key-ok');
  await payAndSettle(o);
  const attempts = h.sandbox.notifier.deliveries.filter((d) => d.body.includes(o.orderNo));
  expect(attempts.map((d) => [d.attempt, d.acknowledged])).toEqual([
    [1, false],
    [2, true],
  ]);
  expect(h.received.map((r) => r.replied)).toEqual(['wrong-key-ok', 'adapter']);
});

it('a {"status":0} without authen_info is an acknowledgement (the reply\'s authen_info is optional on 支付成功回调)', async () => {
  const o = order();
  h.replies.push('unsigned-ok');
  await payAndSettle(o);
  const attempts = h.sandbox.notifier.deliveries.filter((d) => d.body.includes(o.orderNo));
  expect(attempts.map((d) => [d.attempt, d.acknowledged])).toEqual([[1, true]]);
});

it('a {"status":0} whose authen_code is the right HMAC in lowercase hex is not an acknowledgement (documented: uppercase)', async () => {
  const o = order();
  h.replies.push('lowercase-ok');
  await payAndSettle(o);
  const attempts = h.sandbox.notifier.deliveries.filter((d) => d.body.includes(o.orderNo));
  expect(attempts.map((d) => [d.attempt, d.acknowledged])).toEqual([
    [1, false],
    [2, true],
  ]);
});

it('duplicate deliveries are each verified and acknowledged', async () => {
  h.sandbox.notifier.setFault({ kind: 'duplicate' }, { times: 1 });
  const o = order();
  await payAndSettle(o);
  const verified = h.received.filter((r) => r.parsed?.kind === 'verified');
  expect(verified).toHaveLength(2);
  expect(h.sandbox.notifier.deliveries.filter((d) => d.body.includes(o.orderNo)).every((d) => d.acknowledged)).toBe(true);
});

it('a dropped notification leaves the query as the way to find out', async () => {
  h.sandbox.notifier.setFault({ kind: 'drop' }, { times: 1 });
  const o = order();
  await payAndSettle(o);
  expect(h.received).toHaveLength(0);
  expect(await h.gateway.query(o.orderNo)).toMatchObject({ status: 'PAID', amount: 880 });
});

it('a notification with a forged authen_code is refused by the adapter, answered non-zero, and not acknowledged', async () => {
  const o = order();
  await h.gateway.createJsapi(o, payer);
  const content = JSON.stringify({
    nonce_str: 'forged',
    pay_mch_key: { pay_platform: 1, out_mch_id: 'x', out_sub_mch_id: h.sandbox.credentials.outSubMchId, out_shop_id: 'y' },
    order_content: { out_trade_no: o.orderNo, total_fee: 880, wxpay_order_content_ext: { current_trade_state: 3 } },
    order_client: { terminal_type: 100, sub_terminal_type: 0, sdk_version: '1.0', spbill_create_ip: '6.6.6.6' },
  });
  const forged = JSON.stringify({
    request_content: content,
    authen_info: { a: { authen_type: 1, authen_code: authenCode('attacker-guess-key', content) } },
  });
  const response = await postRaw(`${h.merchant.url}/cpay-notify`, forged, { headers: { 'content-type': 'application/json' } });
  expect(h.received).toHaveLength(1);
  expect(h.received[0]?.error).toMatchObject({ code: 'SIGNATURE_INVALID' });
  const reply = JSON.parse(response.body.toString()) as { response_content: string };
  expect(JSON.parse(reply.response_content).status).not.toBe(0);
  // The order is still unpaid at the provider.
  expect(await h.gateway.query(o.orderNo)).toMatchObject({ status: 'PENDING' });
});

it('a merchant that cannot verify (wrong key) never acknowledges: the sandbox keeps retrying', async () => {
  const o = order();
  const { params } = await h.gateway.createJsapi(o, payer);
  // The merchant endpoint verifies with a key that is not the one the sandbox signs with.
  const original = h.gateway.parseNotification.bind(h.gateway);
  const stranger = h.gatewayWith({ TENCENT_AUTHEN_KEY: 'a-merchant-with-another-key' });
  h.gateway.parseNotification = (n) => stranger.parseNotification(n);
  try {
    await h.cashier.pay(params);
    await eventually(() => {
      expect(h.sandbox.notifier.deliveries.filter((d) => d.body.includes(o.orderNo)).length).toBeGreaterThanOrEqual(3);
    });
    const attempts = h.sandbox.notifier.deliveries.filter((d) => d.body.includes(o.orderNo));
    expect(attempts.every((d) => !d.acknowledged)).toBe(true);
    expect(h.received.every((r) => r.error && (r.error as { code?: string }).code === 'SIGNATURE_INVALID')).toBe(true);
  } finally {
    h.gateway.parseNotification = original;
  }
  // Once the merchant verifies again, the next retry is acknowledged.
  await h.sandbox.notifier.idle();
  expect(h.sandbox.notifier.deliveries.filter((d) => d.body.includes(o.orderNo)).some((d) => d.acknowledged)).toBe(true);
});
