import { newRequestId } from './support/harness';
import { qrUnavailableScenarios } from './support/qr';
import { describeProvider } from './support/scenarios';

describeProvider('tencent', (harness) => {
  qrUnavailableScenarios(harness);

  it('status 102 (retry with a new order number): the order goes back to CREATED under a fresh number, and the retry pays', async () => {
    const h = harness();
    h.sandboxes.providers.tencent?.answerStatus('official_account_pay', { status: 102, description: 'try another out_trade_no' }, { times: 1 });
    const requestId = newRequestId();
    const items = [{ skuId: 'sample', quantity: 1 }];
    const refused = await h.call('pay', { action: 'create', items, requestId });
    expect(refused.error).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', retryable: true });
    const { data } = await h.cloud.database().collection('orders').where({ requestId }).get();
    const order = data[0] as unknown as { status: string; orderNo: string; previousOrderNos: string[] };
    expect(order.status).toBe('CREATED');
    expect(order.previousOrderNos).toHaveLength(1);
    expect(order.orderNo.startsWith(h.env.TENCENT_ORDER_PREFIX ?? '?')).toBe(true);
    const retried = await h.call('pay', { action: 'create', items, requestId });
    expect(retried.data).toMatchObject({ orderNo: order.orderNo, status: 'PAYING' });
  });

  it('a signed answer altered on the way is not trusted: the create outcome is unknown, not accepted', async () => {
    const h = harness();
    h.sandboxes.providers.tencent?.tamper('official_account_pay', 'alter', { times: 1 });
    const requestId = newRequestId();
    const answer = await h.call('pay', { action: 'create', items: [{ skuId: 'sample', quantity: 1 }], requestId });
    expect(answer.ok).toBe(false);
    const { data } = await h.cloud.database().collection('orders').where({ requestId }).get();
    expect(data[0]).toMatchObject({ payment: null });
    expect(['UNKNOWN', 'FAILED']).toContain(data[0]?.status);
  });
});
