import { newRequestId } from './support/harness';
import { qrUnavailableScenarios } from './support/qr';
import { describeProvider } from './support/scenarios';

describeProvider('quickpay', (harness) => {
  qrUnavailableScenarios(harness);

  it('accepts notifications wrapped in {code, msg, data} as well as bare ones (an unsigned hint either way: confirmed by a query)', async () => {
    const h = harness();
    const sandbox = h.sandboxes.providers.quickpay;
    if (!sandbox) throw new Error('no quickpay sandbox');
    sandbox.notificationFormat = 'wrapped';
    try {
      const created = await h.call('pay', { action: 'create', items: [{ skuId: 'sample', quantity: 1 }], requestId: newRequestId() });
      await h.sandboxes.cashier.pay(created.data.payment);
      await sandbox.notifier.idle();
      expect((await h.order(created.data.orderNo)).status).toBe('PAID');
      const events = await h.events(created.data.orderNo);
      expect(events.find((e) => e.kind === 'notification')).toMatchObject({ outcome: 'applied', via: 'query_after_hint' });
    } finally {
      sandbox.notificationFormat = 'bare';
    }
  });
});
