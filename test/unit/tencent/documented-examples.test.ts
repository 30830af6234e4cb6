import * as v from 'valibot';
/**
 * Every example message on Tencent Cloud Pay's pages (test/fixtures/tencent, verbatim) read by the
 * adapter's parsers: answers through the gateway (transport stubbed), the notification through
 * parseNotification, and the request examples through the sandbox's transcription of each table.
 * The inner text keeps the examples' whitespace; it is signed with a test key because the pages'
 * authen codes were made with keys nobody publishes.
 */
import { toFen } from '../../../server/platform/money';
import { authenCode, openResponse, parseContent, sealResponse } from '../../../server/gateways/tencent/envelope';
import { TencentGateway, type Post } from '../../../server/gateways/tencent/gateway';
import { ResponseHeadSchema } from '../../../server/gateways/tencent/types';
import * as closeOrderPage from '../../../sandbox/tencent/pages/close-order';
import * as officialAccountPayPage from '../../../sandbox/tencent/pages/official-account-pay';
import * as queryOrderPage from '../../../sandbox/tencent/pages/query-order';
import * as queryRefundOrderPage from '../../../sandbox/tencent/pages/query-refund-order';
import * as refundPage from '../../../sandbox/tencent/pages/refund';
import { rejectedGatewayError } from '../../support/gateway-errors';
import { fixture, readDocExample, withoutTrailingCommas } from './doc-example';

const KEY = 'documented-examples-test-key';
const FIXTURES = [
  'call-conventions',
  'official-account-pay',
  'query-order',
  'close-order',
  'refund',
  'query-refund-order',
  'payment-notification',
].flatMap((page) => [`${page}.request.txt`, `${page}.response.txt`]);

/** The example's inner text, as the string the wire would carry, signed with the test key. */
const wireAnswer = (name: string, clean: (text: string) => string = (t) => t) =>
  sealResponse(KEY, clean(readDocExample(fixture(name)).contentText));

function gatewayFor(outSubMchId: string, answer: string) {
  const post: Post = async () => ({ status: 200, headers: {}, body: Buffer.from(answer) });
  const settings = {
    baseUrl: 'http://cpay.test',
    outMchId: 'sz01lXKA6DKGjNzr2l4B',
    outSubMchId,
    outShopId: 'sz011biKxOguirmBqiFR',
    authenKey: KEY,
    orderPrefix: 'sz01',
    spbillIp: '10.0.0.9',
    deviceId: 'fn-1',
    timeoutMs: 1000,
  };
  return new TencentGateway(settings, { post, nonce: () => 'N' });
}

describe('the fixtures are the pages\' examples', () => {
  it.each(FIXTURES)('%s: inner content with its whitespace, authen_info a / type 1 / 64 upper-case hex', (name) => {
    const example = readDocExample(fixture(name));
    expect(example.field).toBe(name.includes('.request.') ? 'request_content' : 'response_content');
    expect(example.authenType).toBe(1);
    expect(example.authenCode).toMatch(/^[0-9A-F]{64}$/);
    if (!name.startsWith('call-conventions')) expect(example.contentText).toMatch(/^\{\s*\n/);
  });
});

describe('answers, read by the adapter', () => {
  it('接口调用说明: a status-only answer (escaped string in the example) reads as status 0', () => {
    const opened = openResponse(KEY, wireAnswer('call-conventions.response.txt'));
    expect(opened.authenticity).toBe('signed');
    expect(v.parse(ResponseHeadSchema, parseContent(opened.contentText))).toEqual({
      status: 0,
      description: '操作成功。',
      log_id: 1167366844,
      internal_status: 0,
    });
  });

  it('公众号支付: get_brand_wcpay passed to wx.requestPayment unchanged, for its own AppID', async () => {
    const gateway = gatewayFor('sz01KuceBtrcksX1OW6V', wireAnswer('official-account-pay.response.txt'));
    const order = { orderNo: 'sz010187m90829162737843772384118', amount: toFen(10000), description: '湖南交通工程学院后勤处', lines: [] };
    expect(await gateway.createJsapi(order, { appId: 'wx369ab4160391b078', openId: 'oxEiL1Yq1eIlkll987C-o3v9y6MYQ' })).toEqual({
      params: {
        timeStamp: '1567067258',
        nonceStr: '5cee0f921bc24254140045e4fe22483b',
        package: 'prepay_id=wx2916273827558523ae1a04971089444300',
        signType: 'MD5',
        paySign: '35E6E610203BCC85603B0A2C7996BB03',
      },
    });
    const other = await rejectedGatewayError(gateway.createJsapi(order, { appId: 'wx0217eb58c7xxxxxx', openId: 'o' }));
    expect(other).toMatchObject({ code: 'CONFIG_INVALID' });
    expect(other.message).toContain('wx369ab4160391b078');
  });

  it('查询订单: the order state (2, a micropay success, is not read as paid for an official-account order)', async () => {
    const gateway = gatewayFor('sz01KzuCUOmw8yjtPite', wireAnswer('query-order.response.txt'));
    expect(await gateway.query('sz010002cz11566803216')).toEqual({
      orderNo: 'sz010002cz11566803216',
      status: 'UNKNOWN',
      rawStatus: '2',
      amount: 1,
      // fee_type in the page's example: the documented CNY, read as the amount's currency.
      currency: 'CNY',
      merchantId: 'sz01KzuCUOmw8yjtPite',
      providerOrderId: '4200000400201908267240992395',
    });
  });

  it('关闭订单: the example answers with a query_order member; a verified status 0 is the close', async () => {
    const gateway = gatewayFor('sz01KzuCUOmw8yjtPite', wireAnswer('close-order.response.txt'));
    await expect(gateway.close('sz010002cz11566803216')).resolves.toBeUndefined();
  });

  it('申请退款: the example answers with query_refund_order and a list; our refund is found in it', async () => {
    const gateway = gatewayFor('sz01KzuCUOmw8yjtPite', wireAnswer('refund.response.txt', withoutTrailingCommas));
    const request = { orderNo: 'sz010002cz11566803216', refundNo: 'sz010002cz11566825386', orderAmount: toFen(1), refundAmount: toFen(1) };
    expect(await gateway.refund(request)).toEqual({
      refundNo: 'sz010002cz11566825386',
      status: 'SUCCEEDED',
      rawStatus: '2',
      refundAmount: 1,
      currency: 'CNY',
      providerRefundId: '50000301352019082611769933385',
    });
  });

  it('查询退款单: the refund state', async () => {
    const gateway = gatewayFor('sz01KzuCUOmw8yjtPite', wireAnswer('query-refund-order.response.txt'));
    expect(await gateway.queryRefund('sz010002cz11566803216', 'sz010002cz11566825386')).toMatchObject({
      status: 'SUCCEEDED',
      rawStatus: '2',
      refundAmount: 1,
    });
  });
});

describe('支付成功回调, read by the adapter', () => {
  it('the notification is verified over its exact text and read', () => {
    const contentText = withoutTrailingCommas(readDocExample(fixture('payment-notification.request.txt')).contentText);
    const body = JSON.stringify({ request_content: contentText, authen_info: { a: { authen_type: 1, authen_code: authenCode(KEY, contentText) } } });
    const gateway = gatewayFor('sz01KzuCUOmw8yjtPite', '');
    expect(gateway.parseNotification({ headers: { 'content-type': 'application/json' }, body: Buffer.from(body) })).toEqual({
      kind: 'verified',
      state: {
        orderNo: 'sz010002cz11566803216',
        status: 'UNKNOWN',
        rawStatus: '2',
        amount: 1,
        currency: 'CNY',
        merchantId: 'sz01KzuCUOmw8yjtPite',
        providerOrderId: '4200000400201908267240992395',
      },
    });
  });

  it('our acknowledgement has the example reply\'s shape: {status: 0, description}', () => {
    const example = JSON.parse(withoutTrailingCommas(readDocExample(fixture('payment-notification.response.txt')).contentText)) as Record<string, unknown>;
    expect(example).toEqual({ status: 0, description: '操作成功。' });
    const ours = JSON.parse(JSON.parse(gatewayFor('s', '').acknowledge(true).body).response_content as string) as Record<string, unknown>;
    expect(Object.keys(ours).sort()).toEqual(Object.keys(example).sort());
    expect(ours.status).toBe(0);
  });
});

describe('request examples, read by the sandbox\'s transcription of each table', () => {
  const content = (name: string) => JSON.parse(readDocExample(fixture(name)).contentText) as unknown;

  it.each([
    ['call-conventions.request.txt', queryOrderPage.requestSchema('sz01')],
    ['query-order.request.txt', queryOrderPage.requestSchema('sz01')],
    ['close-order.request.txt', closeOrderPage.requestSchema('sz01')],
    ['query-refund-order.request.txt', queryRefundOrderPage.requestSchema('sz01')],
    // Table: app_id and open_id required; example: only sub_open_id. Both accepted on reading.
    ['official-account-pay.request.txt', officialAccountPayPage.requestSchema('sz01')],
  ])('%s is accepted', (name, schema) => {
    const parsed = v.safeParse(schema, content(name));
    expect(parsed.success ? 'ok' : parsed.issues).toBe('ok');
  });

  it('申请退款: the example leaves out refund_content and is_sub_admin, which the table requires: the table wins', () => {
    const parsed = v.safeParse(refundPage.requestSchema('sz01'), content('refund.request.txt'));
    expect(parsed.success).toBe(false);
    const fields = parsed.success ? [] : parsed.issues.map((i) => i.path?.map((item) => String(item.key)).join('.'));
    expect(fields).toEqual(expect.arrayContaining(['refund_content', 'pay_mch_key.is_sub_admin']));
  });
});
