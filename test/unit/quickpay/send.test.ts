import { GatewayError } from '../../../server/gateways/contract';
import { parseEnvelope } from '../../../server/gateways/quickpay/send';
import { registerSecret } from '../../../server/platform/log';
import { thrown } from './fixtures';

const body = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));

describe('parseEnvelope', () => {
  it('returns an accepted envelope', () => {
    expect(parseEnvelope(200, body({ code: 'SUCCESS', msg: 'ok', data: { a: 1 } }), 'QuickPay/Query')).toEqual({ code: 'SUCCESS', msg: 'ok', data: { a: 1 } });
  });

  it.each([
    ['HTTP 500', 500, body({ code: 'SUCCESS' }), 'PROVIDER_UNAVAILABLE', 'unknown'],
    ['HTTP 200 with HTML', 200, body('<html>'), 'PROVIDER_UNAVAILABLE', 'unknown'],
    ['HTTP 200 with JSON that is not an envelope', 200, body({ ok: true }), 'PROVIDER_UNAVAILABLE', 'unknown'],
    ['HTTP 200 with an empty body', 200, body(''), 'PROVIDER_UNAVAILABLE', 'unknown'],
    ['code FAIL', 200, body({ code: 'FAIL', msg: 'order_no exists' }), 'PROVIDER_REJECTED', 'rejected'],
    ['HTTP 401 with an envelope', 401, body({ code: 'UNAUTHORIZED', msg: 'bad credential' }), 'PROVIDER_REJECTED', 'rejected'],
    ['HTTP 403 with text', 403, body('Forbidden'), 'PROVIDER_REJECTED', 'rejected'],
  ])('%s → %s / %s', (_name, status, raw, code, outcome) => {
    const err = thrown(() => parseEnvelope(status, raw, 'QuickPay/Query')) as GatewayError;
    expect(err).toBeInstanceOf(GatewayError);
    expect(err.code).toBe(code);
    expect(err.outcome).toBe(outcome);
  });

  it('keeps the provider code and message, scrubbed of secrets', () => {
    registerSecret('send-test-secret-value');
    const err = thrown(() => parseEnvelope(200, body({ code: 'FAIL', msg: 'bad key send-test-secret-value' }), 'QuickPay/JSAPIPay')) as GatewayError;
    expect(err.providerCode).toBe('FAIL');
    expect(err.message).toContain('FAIL');
    expect(err.message).not.toContain('send-test-secret-value');
  });
});
