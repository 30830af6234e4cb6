import { acceptAnswer, statusError } from '../../../server/gateways/tencent/status';
import { registerSecret } from '../../../server/platform/log';
import { thrownGatewayError } from '../../support/gateway-errors';

describe('status codes (documented)', () => {
  it("the provider's description is scrubbed of configured secrets before it enters an error message", () => {
    registerSecret('tencent-status-secret-4711');
    const err = statusError('refund', { status: 104, description: 'bad key tencent-status-secret-4711 given' });
    expect(err.message).toContain('bad key');
    expect(err.message).not.toContain('tencent-status-secret-4711');
  });

  it('0 signed is accepted', () => {
    expect(() => acceptAnswer('query_order', { status: 0 }, 'signed')).not.toThrow();
  });

  it('0 without authen_info is never success', () => {
    const err = thrownGatewayError(() => acceptAnswer('official_account_pay', { status: 0 }, 'unsigned'));
    expect(err.code).toBe('SIGNATURE_INVALID');
    expect(err.outcome).toBe('unknown');
  });

  it('3 (unsigned): outcome unknown, retryable, query', () => {
    const err = thrownGatewayError(() => acceptAnswer('official_account_pay', { status: 3, description: 'system error' }, 'unsigned'));
    expect(err).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', outcome: 'unknown', retryable: true, providerCode: '3' });
    expect(err.newOrderNoRequired).toBe(false);
  });

  it('101 (unsigned): rejected, not retryable', () => {
    const err = thrownGatewayError(() => acceptAnswer('refund', { status: 101, internal_status: 12 }, 'unsigned'));
    expect(err).toMatchObject({ code: 'PROVIDER_REJECTED', outcome: 'rejected', retryable: false, providerCode: '101' });
  });

  it('101 with internal_status 7 is named: the authen code was rejected', () => {
    const err = thrownGatewayError(() => acceptAnswer('query_order', { status: 101, internal_status: 7 }, 'unsigned'));
    expect(err).toMatchObject({ code: 'PROVIDER_REJECTED', outcome: 'rejected', retryable: false, providerCode: '101/7' });
    expect(err.message).toMatch(/authen_code rejected/);
    expect(err.message).toMatch(/TENCENT_AUTHEN_KEY/);
  });

  it('102 (signed): rejected, retry with a new order number', () => {
    const err = thrownGatewayError(() => acceptAnswer('official_account_pay', { status: 102, description: 'out_trade_no used' }, 'signed'));
    expect(err).toMatchObject({ code: 'PROVIDER_REJECTED', outcome: 'rejected', retryable: true, newOrderNoRequired: true });
  });

  it('103 (signed): outcome unknown, retry after ~3 s or query', () => {
    const err = thrownGatewayError(() => acceptAnswer('official_account_pay', { status: 103 }, 'signed'));
    expect(err).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', outcome: 'unknown', retryable: true, newOrderNoRequired: false });
    expect(err.message).toMatch(/3 s/);
  });

  it('104 (signed): rejected, do not retry', () => {
    const err = thrownGatewayError(() => acceptAnswer('refund', { status: 104, description: 'balance not enough' }, 'signed'));
    expect(err).toMatchObject({ code: 'PROVIDER_REJECTED', outcome: 'rejected', retryable: false, providerCode: '104' });
    expect(err.message).toMatch(/balance not enough/);
  });

  it.each([102, 103, 104])('%i is documented as signed: without authen_info it is not believed', (status) => {
    const err = thrownGatewayError(() => acceptAnswer('official_account_pay', { status }, 'unsigned'));
    expect(err.code).toBe('SIGNATURE_INVALID');
  });

  it.each([0, 3, 101, 102, 103, 104])('a forged answer claiming %i is a signature failure', (status) => {
    const err = thrownGatewayError(() => acceptAnswer('query_order', { status }, 'forged'));
    expect(err.code).toBe('SIGNATURE_INVALID');
  });

  it('an undocumented status leaves the outcome unknown', () => {
    expect(statusError('query_order', { status: 999 })).toMatchObject({ outcome: 'unknown', code: 'PROVIDER_UNAVAILABLE' });
  });
});
