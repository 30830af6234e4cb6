/**
 * The gateway's pipeline with the transport stubbed: the exact request it sends, and how each
 * kind of answer is decided (status before signature enforcement, never success unsigned).
 */
import type { RawResponse } from '../../../server/platform/http';
import { toFen } from '../../../server/platform/money';
import { authenCode, sealResponse, unsignedResponse } from '../../../server/gateways/tencent/envelope';
import { TencentGateway, type Post } from '../../../server/gateways/tencent/gateway';
import { rejectedGatewayError } from '../../support/gateway-errors';

const settings = {
  baseUrl: 'http://cpay.test',
  outMchId: 'mch',
  outSubMchId: 'sub',
  outShopId: 'shop',
  authenKey: 'unit-test-authen-key',
  orderPrefix: 'sz01',
  spbillIp: '10.0.0.9',
  deviceId: 'fn-1',
  timeoutMs: 1000,
};

function gatewayAnswering(body: string | ((requestBody: string) => string)) {
  const sent: Array<{ url: string; body: string; headers?: Record<string, string> }> = [];
  const post: Post = async (url, requestBody, options) => {
    const text = String(requestBody);
    sent.push({ url, body: text, headers: options?.headers });
    const answer = typeof body === 'function' ? body(text) : body;
    return { status: 200, headers: {}, body: Buffer.from(answer) } satisfies RawResponse;
  };
  return { gateway: new TencentGateway(settings, { post, nonce: () => 'FIXEDNONCE' }), sent };
}

const queryAnswer = (state: number, orderNo = 'sz01A') =>
  JSON.stringify({
    status: 0,
    description: 'ok',
    log_id: 1,
    internal_status: 0,
    query_order: {
      nonce_str: 'x',
      pay_mch_key: { pay_platform: 1, out_mch_id: 'mch', out_sub_mch_id: 'sub', out_shop_id: 'shop' },
      order_content: { out_trade_no: orderNo, total_fee: 100, wxpay_order_content_ext: { current_trade_state: state } },
    },
  });

it('sends the sealed envelope to <base>/cpay/<endpoint> as JSON', async () => {
  const { gateway, sent } = gatewayAnswering(sealResponse(settings.authenKey, queryAnswer(6)));
  await gateway.query('sz01A');
  expect(sent).toHaveLength(1);
  expect(sent[0]?.url).toBe('http://cpay.test/cpay/query_order');
  expect(sent[0]?.headers).toEqual({ 'content-type': 'application/json' });
  const outer = JSON.parse(sent[0]?.body ?? '') as { request_content: string; authen_info: { a: { authen_code: string } } };
  expect(JSON.parse(outer.request_content)).toEqual({
    pay_mch_key: { pay_platform: 1, sub_pay_platform: 100, out_mch_id: 'mch', out_sub_mch_id: 'sub', out_shop_id: 'shop' },
    order_client: { device_id: 'fn-1', spbill_create_ip: '10.0.0.9', terminal_type: 100, sdk_version: 'ts-1.0' },
    out_trade_no: 'sz01A',
    trade_type: 3,
    nonce_str: 'FIXEDNONCE',
  });
  expect(outer.authen_info.a.authen_code).toBe(authenCode(settings.authenKey, outer.request_content));
});

it('a signed success is mapped', async () => {
  const { gateway } = gatewayAnswering(sealResponse(settings.authenKey, queryAnswer(3)));
  expect(await gateway.query('sz01A')).toMatchObject({ status: 'PAID', amount: 100, merchantId: 'sub' });
});

it('status 0 without authen_info is not believed', async () => {
  const { gateway } = gatewayAnswering(unsignedResponse(queryAnswer(3)));
  expect(await rejectedGatewayError(gateway.query('sz01A'))).toMatchObject({ code: 'SIGNATURE_INVALID', outcome: 'unknown' });
});

it('a status-only 3 without authen_info is read before signature enforcement', async () => {
  const { gateway } = gatewayAnswering(unsignedResponse('{"status":3,"description":"busy","log_id":2,"internal_status":0}'));
  expect(await rejectedGatewayError(gateway.query('sz01A'))).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', outcome: 'unknown', providerCode: '3' });
});

it('a forged answer is refused whatever its status', async () => {
  const forged = JSON.stringify({ response_content: queryAnswer(3), authen_info: { a: { authen_type: 1, authen_code: 'AB'.repeat(32) } } });
  const { gateway } = gatewayAnswering(forged);
  expect(await rejectedGatewayError(gateway.query('sz01A'))).toMatchObject({ code: 'SIGNATURE_INVALID' });
});

it('an answer about another order is not taken for ours (a mismatch: outcome unknown)', async () => {
  const { gateway } = gatewayAnswering(sealResponse(settings.authenKey, queryAnswer(3, 'sz01OTHER')));
  expect(await rejectedGatewayError(gateway.query('sz01A'))).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', outcome: 'unknown' });
});

it('a signed success missing its member is a malformed answer (outcome unknown)', async () => {
  const { gateway } = gatewayAnswering(sealResponse(settings.authenKey, '{"status":0,"log_id":1,"internal_status":0}'));
  const err = await rejectedGatewayError(gateway.createJsapi(
    { orderNo: 'sz01B', amount: toFen(100), description: 'x', lines: [] },
    { appId: 'wx', openId: 'o' },
  ));
  expect(err).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', outcome: 'unknown' });
  expect(err.message).toMatch(/official_account_pay/);
});

it.each([
  ['not JSON', 'oops'],
  ['content not JSON', JSON.stringify({ response_content: 'oops' })],
  ['no status', unsignedResponse('{"description":"x"}')],
])('%s → malformed, outcome unknown', async (_name, body) => {
  const { gateway } = gatewayAnswering(body);
  expect(await rejectedGatewayError(gateway.query('sz01A'))).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', outcome: 'unknown' });
});

it('HTTP 5xx is unknown, 4xx rejected', async () => {
  const answering = (status: number): Post => async () => ({ status, headers: {}, body: Buffer.from('') });
  const down = new TencentGateway(settings, { post: answering(502) });
  const refused = new TencentGateway(settings, { post: answering(403) });
  expect(await rejectedGatewayError(down.query('sz01A'))).toMatchObject({ outcome: 'unknown' });
  expect(await rejectedGatewayError(refused.query('sz01A'))).toMatchObject({ outcome: 'rejected', code: 'PROVIDER_REJECTED' });
});

it('runs the shared pipeline stages in order (build → sign → send → read → verify → decide → parse → map)', async () => {
  const { commit, STAGES } = await import('../../../server/gateways/pipeline');
  const { tencentProtocol } = await import('../../../server/gateways/tencent/protocol');
  const { tencentOperations } = await import('../../../server/gateways/tencent/operations');
  const stages: string[] = [];
  const answer = sealResponse(settings.authenKey, queryAnswer(6));
  const post: Post = async () => ({ status: 200, headers: {}, body: Buffer.from(answer) });
  const state = await commit(tencentProtocol(settings), tencentOperations(settings, () => 'N').queryOrder, 'sz01A', {
    post,
    trace: (stage) => stages.push(stage),
  });
  expect(stages).toEqual([...STAGES]);
  expect(state).toMatchObject({ status: 'PENDING', rawStatus: '6' });
});
