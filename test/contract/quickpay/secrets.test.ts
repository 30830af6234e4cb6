/** The credential goes in one header and nowhere else: not in a log line, an error, or a reply. */
import { GatewayError, type PaymentGateway } from '../../../server/gateways/contract';
import { quickpayModule } from '../../../server/gateways/quickpay';
import { setLogSink } from '../../../server/platform/log';
import { toFen } from '../../../server/platform/money';
import { newOrder, payer, rawPost, startHarness, type Harness } from './harness';

const CREDENTIAL = 'secret-contract-credential-7f3a9c';

let h: Harness;
let gateway: PaymentGateway;
const lines: string[] = [];
const texts: string[] = [];

beforeAll(async () => {
  h = await startHarness();
  setLogSink((line) => lines.push(line), 'debug');
  // The sandbox is told to expect this credential; the adapter reads it from the environment.
  h.sandbox.credentials.authValue = CREDENTIAL;
  gateway = quickpayModule.fromEnv({ ...h.env, QUICKPAY_AUTH_VALUE: CREDENTIAL, QUICKPAY_TIMEOUT_MS: '300' });
});
afterAll(async () => {
  setLogSink(() => undefined);
  await h.close();
});

async function record(promise: Promise<unknown>): Promise<void> {
  try {
    texts.push(String(JSON.stringify(await promise)));
  } catch (err) {
    expect(err).toBeInstanceOf(GatewayError);
    const e = err as GatewayError;
    texts.push(e.message, JSON.stringify(e.toBody()), String(e.stack), JSON.stringify(e));
  }
}

it('never writes the credential anywhere while working normally and failing in every way', async () => {
  const order = newOrder();
  await record(gateway.createJsapi(order, payer));
  await record(gateway.query(order.orderNo));
  await record(gateway.refund({ orderNo: order.orderNo, refundNo: 'S1', orderAmount: toFen(2500), refundAmount: toFen(1) }));
  await record(gateway.close(order.orderNo));
  await record(gateway.query('NO-SUCH-ORDER'));
  // The provider echoing the credential back in its message must not carry it into our error or logs.
  h.sandbox.faults.set('/QuickPay/Query', { kind: 'status', payload: { code: 'FAIL', msg: `bad header value ${CREDENTIAL}` } }, { times: 1 });
  await record(gateway.query(order.orderNo));
  for (const fault of [{ kind: 'timeout' }, { kind: 'reset' }, { kind: 'http5xx' }, { kind: 'malformed' }] as const) {
    h.sandbox.faults.set('/QuickPay/Query', fault, { times: 1 });
    await record(gateway.query(order.orderNo));
  }
  // A wrong credential configured: the error must not show either value.
  await record(quickpayModule.fromEnv({ ...h.env, QUICKPAY_AUTH_VALUE: `${CREDENTIAL}-wrong` }).query(order.orderNo));
  // A settings error names the variable, not the value.
  try {
    quickpayModule.fromEnv({ ...h.env, QUICKPAY_AUTH_VALUE: CREDENTIAL, QUICKPAY_STORE_NO: '' });
  } catch (err) {
    texts.push((err as Error).message);
  }
  const refused = await rawPost(h, '/QuickPay/Query', { store_no: 'x', order_no: 'y' }, { [h.sandbox.credentials.authHeader]: 'wrong' });
  texts.push(refused.text);

  // Controls: the calls really ran (the credential was accepted by the sandbox) and were logged.
  expect(h.sandbox.orders.find(order.orderNo)?.message).toBe('cancelled');
  expect(lines.length).toBeGreaterThan(5);
  expect(texts.length).toBeGreaterThan(10);
  expect(texts.some((t) => t.includes('[REDACTED]'))).toBe(true);

  for (const text of [...lines, ...texts]) expect(text).not.toContain(CREDENTIAL);
});
