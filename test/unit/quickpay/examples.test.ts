import * as v from 'valibot';
/**
 * The example messages of QuickPay's `POST QuickPay/JSAPIPay` help page, kept verbatim in
 * examples/, read by the adapter's parsers and by the sandbox. The help generator fills every
 * field with a placeholder ("sample string N", N), so where a placeholder contradicts the field
 * table the table wins: paytype 10 (the table: 11 or 21) and notify_url "sample string 9" (the
 * table: the address results are POSTed to).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { jsapiPaySchema, PAY_RESULT_INFO_FIELDS } from '../../../sandbox/quickpay/docs';
import { payResultInfo } from '../../../sandbox/quickpay';
import { GatewayError } from '../../../server/gateways/contract';
import { QuickpayGateway } from '../../../server/gateways/quickpay';
import { buildJsapiPayRequest } from '../../../server/gateways/quickpay/build';
import { readQuickpayEnvelope } from '../../../server/gateways/quickpay/protocol';
import { config, order, payer } from './fixtures';

const example = (name: string) => readFileSync(join(__dirname, 'examples', name));
const requestExample = JSON.parse(example('jsapipay-request.json').toString('utf8')) as Record<string, unknown>;
const responseBytes = example('jsapipay-response.json');
const responseExample = JSON.parse(responseBytes.toString('utf8')) as { data: Record<string, unknown> };

/** A gateway whose transport answers the page's example, byte for byte. */
const answeringExample = () =>
  new QuickpayGateway({ ...config, storeNo: 'sample string 2' }, { post: async () => ({ status: 200, headers: { 'content-type': 'application/json' }, body: responseBytes }) });

describe('the answer example (ResultInfoOfPayResultInfo)', () => {
  it('is an accepted envelope to the adapter', () => {
    expect(readQuickpayEnvelope(responseBytes)).toMatchObject({ verdict: 'accepted', code: 'SUCCESS' });
  });

  it('reads as an order state through the whole pipeline: CREATE is PENDING, the placeholder time is left out', async () => {
    const state = await answeringExample().query('sample string 9');
    expect(state).toEqual({ orderNo: 'sample string 9', status: 'PENDING', rawStatus: 'CREATE', amount: 5, merchantId: 'sample string 2', providerOrderId: 'sample string 10' });
  });

  it('as a JSAPIPay answer its placeholder cloudpay_param is not pay parameters: an unknown outcome, never a crash', async () => {
    const err = (await answeringExample().createJsapi(order(), payer).catch((e: unknown) => e)) as GatewayError;
    expect(err).toBeInstanceOf(GatewayError);
    expect({ code: err.code, outcome: err.outcome }).toEqual({ code: 'PROVIDER_UNAVAILABLE', outcome: 'unknown' });
  });

  it("has exactly the fields of the sandbox's transcription, which its answers carry", () => {
    const sandboxOrder = {
      storeNo: 'S', orderNo: 'O', fingerprint: '', amount: 1, status: 'CREATE' as const, message: '', transactionNo: 'T', cloudpayParam: '{}', prepayId: 'p', createdAt: 0, refundedAmount: 0, refunds: [],
      request: { store_no: 'S', paytype: 11 as const, operator: 'WEB', appid: 'wx', openid: 'o', amount: 1, order_no: 'O' },
    };
    expect(Object.keys(payResultInfo(sandboxOrder))).toEqual([...PAY_RESULT_INFO_FIELDS]);
    expect(Object.keys(responseExample.data)).toEqual([...PAY_RESULT_INFO_FIELDS]);
  });
});

describe('the request example (JSAPIPayInfo)', () => {
  it('names every field the adapter sends', () => {
    const sent = Object.keys(buildJsapiPayRequest(order(), payer, config));
    expect(sent.filter((field) => !(field in requestExample))).toEqual([]);
  });

  it('is read by the sandbox but for the two placeholders that contradict the table (paytype, notify_url)', () => {
    const asIs = v.safeParse(jsapiPaySchema, requestExample);
    expect(asIs.success ? [] : asIs.issues.map((i) => i.path?.map((item) => String(item.key)).join('.')).sort()).toEqual(['notify_url', 'paytype']);
    expect(v.safeParse(jsapiPaySchema, { ...requestExample, paytype: 11, notify_url: 'https://shop.example/payNotify' }).success).toBe(true);
  });
});
