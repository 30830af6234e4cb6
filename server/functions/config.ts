/**
 * The functions' settings, from the environment, parsed once at cold start. A missing or malformed
 * setting fails with CONFIG_INVALID naming the variable. Provider credentials are read (and
 * registered as secrets) by the provider's own module and stay inside the gateway object.
 */
import * as v from 'valibot';
import { MAX_CATALOG_CACHE_MS } from '../catalog/cache';
import type { PaymentGateway } from '../gateways/contract';
import { chosenProvider, settingFor, type ProviderModule } from '../gateways/registry';
import { envInteger, readEnvGroup, type Env } from '../platform/config';
import { registerSecret } from '../platform/log';
import type { OrderSettings } from '../orders/context';
import { assertUsablePrefix } from '../orders/order-no';
import type { ReconcileOptions } from '../orders/reconcile';
import { loadPaidMessageSettings, type PaidMessageSettings } from '../shopper/paid-message';

export const SETTINGS_ENV = {
  shopName: 'SHOP_NAME',
  orderExpiryMinutes: 'ORDER_EXPIRY_MINUTES',
  reconcileAfterMinutes: 'RECONCILE_AFTER_MINUTES',
  createWaitMs: 'PAY_CREATE_WAIT_MS',
  statusQueryIntervalMs: 'STATUS_QUERY_INTERVAL_MS',
  catalogCacheSeconds: 'CATALOG_CACHE_SECONDS',
} as const;

/** Shoppers read the shop's name on the payment sheet and in the order's description: Chinese unless set. */
export const DEFAULT_SHOP_NAME = '小店';

export const settingsSchema = v.object({
  shopName: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(32)), DEFAULT_SHOP_NAME),
  orderExpiryMinutes: envInteger(1, 24 * 60, 30),
  reconcileAfterMinutes: envInteger(0, 24 * 60, 5),
  createWaitMs: envInteger(0, 60_000, 8_000),
  statusQueryIntervalMs: envInteger(0, 600_000, 3_000),
  catalogCacheSeconds: envInteger(0, MAX_CATALOG_CACHE_MS / 1000, 30),
});

/**
 * The provider's call deadline (its `timeoutMs` setting): after it an answer counts as lost. The
 * order core waits twice this before it trusts a query's "nothing there" (see lateAnswerWindowMs).
 * Unset → undefined, and the order core falls back to the create lease (longer than any provider allows).
 */
function callDeadlineMs(env: Env, provider: ProviderModule): number | undefined {
  const variable = settingFor(provider, 'timeoutMs');
  const raw = variable ? env[variable] : undefined;
  const value = raw === undefined || raw === '' ? NaN : Number(raw);
  return Number.isInteger(value) && value > 0 ? value : undefined;
}

export interface PaymentConfig {
  gateway: PaymentGateway;
  orders: OrderSettings;
  reconcile: ReconcileOptions;
  /** How long a warm `pay` instance prices from the products it read (0 = read every time); see catalog/cache.ts. */
  catalogCacheMs: number;
  /** The "payment succeeded" subscribe message; absent when no template is configured. */
  paidMessage?: PaidMessageSettings;
}

export function loadPaymentConfig(env: Env): PaymentConfig {
  const settings = readEnvGroup(env, SETTINGS_ENV, settingsSchema);
  const provider = chosenProvider(env);
  const gateway = provider.fromEnv(env);
  assertUsablePrefix(gateway.orderNoPrefix);
  const paidMessage = loadPaidMessageSettings(env);
  // Our merchant id as the provider reports it in an order's state (its `merchantId` setting);
  // a provider whose states carry none (Caibao: its answers are signed for our app) declares none.
  const merchantVariable = settingFor(provider, 'merchantId');
  const merchantId = merchantVariable ? env[merchantVariable] : undefined;
  const deadline = callDeadlineMs(env, provider);
  return {
    gateway,
    orders: {
      shopName: settings.shopName,
      orderExpiryMs: settings.orderExpiryMinutes * 60_000,
      ...(merchantId ? { merchantId } : {}),
      createWaitMs: settings.createWaitMs,
      statusQueryIntervalMs: settings.statusQueryIntervalMs,
      // Longer than any provider call can take (their time-outs are ≤ 120 s), so a live call is never taken for dead.
      createLeaseMs: 150_000,
      ...(deadline !== undefined ? { callDeadlineMs: deadline } : {}),
    },
    reconcile: { staleAfterMs: settings.reconcileAfterMinutes * 60_000, batchSize: 50 },
    catalogCacheMs: settings.catalogCacheSeconds * 1000,
    ...(paidMessage ? { paidMessage } : {}),
  };
}

export const ADMIN_TOKEN_ENV = { token: 'REFUND_ADMIN_TOKEN' } as const;
export const adminTokenSchema = v.object({ token: v.pipe(v.string(), v.minLength(24, 'must be at least 24 characters')) });

/** The token trusted code presents to the refund function. */
export function loadAdminToken(env: Env): string {
  registerSecret(env[ADMIN_TOKEN_ENV.token]);
  return readEnvGroup(env, ADMIN_TOKEN_ENV, adminTokenSchema).token;
}
