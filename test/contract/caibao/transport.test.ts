/**
 * How the adapter classifies each network failure (shared fault switchboard, endpoint = command):
 * not_sent / rejected are safe to retry, unknown must be resolved by querying.
 */
import { caibaoModule } from '../../../server/gateways/caibao';
import type { PaymentOrder } from '../../../server/gateways/contract';
import { toFen } from '../../../server/platform/money';
import { createSandboxApp, listen } from '../../../sandbox/common';
import { errorOf, orderNo, startHarness, until, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ CAIBAO_TIMEOUT_MS: '300' });
});
afterEach(() => h.sandbox.faults.clear());
afterAll(async () => {
  await h.close();
});

const payer = { appId: 'wxminiapp0001', openId: 'oPayer-123' };
const order = (): PaymentOrder => ({ orderNo: orderNo(), amount: toFen(800), description: '普洱', lines: [] });

describe('Caibao transport failures', () => {
  it.each([
    [{ kind: 'http5xx' } as const, 'PROVIDER_UNAVAILABLE', 'unknown'],
    [{ kind: 'reset' } as const, 'PROVIDER_UNAVAILABLE', 'unknown'],
    [{ kind: 'malformed' } as const, 'PROVIDER_UNAVAILABLE', 'unknown'],
    [{ kind: 'timeout' } as const, 'PROVIDER_UNAVAILABLE', 'unknown'],
    [{ kind: 'http5xx', status: 503 } as const, 'PROVIDER_UNAVAILABLE', 'unknown'],
  ])('%p on open.pay.mp → %s, outcome %s', async (fault, code, outcome) => {
    h.sandbox.faults.set('open.pay.mp', fault, { times: 1 });
    expect(await errorOf(h.gateway.createJsapi(order(), payer))).toMatchObject({ code, outcome, retryable: true });
  });

  it("Caibao's own error answer (status fault) → PROVIDER_REJECTED with its code, not retryable", async () => {
    h.sandbox.faults.set('open.pay.query', { kind: 'status', payload: { errorCode: '99', errorMsg: '系统繁忙' } }, { times: 1 });
    const err = await errorOf(h.gateway.query('ANY'));
    expect(err).toMatchObject({ code: 'PROVIDER_REJECTED', outcome: 'rejected', providerCode: '99', retryable: false });
    expect(err.message).toContain('系统繁忙');
  });

  it('a delay shorter than the time-out is just slow', async () => {
    h.sandbox.faults.set('open.pay.mp', { kind: 'delay', ms: 50 }, { times: 1 });
    const payment = await h.gateway.createJsapi(order(), payer);
    expect(payment.params.package).toMatch(/^prepay_id=/);
  });

  it('after a time-out the order may exist at Caibao: a query finds it', async () => {
    const o = order();
    h.sandbox.faults.set('open.pay.mp', { kind: 'delay', ms: 600 }, { times: 1 });
    expect(await errorOf(h.gateway.createJsapi(o, payer))).toMatchObject({ outcome: 'unknown' });
    // The sandbox finishes the request after its delay, although nobody waits for the answer.
    await until(() => h.sandbox.orders.byLocal(o.orderNo) !== undefined);
    expect((await h.gateway.query(o.orderNo)).status).toBe('PENDING');
  });

  it('nobody listening → not_sent', async () => {
    const closed = await listen(createSandboxApp());
    await closed.close();
    const nowhere = caibaoModule.fromEnv({ ...h.env, CAIBAO_BASE_URL: closed.url });
    expect(await errorOf(nowhere.query('ANY'))).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', outcome: 'not_sent' });
  });
});
