/**
 * The sandbox is as strict as Caibao documents itself: each request below would be refused by
 * Caibao, and each is refused here, over real HTTP. Valid requests are built with the adapter's
 * builders and signer, then broken one rule at a time.
 */
import { buildMp, buildScan } from '../../../server/gateways/caibao/build';
import { signRequest } from '../../../server/gateways/caibao/sign';
import type { CommandName } from '../../../server/gateways/caibao/types';
import { toFen } from '../../../server/platform/money';
import { orderNo, postForm, startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

const account = () => ({ app: h.sandbox.credentials.app, operatorId: h.sandbox.credentials.operatorId, notifyUrl: h.notifyUrl });

function mpFields(): Record<string, string | undefined> {
  const order = { orderNo: orderNo(), amount: toFen(100), description: '绿茶', lines: [{ skuId: 'tea', name: '绿茶', unitPrice: toFen(100), quantity: 1 }] };
  return { ...buildMp(order, { appId: 'wxapp', openId: 'oOpen' }, account(), Date.now()) };
}

function sign(command: CommandName, fields: Record<string, string | undefined>, key = h.sandbox.credentials.key): Record<string, string> {
  return signRequest(command, fields, key);
}

async function expectError(fields: Record<string, string>, errorCode: string, errorMsg?: string | RegExp) {
  const answer = await postForm(h.sandboxUrl, fields);
  expect(answer.result.success).toBe(false);
  expect(answer.result.errorCode).toBe(errorCode);
  if (errorMsg !== undefined) expect(answer.result.errorMsg).toMatch(errorMsg);
  expect(answer.data).toBeUndefined();
}

describe('sandbox: documented request rules', () => {
  it('a valid request is accepted (the baseline for every case below)', async () => {
    const answer = await postForm(h.sandboxUrl, sign('open.pay.mp', mpFields()));
    expect(answer.result).toEqual({ success: true, errorCode: '0', errorMsg: '成功' });
  });

  it('an empty optional field is left out of the signature (documented), even when it is sent', async () => {
    const withEmpty = { ...sign('open.pay.mp', { ...mpFields(), subject: '' }), subject: '', un_discount_amount: '' };
    const answer = await postForm(h.sandboxUrl, withEmpty);
    expect(answer.result).toEqual({ success: true, errorCode: '0', errorMsg: '成功' });
  });

  it('command empty or missing → errorCode "10" command参数为空 (documented)', async () => {
    const fields = sign('open.pay.mp', mpFields());
    await expectError({ ...fields, command: '' }, '10', 'command参数为空');
    const { command: _c, ...withoutCommand } = fields;
    await expectError(withoutCommand, '10', 'command参数为空');
  });

  it('a body that is not form-encoded carries no command', async () => {
    const response = await fetch(`${h.sandboxUrl}/gatewayOpen.htm`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(sign('open.pay.mp', mpFields())),
    });
    expect(((await response.json()) as { result: { errorCode: string } }).result.errorCode).toBe('10');
  });

  it('an unknown command is refused', async () => {
    await expectError(sign('open.pay.mp', { ...mpFields(), command: 'open.pay.nope' }), '11');
  });

  it('version must be given, and be 1.0 or 1.1', async () => {
    await expectError(sign('open.pay.mp', { ...mpFields(), version: undefined }), '30', 'version参数为空');
    await expectError(sign('open.pay.mp', { ...mpFields(), version: '2.0' }), '12');
  });

  it.each(['operator_id', 'app', 'amount', 'timestamp', 'sub_app_id', 'open_id'])('open.pay.mp: %s missing or empty is refused', async (name) => {
    await expectError(sign('open.pay.mp', { ...mpFields(), [name]: undefined }), '30', `${name}参数为空`);
    const empty = { ...sign('open.pay.mp', mpFields()), [name]: '' };
    await expectError(empty, '30', `${name}参数为空`);
  });

  it.each(['local_order_no', 'channel', 'amount', 'timestamp'])('open.pay.scan: %s is required', async (name) => {
    const order = { orderNo: orderNo(), amount: toFen(100), description: 'x', lines: [] };
    await expectError(sign('open.pay.scan', { ...buildScan(order, 'wechat', account(), Date.now()), [name]: undefined }), '30', `${name}参数为空`);
  });

  it('sign missing, wrong, made with another key, or uppercase → refused', async () => {
    const fields = sign('open.pay.mp', mpFields());
    const { sign: _s, ...unsigned } = fields;
    await expectError(unsigned, '30', 'sign参数为空');
    await expectError({ ...fields, amount: '101' }, '20', '签名错误');
    await expectError(sign('open.pay.mp', mpFields(), 'not-the-key'), '20');
    await expectError({ ...fields, sign: (fields.sign ?? '').toUpperCase() }, '20');
  });

  it('an unknown app / operator is refused', async () => {
    await expectError(sign('open.pay.mp', { ...mpFields(), app: 'someone-else' }), '21');
  });

  it('fields the command does not have are refused (e.g. an undocumented refund_no)', async () => {
    await expectError(sign('open.pay.mp', { ...mpFields(), refund_no: 'R1' }), '31', /refund_no/);
    const fields = sign('open.pay.mp', mpFields());
    const doubled = `${new URLSearchParams(fields).toString()}&amount=100`;
    const response = await fetch(`${h.sandboxUrl}/gatewayOpen.htm`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: doubled });
    expect(((await response.json()) as { result: { errorCode: string } }).result.errorCode).toBe('31');
  });

  it.each([
    ['amount', '0'],
    ['amount', '1.5'],
    ['timestamp', String(Math.floor(Date.now() / 1000))],
    ['subject', '一二三四五六七八九十一二三四五六七八九十'],
    ['device_create_ip', 'localhost'],
    ['goods_list', '{"goods_id":"x"}'],
    ['goods_list', '[{"goods_id":"x","sell_amount":"","goods_price":"1"}]'],
    ['un_discount_amount', '101'],
  ])('format: %s = %p is refused', async (name, value) => {
    await expectError(sign('open.pay.mp', { ...mpFields(), [name]: value }), '31', new RegExp(name));
  });

  it('open.pay.scan: channel must be 1 or 2', async () => {
    const order = { orderNo: orderNo(), amount: toFen(100), description: 'x', lines: [] };
    await expectError(sign('open.pay.scan', { ...buildScan(order, 'wechat', account(), Date.now()), channel: '3' }), '31', /channel/);
  });

  it('open.pay.scan version 1.1 adds subject and paymentWay (unsigned) to the answer', async () => {
    const order = { orderNo: orderNo(), amount: toFen(100), description: '绿茶', lines: [] };
    const answer = await postForm(h.sandboxUrl, sign('open.pay.scan', { ...buildScan(order, 'wechat', account(), Date.now()), version: '1.1' }));
    expect(answer.data).toMatchObject({ subject: '绿茶', paymentWay: 'SCAN', totalAmount: 100, paymentChannel: 2 });
  });

  it('query/reverse/refund need local_order_no or order_no, and find orders by either', async () => {
    const base = { command: 'open.pay.query', app: h.sandbox.credentials.app, operator_id: h.sandbox.credentials.operatorId, timestamp: String(Date.now()) };
    await expectError(sign('open.pay.query', base), '30', 'local_order_no或order_no参数为空');
    const created = await postForm(h.sandboxUrl, sign('open.pay.mp', mpFields()));
    expect(created.result.success).toBe(true);
    const cbOrderNo = h.sandbox.orders.all().at(-1)?.cbOrderNo ?? '';
    const byCaibaoNo = await postForm(h.sandboxUrl, sign('open.pay.query', { ...base, order_no: cbOrderNo }));
    expect(byCaibaoNo.data).toMatchObject({ cbOrderNo, orderStatus: 1 });
    await expectError(sign('open.pay.query', { ...base, order_no: 'CB-unknown' }), '50');
  });

  it('refund beyond what was paid is refused; an empty refund_amount refunds everything left (documented)', async () => {
    const fields = mpFields();
    const created = await postForm(h.sandboxUrl, sign('open.pay.mp', fields));
    const params = created.data as Record<string, string>;
    await h.cashier.pay({ timeStamp: params.timeStamp ?? '', nonceStr: params.nonceStr ?? '', package: params.package ?? '', signType: 'MD5', paySign: params.paySign ?? '' });
    const base = { command: 'open.pay.refund', app: h.sandbox.credentials.app, operator_id: h.sandbox.credentials.operatorId, timestamp: String(Date.now()), local_order_no: fields.local_order_no };
    await expectError(sign('open.pay.refund', { ...base, refund_amount: '101' }), '60', '退款金额超过可退金额');
    const partial = await postForm(h.sandboxUrl, sign('open.pay.refund', { ...base, refund_amount: '30' }));
    expect(partial.data).toMatchObject({ refundStatus: 5, refundAmount: 30 });
    const rest = await postForm(h.sandboxUrl, sign('open.pay.refund', base));
    expect(rest.data).toMatchObject({ refundStatus: 5, refundAmount: 70 });
    expect(h.sandbox.orders.byLocal(fields.local_order_no ?? '')).toMatchObject({ status: 'ALL_REFUND', refundAmount: 100 });
    await expectError(sign('open.pay.refund', base), '60');
  });
});
