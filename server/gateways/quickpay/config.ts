/**
 * QuickPay settings, from the cloud function's environment. The payer's AppID is not a setting:
 * it comes from the cloud context (`getWXContext().APPID`) with every payment.
 */
import { z } from 'zod';
import { readEnvGroup, type Env } from '../../platform/config';
import { registerSecret } from '../../platform/log';
import { LIMITS } from './types';

export const QUICKPAY_ENV = {
  baseUrl: 'QUICKPAY_BASE_URL',
  storeNo: 'QUICKPAY_STORE_NO',
  authHeader: 'QUICKPAY_AUTH_HEADER',
  authValue: 'QUICKPAY_AUTH_VALUE',
  notifyUrl: 'QUICKPAY_NOTIFY_URL',
  timeoutMs: 'QUICKPAY_TIMEOUT_MS',
} as const;

/** An HTTP header name (RFC 9110 token). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const httpUrl = z
  .string()
  .url()
  .refine((u) => /^https?:\/\//i.test(u), 'must be an http(s) URL');

export const quickpayConfigSchema = z.object({
  baseUrl: httpUrl.transform((u) => u.replace(/\/+$/, '')),
  storeNo: z.string().min(LIMITS.storeNo.min).max(LIMITS.storeNo.max),
  authHeader: z
    .string()
    .regex(HEADER_NAME, 'must be an HTTP header name')
    .refine((h) => h.toLowerCase() !== 'content-type', 'must not be content-type'),
  authValue: z.string().min(1),
  notifyUrl: httpUrl,
  timeoutMs: z.coerce.number().int().min(100).max(60_000).default(10_000),
});
export type QuickpayConfig = z.infer<typeof quickpayConfigSchema>;

/** Reads and validates the settings; the credential is registered as a secret before anything can log it. */
export function readQuickpayConfig(env: Env): QuickpayConfig {
  registerSecret(env[QUICKPAY_ENV.authValue]);
  return readEnvGroup(env, QUICKPAY_ENV, quickpayConfigSchema);
}
