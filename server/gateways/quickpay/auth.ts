/**
 * AUTHENTICATION — ASSUMED. QuickPay documents no signature and no credential anywhere public:
 * requests, responses and notifications carry no sign field (documented by absence). We assume a
 * credential sent in one HTTP header, whose name and value are both configured
 * (QUICKPAY_AUTH_HEADER / QUICKPAY_AUTH_VALUE). This file is the only place that knows how a
 * request is authenticated: when the provider tells us the real scheme, only this changes.
 *
 * Consequence: nothing the provider sends us can be verified, so a notification is only a hint
 * (see notification.ts) and every state is confirmed with QuickPay/Query.
 */
import type { QuickpayConfig } from './config';

export function authHeaders(config: Pick<QuickpayConfig, 'authHeader' | 'authValue'>): Record<string, string> {
  return { [config.authHeader]: config.authValue };
}
