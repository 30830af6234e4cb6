/**
 * `reconcile` (timer trigger, see cloudfunctions/reconcile/config.json): settles orders whose
 * payment is still open and closes expired ones. Not for shoppers: a call carrying an OPENID is refused.
 */
import { AppError } from '../platform/errors';
import { reconcile, type ReconcileSummary } from '../orders/reconcile';
import { loadPaymentConfig } from './config';
import { initCloud, coldStart, envelope, type Envelope } from './runtime';
import { servicesFor } from './services';

export function reconcileFunction(sdk: unknown, env: NodeJS.ProcessEnv = process.env) {
  const cloud = initCloud(sdk);
  const config = coldStart(() => loadPaymentConfig(env));
  return (): Promise<Envelope<ReconcileSummary>> =>
    envelope('reconcile', async () => {
      if (cloud.getWXContext().OPENID) throw new AppError('PERMISSION_DENIED', 'reconcile runs on its timer, not for shoppers');
      const loaded = config();
      return reconcile(servicesFor(cloud, loaded).orders, loaded.reconcile);
    });
}
