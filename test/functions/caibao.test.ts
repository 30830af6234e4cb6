import { newRequestId } from './support/harness';
import { qrPaymentScenarios } from './support/qr';
import { describeProvider } from './support/scenarios';

describeProvider('caibao', (harness) => {
  qrPaymentScenarios(harness);

  it('accepts signed notifications posted as JSON as well as forms', async () => {
    const h = harness();
    const sandbox = h.sandboxes.providers.caibao;
    if (!sandbox) throw new Error('no caibao sandbox');
    sandbox.notificationFormat = 'json';
    try {
      const created = await h.call('pay', { action: 'create', items: [{ skuId: 'sample', quantity: 1 }], requestId: newRequestId() });
      await h.sandboxes.cashier.pay(created.data.payment);
      await sandbox.notifier.idle();
      expect((await h.order(created.data.orderNo)).status).toBe('PAID');
      const events = await h.events(created.data.orderNo);
      expect(events.find((e) => e.kind === 'notification')).toMatchObject({ outcome: 'applied', via: 'signed_notification' });
    } finally {
      sandbox.notificationFormat = 'form';
    }
  });
});
