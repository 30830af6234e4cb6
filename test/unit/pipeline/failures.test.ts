/** The one classification table: each fact → code, outcome, retryable, provider code. */
import { classify, type Fact } from '../../../server/gateways/pipeline/failures';
import { TransportError } from '../../../server/platform/http';
import { registerSecret } from '../../../server/platform/log';

const refused = (extra = {}): Fact => ({ kind: 'refused', envelope: { verdict: 'refused', code: 'E1', message: 'nope', ...extra } });

describe('classify', () => {
  it.each<[string, Fact, string, string, boolean]>([
    ['invalid request', { kind: 'invalid_request', problem: 'order_no: too long' }, 'INVALID_ARGUMENT', 'not_sent', false],
    ['not sent', { kind: 'transport', error: new TransportError('refused', 'not_sent') }, 'PROVIDER_UNAVAILABLE', 'not_sent', true],
    ['time-out', { kind: 'transport', error: new TransportError('late', 'unknown') }, 'PROVIDER_UNAVAILABLE', 'unknown', true],
    ['5xx', { kind: 'http_status', status: 500 }, 'PROVIDER_UNAVAILABLE', 'unknown', true],
    ['4xx', { kind: 'http_status', status: 401 }, 'PROVIDER_REJECTED', 'rejected', false],
    ['unreadable', { kind: 'unreadable', problem: 'not JSON' }, 'PROVIDER_UNAVAILABLE', 'unknown', true],
    ['forged', { kind: 'forged' }, 'SIGNATURE_INVALID', 'unknown', true],
    ['unsigned', { kind: 'unsigned' }, 'SIGNATURE_INVALID', 'unknown', true],
    ['refused', refused(), 'PROVIDER_REJECTED', 'rejected', false],
    ['refused, retry allowed', refused({ retryable: true }), 'PROVIDER_REJECTED', 'rejected', true],
    ['not found', refused({ notFound: true }), 'NOT_FOUND', 'rejected', false],
    ['undecided', { kind: 'undecided', envelope: { verdict: 'undecided', code: '3' } }, 'PROVIDER_UNAVAILABLE', 'unknown', true],
    ['mismatch', { kind: 'mismatch', problem: 'another order' }, 'PROVIDER_UNAVAILABLE', 'unknown', true],
    ['amount mismatch', { kind: 'mismatch', problem: 'amount', code: 'AMOUNT_MISMATCH' }, 'AMOUNT_MISMATCH', 'unknown', true],
  ])('%s → %s / %s', (_name, fact, code, outcome, retryable) => {
    const err = classify('caibao', 'open.pay.query', fact);
    expect({ code: err.code, outcome: err.outcome, retryable: err.retryable }).toEqual({ code, outcome, retryable });
    expect(err.message.startsWith('caibao: open.pay.query: ')).toBe(true);
  });

  it('keeps provider codes and the new-number flag', () => {
    expect(classify('tencent', 'refund', refused({ newOrderNoRequired: true })).newOrderNoRequired).toBe(true);
    expect(classify('tencent', 'refund', refused()).providerCode).toBe('E1');
    expect(classify('tencent', 'refund', { kind: 'http_status', status: 404 }).providerCode).toBe('HTTP_404');
    expect(classify('tencent', 'refund', { kind: 'http_status', status: 401, envelope: { verdict: 'refused', code: 'AUTH' } }).providerCode).toBe('AUTH');
  });

  it("never carries a secret from the provider's text", () => {
    registerSecret('classify-test-secret-0001');
    const err = classify('quickpay', 'QuickPay/Query', refused({ message: 'key classify-test-secret-0001 is wrong' }));
    expect(err.message).not.toContain('classify-test-secret-0001');
    expect(err.message).toContain('E1');
  });
});
