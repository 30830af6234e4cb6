/** Every fault kind, on every endpoint, mapped to the GatewayError outcome it must produce. */
import { createSandboxApp, listen, type Fault } from '../../../sandbox/common';
import { GatewayError, type PaymentGateway } from '../../../server/gateways/contract';
import { quickpayModule } from '../../../server/gateways/quickpay';
import { toFen } from '../../../server/platform/money';
import { newOrder, payer, rejection, startHarness, type Harness } from './harness';

let h: Harness;
let fast: PaymentGateway;
beforeAll(async () => {
  h = await startHarness();
  fast = h.gatewayWith({ QUICKPAY_TIMEOUT_MS: '300' });
  // One call first, so that the first fault's 300 ms deadline is not spent opening the connection on a busy machine.
  await h.gateway.query('WARM-UP').catch(() => undefined);
});
afterAll(() => h.close());
afterEach(() => h.sandbox.faults.clear());

const calls: Record<string, (g: PaymentGateway) => Promise<unknown>> = {
  '/QuickPay/JSAPIPay': (g) => g.createJsapi(newOrder(), payer),
  '/QuickPay/Query': (g) => g.query('ANY-ORDER'),
  '/QuickPay/Cancel': (g) => g.close('ANY-ORDER'),
  '/QuickPay/Refund': (g) => g.refund({ orderNo: 'ANY-ORDER', refundNo: 'R1', orderAmount: toFen(100), refundAmount: toFen(1) }),
};

const cases: Array<[string, Fault, string, string]> = [
  ['timeout', { kind: 'timeout' }, 'PROVIDER_UNAVAILABLE', 'unknown'],
  ['delay beyond the deadline', { kind: 'delay', ms: 1_000 }, 'PROVIDER_UNAVAILABLE', 'unknown'],
  ['reset', { kind: 'reset' }, 'PROVIDER_UNAVAILABLE', 'unknown'],
  ['http 502', { kind: 'http5xx' }, 'PROVIDER_UNAVAILABLE', 'unknown'],
  ['http 503', { kind: 'http5xx', status: 503 }, 'PROVIDER_UNAVAILABLE', 'unknown'],
  ['malformed body', { kind: 'malformed' }, 'PROVIDER_UNAVAILABLE', 'unknown'],
  ['provider status SYSTEMERROR', { kind: 'status', payload: { code: 'SYSTEMERROR', msg: 'busy' } }, 'PROVIDER_REJECTED', 'rejected'],
  ['provider status with HTTP 400', { kind: 'status', payload: { code: 'FAIL', msg: 'bad' }, httpStatus: 400 }, 'PROVIDER_REJECTED', 'rejected'],
  ['accepted without data', { kind: 'status', payload: { code: 'SUCCESS', msg: 'OK', data: null } }, 'PROVIDER_UNAVAILABLE', 'unknown'],
];

describe.each(Object.keys(calls))('%s', (endpoint) => {
  const call = calls[endpoint] as (g: PaymentGateway) => Promise<unknown>;

  // Cancel needs nothing from `data`: an accepted cancel without data is a success.
  const applicable = endpoint === '/QuickPay/Cancel' ? cases.filter(([name]) => name !== 'accepted without data') : cases;

  it.each(applicable)('%s → %s / %s', async (_name, fault, code, outcome) => {
    h.sandbox.faults.set(endpoint, fault, { times: 1 });
    const err = (await rejection(call(fast))) as GatewayError;
    expect(err).toBeInstanceOf(GatewayError);
    expect(err.code).toBe(code);
    expect(err.outcome).toBe(outcome);
    expect(err.retryable).toBe(outcome !== 'rejected');
    expect(h.sandbox.faults.applied.at(-1)).toEqual({ endpoint, fault });
  });
});

describe('other transport cases', () => {
  it('a short delay within the deadline still succeeds', async () => {
    h.sandbox.faults.set('/QuickPay/JSAPIPay', { kind: 'delay', ms: 20 }, { times: 1 });
    const order = newOrder();
    await expect(fast.createJsapi(order, payer)).resolves.toEqual(expect.objectContaining({ params: expect.any(Object) }));
  });

  it('a create that timed out is resolved by querying, and an identical retry returns the same order', async () => {
    const order = newOrder();
    h.sandbox.faults.set('/QuickPay/JSAPIPay', { kind: 'delay', ms: 600 }, { times: 1 });
    const err = (await rejection(fast.createJsapi(order, payer))) as GatewayError;
    expect(err.outcome).toBe('unknown');
    // The sandbox went on after the delay: the order exists, the retry gets the same parameters.
    for (let i = 0; i < 100 && !h.sandbox.orders.find(order.orderNo); i++) await new Promise((r) => setTimeout(r, 10));
    expect((await h.gateway.query(order.orderNo)).status).toBe('PENDING');
    const retried = await h.gateway.createJsapi(order, payer);
    expect(JSON.parse(h.sandbox.orders.find(order.orderNo)?.cloudpayParam ?? '{}')).toEqual({ ...retried.params, appId: payer.appId });
  });

  it('a provider that cannot be reached: not_sent', async () => {
    const closed = await listen(createSandboxApp());
    await closed.close();
    const gateway = quickpayModule.fromEnv({ ...h.env, QUICKPAY_BASE_URL: closed.url });
    const err = (await rejection(gateway.query('ANY'))) as GatewayError;
    expect(err.code).toBe('PROVIDER_UNAVAILABLE');
    expect(err.outcome).toBe('not_sent');
  });

  it('an accepted cancel without data is a success', async () => {
    h.sandbox.faults.set('/QuickPay/Cancel', { kind: 'status', payload: { code: 'SUCCESS', msg: 'OK', data: null } }, { times: 1 });
    await expect(fast.close('ANY-ORDER')).resolves.toBeUndefined();
  });

  it.each([
    ['no cloudpay_param', { transaction_status: 'CREATE', order_no: 'X' }],
    ['cloudpay_param that is not JSON', { transaction_status: 'CREATE', order_no: 'X', cloudpay_param: 'prepay_id=wx1' }],
    [
      'cloudpay_param signed for another AppID',
      {
        transaction_status: 'CREATE',
        order_no: 'X',
        cloudpay_param: JSON.stringify({ appId: 'wxffffffffffffffff', timeStamp: '1', nonceStr: 'n', package: 'prepay_id=wx1', signType: 'MD5', paySign: 'S' }),
      },
    ],
  ])('a JSAPIPay accepted with %s is an unknown outcome, never params for the client', async (_name, data) => {
    h.sandbox.faults.set('/QuickPay/JSAPIPay', { kind: 'status', payload: { code: 'SUCCESS', msg: 'OK', data } }, { times: 1 });
    const err = (await rejection(fast.createJsapi(newOrder(), payer))) as GatewayError;
    expect(err.code).toBe('PROVIDER_UNAVAILABLE');
    expect(err.outcome).toBe('unknown');
  });

  it.each([
    ['another order', { transaction_status: 'SUCCESSED', order_no: 'OTHER' }],
    ['another store', { transaction_status: 'SUCCESSED', order_no: 'MINE', store_no: 'OTHERSTORE' }],
  ])('a Query answer for %s is an unknown outcome, never PAID', async (_name, data) => {
    h.sandbox.faults.set('/QuickPay/Query', { kind: 'status', payload: { code: 'SUCCESS', msg: 'OK', data } }, { times: 1 });
    const err = (await rejection(fast.query('MINE'))) as GatewayError;
    expect(err.outcome).toBe('unknown');
  });
});
