/**
 * Tencent's Status table as pipeline verdicts (status.ts), decided by the shared stages and
 * classified in one place (../pipeline/failures.ts): the same outcomes the pages ask for.
 */
import { classify, StageFailure, type Authenticity, type Protocol } from '../../../server/gateways/pipeline';
import { decide, verify } from '../../../server/gateways/pipeline/call';
import { envelopeOf, trustsUnsigned } from '../../../server/gateways/tencent/status';
import type { ResponseHead } from '../../../server/gateways/tencent/types';
import { registerSecret } from '../../../server/platform/log';

/** The GatewayError a head leads to (undefined = accepted), as the pipeline decides it. */
function outcome(operation: string, head: ResponseHead, authenticity: Authenticity) {
  const protocol = { provider: 'tencent', timeoutMs: 1, sign: jest.fn(), read: jest.fn(), verify: () => authenticity, trustsUnsigned } satisfies Protocol;
  const envelope = envelopeOf(head, head);
  try {
    verify(protocol, operation, envelope, { status: 200, headers: {}, body: Buffer.from('') });
    decide(envelope);
    return undefined;
  } catch (err) {
    if (!(err instanceof StageFailure)) throw err;
    return classify('tencent', operation, err.fact, err);
  }
}

describe('status codes (documented)', () => {
  it("the provider's description is scrubbed of configured secrets before it enters an error message", () => {
    registerSecret('tencent-status-secret-4711');
    const err = outcome('refund', { status: 104, description: 'bad key tencent-status-secret-4711 given' }, 'signed');
    expect(err?.message).toContain('bad key');
    expect(err?.message).not.toContain('tencent-status-secret-4711');
  });

  it('0 signed is accepted', () => {
    expect(outcome('query_order', { status: 0 }, 'signed')).toBeUndefined();
  });

  it('0 without authen_info is never success', () => {
    expect(outcome('official_account_pay', { status: 0 }, 'unsigned')).toMatchObject({ code: 'SIGNATURE_INVALID', outcome: 'unknown' });
  });

  it('3 (unsigned): outcome unknown, retryable, query', () => {
    const err = outcome('official_account_pay', { status: 3, description: 'system error' }, 'unsigned');
    expect(err).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', outcome: 'unknown', retryable: true, providerCode: '3', newOrderNoRequired: false });
  });

  it('101 (unsigned): rejected, not retryable', () => {
    const err = outcome('refund', { status: 101, internal_status: 12 }, 'unsigned');
    expect(err).toMatchObject({ code: 'PROVIDER_REJECTED', outcome: 'rejected', retryable: false, providerCode: '101' });
  });

  it('101 with internal_status 7 is named: the authen code was rejected', () => {
    const err = outcome('query_order', { status: 101, internal_status: 7 }, 'unsigned');
    expect(err).toMatchObject({ code: 'PROVIDER_REJECTED', outcome: 'rejected', retryable: false, providerCode: '101/7' });
    expect(err?.message).toMatch(/authen_code rejected/);
    expect(err?.message).toMatch(/TENCENT_AUTHEN_KEY/);
  });

  it('102 (signed): rejected, retry with a new order number', () => {
    const err = outcome('official_account_pay', { status: 102, description: 'out_trade_no used' }, 'signed');
    expect(err).toMatchObject({ code: 'PROVIDER_REJECTED', outcome: 'rejected', retryable: true, newOrderNoRequired: true });
  });

  it('103 (signed): outcome unknown, retry after ~3 s or query', () => {
    const err = outcome('official_account_pay', { status: 103 }, 'signed');
    expect(err).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', outcome: 'unknown', retryable: true, newOrderNoRequired: false });
    expect(err?.message).toMatch(/3 s/);
  });

  it('104 (signed): rejected, do not retry', () => {
    const err = outcome('refund', { status: 104, description: 'balance not enough' }, 'signed');
    expect(err).toMatchObject({ code: 'PROVIDER_REJECTED', outcome: 'rejected', retryable: false, providerCode: '104' });
    expect(err?.message).toMatch(/balance not enough/);
  });

  it.each([102, 103, 104])('%i is documented as signed: without authen_info it is not believed', (status) => {
    expect(outcome('official_account_pay', { status }, 'unsigned')?.code).toBe('SIGNATURE_INVALID');
  });

  it.each([0, 3, 101, 102, 103, 104])('a forged answer claiming %i is a signature failure', (status) => {
    expect(outcome('query_order', { status }, 'forged')?.code).toBe('SIGNATURE_INVALID');
  });

  it('an undocumented status leaves the outcome unknown', () => {
    expect(outcome('query_order', { status: 999 }, 'signed')).toMatchObject({ outcome: 'unknown', code: 'PROVIDER_UNAVAILABLE' });
  });
});
