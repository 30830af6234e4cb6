/** QuickPay's pipeline stages: the credential header and JSON body (sign), the envelope (read), run through the shared read stage. */
import { GatewayError } from '../../../server/gateways/contract';
import { commit, read } from '../../../server/gateways/pipeline/call';
import { quickpayOperations } from '../../../server/gateways/quickpay/operations';
import { quickpayProtocol, readQuickpayEnvelope } from '../../../server/gateways/quickpay/protocol';
import { registerSecret } from '../../../server/platform/log';
import { config, stageError } from './fixtures';

const body = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));
const protocol = quickpayProtocol(config);
const answer = (status: number, raw: Buffer) => ({ status, headers: {}, body: raw });

describe('QuickPay sign stage', () => {
  it('POSTs JSON to <base>/<route> with the configured credential header', () => {
    const wire = protocol.sign('QuickPay/Query', { store_no: 'S', order_no: 'O' });
    expect(wire).toEqual({
      url: `${config.baseUrl}/QuickPay/Query`,
      headers: { 'content-type': 'application/json; charset=utf-8', accept: 'application/json', [config.authHeader]: config.authValue },
      body: '{"store_no":"S","order_no":"O"}',
    });
  });
});

describe('QuickPay read stage', () => {
  it('an accepted envelope carries its data', () => {
    expect(readQuickpayEnvelope(body({ code: 'SUCCESS', msg: 'ok', data: { a: 1 } }))).toEqual({ verdict: 'accepted', code: 'SUCCESS', message: 'ok', data: { a: 1 } });
  });

  it('any other code is a refusal (no code is documented as "not found")', () => {
    expect(readQuickpayEnvelope(body({ code: 'FAIL', msg: 'order_no exists' }))).toEqual({ verdict: 'refused', code: 'FAIL', message: 'order_no exists', notFound: false });
  });

  it.each([
    ['HTTP 500', 500, body({ code: 'SUCCESS' }), 'PROVIDER_UNAVAILABLE', 'unknown'],
    ['HTTP 200 with HTML', 200, body('<html>'), 'PROVIDER_UNAVAILABLE', 'unknown'],
    ['HTTP 200 with JSON that is not an envelope', 200, body({ ok: true }), 'PROVIDER_UNAVAILABLE', 'unknown'],
    ['HTTP 200 with an empty body', 200, body(''), 'PROVIDER_UNAVAILABLE', 'unknown'],
    ['HTTP 401 with an envelope', 401, body({ code: 'UNAUTHORIZED', msg: 'bad credential' }), 'PROVIDER_REJECTED', 'rejected'],
    ['HTTP 403 with text', 403, body('Forbidden'), 'PROVIDER_REJECTED', 'rejected'],
  ])('%s → %s / %s', (_name, status, raw, code, outcome) => {
    const err = stageError(() => read(protocol, 'QuickPay/Query', answer(status, raw)));
    expect(err).toBeInstanceOf(GatewayError);
    expect(err.code).toBe(code);
    expect(err.outcome).toBe(outcome);
  });

  it('keeps the provider code of a 4xx envelope', () => {
    expect(stageError(() => read(protocol, 'QuickPay/Query', answer(401, body({ code: 'UNAUTHORIZED' })))).providerCode).toBe('UNAUTHORIZED');
    expect(stageError(() => read(protocol, 'QuickPay/Query', answer(403, body('no')))).providerCode).toBe('HTTP_403');
  });

  it('a refusal keeps the provider code and message, scrubbed of secrets', async () => {
    registerSecret('send-test-secret-value');
    const post = async () => answer(200, body({ code: 'FAIL', msg: 'bad key send-test-secret-value' }));
    const err = (await commit(protocol, quickpayOperations(config).query, 'O1', { post }).catch((e: unknown) => e)) as GatewayError;
    expect(err.providerCode).toBe('FAIL');
    expect(err.outcome).toBe('rejected');
    expect(err.message).toContain('FAIL');
    expect(err.message).not.toContain('send-test-secret-value');
  });
});
