/**
 * The rules of Caibao's query, refund and reverse pages (and the conventions page), over real
 * HTTP: the sandbox refuses what breaks them, and the adapter meets them. Requests here are built
 * and MD5-signed by hand from the pages (not by the adapter), answers' RSA2 signatures checked
 * with node:crypto over the members the pages mark 参与签名, with the key as the sandbox publishes
 * it (bare base64, like Caibao's own).
 */
import { createHash, createPublicKey, verify } from 'node:crypto';
import type { PaymentOrder } from '../../../server/gateways/contract';
import { toFen } from '../../../server/platform/money';
import { errorOf, orderNo, postForm, startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterEach(() => {
  h.sandbox.channelRefusesRefunds = false;
});
afterAll(async () => {
  await h.close();
});

const payer = { appId: 'wxminiapp0001', openId: 'oPayer-123' };
const order = (amount = 2990): PaymentOrder => ({ orderNo: orderNo(), amount: toFen(amount), description: '碧螺春', lines: [] });

async function paidOrder(amount = 2990): Promise<PaymentOrder> {
  const o = order(amount);
  await h.cashier.pay((await h.gateway.createJsapi(o, payer)).params);
  return o;
}

/** 是否参与签名 = 是, per page (query and reverse: the same rows; refund adds reason, NOT refund_amount). */
const SIGNED = {
  'open.pay.query': ['operator_id', 'app', 'local_order_no', 'order_no', 'timestamp'],
  'open.pay.reverse': ['operator_id', 'app', 'local_order_no', 'order_no', 'timestamp'],
  'open.pay.refund': ['operator_id', 'app', 'local_order_no', 'order_no', 'timestamp', 'reason'],
} as const;
type Command = keyof typeof SIGNED;

/** qian-ming-gui-ze.md, written out here: sorted non-empty signed fields, &key=, MD5 lowercase hex. */
function signed(command: Command, fields: Record<string, string>, signedNames: readonly string[] = SIGNED[command]): Record<string, string> {
  const all: Record<string, string> = { command, app: h.sandbox.credentials.app, operator_id: h.sandbox.credentials.operatorId, timestamp: String(Date.now()), ...fields };
  const text = signedNames
    .filter((n) => all[n])
    .sort()
    .map((n) => `${n}=${all[n]}`)
    .join('&');
  return { ...all, sign: createHash('md5').update(`${text}&key=${h.sandbox.credentials.key}`, 'utf8').digest('hex') };
}

/** jie-kou-fan-hui-zhi-de-an-quan-xiao-yan-gui-ze.md: RSA2 over the sorted non-empty signed members, no key appended. */
function rsa2Holds(data: Record<string, unknown>, names: readonly string[]): boolean {
  const text = names
    .filter((n) => data[n] !== undefined && data[n] !== '')
    .sort()
    .map((n) => `${n}=${String(data[n])}`)
    .join('&');
  const key = createPublicKey({ key: Buffer.from(h.sandbox.credentials.publicKey, 'base64'), format: 'der', type: 'spki' });
  return verify('sha256', Buffer.from(text, 'utf8'), key, Buffer.from(String(data.sign), 'base64'));
}

async function refused(fields: Record<string, string>, errorCode: string, errorMsg?: string | RegExp): Promise<void> {
  const answer = await postForm(h.sandboxUrl, fields);
  expect(answer.result).toMatchObject({ success: false, errorCode });
  if (errorMsg !== undefined) expect(answer.result.errorMsg).toMatch(errorMsg);
}

describe('conventions (chapter1.md, the notification page)', () => {
  it('the sandbox publishes its public key as bare base64, as Caibao does, and the adapter is configured with it', () => {
    expect(h.sandbox.credentials.publicKey).toMatch(/^MII[A-Za-z0-9+/]+={0,2}$/);
    expect(h.env.CAIBAO_PUBLIC_KEY).toBe(h.sandbox.credentials.publicKey);
  });

  it('GET works like POST ("均支持POST与GET两种方式")', async () => {
    const o = order();
    await h.gateway.createJsapi(o, payer);
    const query = new URLSearchParams(signed('open.pay.query', { local_order_no: o.orderNo })).toString();
    const answer = (await (await fetch(`${h.sandboxUrl}/gatewayOpen.htm?${query}`)).json()) as { result: { success: boolean }; data: Record<string, unknown> };
    expect(answer.result.success).toBe(true);
    expect(answer.data).toMatchObject({ localOrderNo: o.orderNo, orderStatus: 1 });
  });
});

describe('open.pay.query (ding-dan-cha-xun.md)', () => {
  it('needs local_order_no or order_no; has no version row (a version is still taken: its answer names 1.1)', async () => {
    await refused(signed('open.pay.query', {}), '30', 'local_order_no或order_no参数为空');
    const o = order();
    await h.gateway.createJsapi(o, payer);
    expect((await postForm(h.sandboxUrl, signed('open.pay.query', { local_order_no: o.orderNo }))).result.success).toBe(true);
    const v11 = await postForm(h.sandboxUrl, signed('open.pay.query', { local_order_no: o.orderNo, version: '1.1' }));
    expect(v11.data).toHaveProperty('discountAmount');
  });

  it('order_no wins over local_order_no when both are given', async () => {
    const a = order();
    const b = order();
    await h.gateway.createJsapi(a, payer);
    await h.gateway.createJsapi(b, payer);
    const cbOfB = h.sandbox.orders.byLocal(b.orderNo)?.cbOrderNo ?? '';
    const answer = await postForm(h.sandboxUrl, signed('open.pay.query', { local_order_no: a.orderNo, order_no: cbOfB }));
    expect(answer.data).toMatchObject({ localOrderNo: b.orderNo, cbOrderNo: cbOfB });
  });

  it('answers numbers (status, channel), epoch-ms payTime, paymentWay, signed over the seven documented members only', async () => {
    const o = order(1990);
    const qr = await h.gateway.createQr!(o, 'wechat');
    await fetch(`${qr.qrContent}/pay`, { method: 'POST', redirect: 'manual' });
    const answer = await postForm(h.sandboxUrl, signed('open.pay.query', { local_order_no: o.orderNo }));
    const data = answer.data ?? {};
    expect(data).toMatchObject({ orderStatus: 2, paymentChannel: 2, paymentWay: 'SCAN', totalAmount: 1990, receiveAmount: 1990 });
    expect(String(data.payTime)).toMatch(/^\d{13}$/);
    const seven = ['localOrderNo', 'cbOrderNo', 'outOrderNo', 'paymentChannel', 'paymentWay', 'totalAmount', 'timestamp'];
    expect(rsa2Holds(data, seven)).toBe(true);
    expect(rsa2Holds(data, Object.keys(data).filter((n) => n !== 'sign'))).toBe(false);
    // …and the adapter, which used to check every member, accepts it.
    expect(await h.gateway.query(o.orderNo)).toMatchObject({ status: 'PAID', rawStatus: '2', amount: 1990, paidAt: new Date(Number(data.payTime)) });
  });
});

describe('open.pay.refund (jiao-yi-tui-kuan.md)', () => {
  it('refund_amount is not signed and reason is: a signature over refund_amount is refused', async () => {
    const o = await paidOrder();
    const withAmountSigned = signed('open.pay.refund', { local_order_no: o.orderNo, refund_amount: '100' }, [...SIGNED['open.pay.refund'], 'refund_amount']);
    await refused(withAmountSigned, '20', '签名错误');
    const reasonAltered = { ...signed('open.pay.refund', { local_order_no: o.orderNo, refund_amount: '100', reason: '破损' }), reason: '其他' };
    await refused(reasonAltered, '20', '签名错误');
  });

  it('has no version row: a version is refused as a field the command does not have', async () => {
    const o = await paidOrder();
    await refused(signed('open.pay.refund', { local_order_no: o.orderNo, version: '1.0' }), '31', /^version/);
  });

  it('refund_amount is a Long', async () => {
    const o = await paidOrder();
    await refused(signed('open.pay.refund', { local_order_no: o.orderNo, refund_amount: 'ten' }), '31', /^refund_amount/);
  });

  it('answers refundStatus 5 with the refund order’s own numbers, signed over the six documented members', async () => {
    const o = await paidOrder();
    const answer = await postForm(h.sandboxUrl, signed('open.pay.refund', { local_order_no: o.orderNo, refund_amount: '1000', reason: '不想要了' }));
    const data = answer.data ?? {};
    expect(data).toMatchObject({ refundStatus: 5, refundAmount: 1000 });
    expect(Object.keys(data).sort()).toEqual(['cbOrderNo', 'localOrderNo', 'outOrderNo', 'refundAmount', 'refundStatus', 'sign', 'timestamp']);
    expect(data.localOrderNo).not.toBe(o.orderNo);
    expect(rsa2Holds(data, ['refundStatus', 'localOrderNo', 'cbOrderNo', 'outOrderNo', 'refundAmount', 'timestamp'])).toBe(true);
    // The refund order is an order of its own: status 3 "退款成功（仅针对退款订单）".
    const refundOrder = await postForm(h.sandboxUrl, signed('open.pay.query', { order_no: String(data.cbOrderNo) }));
    expect(refundOrder.data).toMatchObject({ orderStatus: 3, totalAmount: 1000 });
  });

  it('adapter: a refund with a reason succeeds (reason signed, refund_amount not, no version); SUCCEEDED from refundStatus 5', async () => {
    const o = await paidOrder();
    const result = await h.gateway.refund({ orderNo: o.orderNo, refundNo: 'R1', orderAmount: o.amount, refundAmount: toFen(1000), reason: '口味不喜欢' });
    expect(result).toMatchObject({ status: 'SUCCEEDED', rawStatus: '5', refundAmount: 1000 });
    expect(result.providerRefundId).not.toBe(h.sandbox.orders.byLocal(o.orderNo)?.cbOrderNo);
    expect(await h.gateway.query(o.orderNo)).toMatchObject({ status: 'PARTIALLY_REFUNDED', refundedAmount: 1000 });
  });

  it('adapter: refundStatus -3 is FAILED (nothing refunded); a later refund of the same order is sent and succeeds', async () => {
    const o = await paidOrder();
    h.sandbox.channelRefusesRefunds = true;
    const request = { orderNo: o.orderNo, refundNo: 'R1', orderAmount: o.amount, refundAmount: o.amount };
    expect(await h.gateway.refund(request)).toMatchObject({ status: 'FAILED', rawStatus: '-3' });
    expect(await h.gateway.query(o.orderNo)).toMatchObject({ status: 'PAID', refundedAmount: 0 });
    h.sandbox.channelRefusesRefunds = false;
    expect(await h.gateway.refund({ ...request, refundNo: 'R2' })).toMatchObject({ status: 'SUCCEEDED', rawStatus: '5' });
    expect(h.sandbox.orders.byLocal(o.orderNo)).toMatchObject({ status: 'ALL_REFUND', refundAmount: o.amount });
  });
});

describe('open.pay.reverse (jiao-yi-che-xiao.md)', () => {
  it('answers only sign and timestamp (signed over timestamp); has no version row', async () => {
    const o = order();
    await h.gateway.createJsapi(o, payer);
    await refused(signed('open.pay.reverse', { local_order_no: o.orderNo, version: '1.0' }), '31', /^version/);
    const answer = await postForm(h.sandboxUrl, signed('open.pay.reverse', { local_order_no: o.orderNo }));
    expect(Object.keys(answer.data ?? {}).sort()).toEqual(['sign', 'timestamp']);
    expect(rsa2Holds(answer.data ?? {}, ['timestamp'])).toBe(true);
    expect(h.sandbox.orders.byLocal(o.orderNo)?.status).toBe('REVERSED');
  });

  it('refuses a paid order with the documented text; the adapter reports it as a rejection', async () => {
    const o = await paidOrder();
    await refused(signed('open.pay.reverse', { local_order_no: o.orderNo }), '60', '当前订单已经收款成功，无法执行撤销。您可以使用刷新功能同步订单最新状态！');
    expect(await errorOf(h.gateway.close(o.orderNo))).toMatchObject({ code: 'PROVIDER_REJECTED', outcome: 'rejected', providerCode: '60' });
  });

  it('refuses a fully refunded order, a failed order and a refund order with the documented texts', async () => {
    const refundedOrder = await paidOrder();
    await h.gateway.refund({ orderNo: refundedOrder.orderNo, refundNo: 'R1', orderAmount: refundedOrder.amount, refundAmount: refundedOrder.amount });
    await refused(signed('open.pay.reverse', { local_order_no: refundedOrder.orderNo }), '60', '当前订单已经全额退款，无法执行撤销！');

    const failedOrder = order();
    await h.gateway.createJsapi(failedOrder, payer);
    const kept = h.sandbox.orders.byLocal(failedOrder.orderNo);
    expect(kept && h.sandbox.orders.transition(kept, ['WAIT_PAY'], 'PAY_FAIL')).toBe(true);
    await refused(signed('open.pay.reverse', { local_order_no: failedOrder.orderNo }), '60', '交易失败的订单无法进行撤销！');

    const refundAnswer = await postForm(h.sandboxUrl, signed('open.pay.refund', { local_order_no: (await paidOrder()).orderNo }));
    const refundCbOrderNo = String(refundAnswer.data?.cbOrderNo);
    await refused(signed('open.pay.reverse', { order_no: refundCbOrderNo }), '60', '此订单不支持撤销操作，请查证（只有付款订单才可以撤销）！');
  });
});
