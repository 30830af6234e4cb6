/**
 * `payNotify` (HTTP-triggered): the provider's payment notifications. The HTTP access path routes
 * `/payNotify` (or `/payNotify/<provider>`) here; a path naming another provider than the one
 * configured is refused. The reply is the provider's own acknowledgement (gateway.acknowledge).
 */
import type { ProviderName } from '../gateways/contract';
import { isRegisteredProvider } from '../gateways/registry';
import { createLogger } from '../platform/log';
import { handleNotification } from '../orders/notifications';
import { loadPaymentConfig } from './config';
import { httpResponse, isHttpEvent, jsonResponse, readHttpEvent } from './http-event';
import { initCloud, coldStart } from './runtime';
import { servicesFor } from './services';

const log = createLogger('payNotify');

/** The provider a path names (its last segment), if any. */
export function providerInPath(path: string): ProviderName | undefined {
  const last = path.split('/').filter(Boolean).pop();
  return last !== undefined && isRegisteredProvider(last) ? last : undefined;
}

export function payNotifyFunction(sdk: unknown, env: NodeJS.ProcessEnv = process.env) {
  const cloud = initCloud(sdk);
  const config = coldStart(() => loadPaymentConfig(env));
  return async (event: unknown) => {
    if (!isHttpEvent(event)) return jsonResponse(400, { error: 'payNotify is reached over HTTP only' });
    let loaded;
    try {
      loaded = config();
    } catch (err) {
      log.error('payNotify is not configured', { error: err });
      return jsonResponse(500, { error: 'not configured' });
    }
    const { gateway } = loaded;
    let request;
    try {
      request = readHttpEvent(event);
    } catch {
      return httpResponse(gateway.acknowledge(false));
    }
    const named = providerInPath(request.path);
    if (named && named !== gateway.name) {
      log.warn('notification for a provider that is not configured', { named, configured: gateway.name });
      return jsonResponse(404, { error: 'no such notification endpoint' });
    }
    if (request.method !== 'POST') return jsonResponse(405, { error: 'POST only' });
    const { orders } = servicesFor(cloud, loaded);
    const result = await handleNotification(orders, { headers: request.headers, body: request.body });
    return httpResponse(gateway.acknowledge(result.ack));
  };
}
