/**
 * QuickPay settings, from the cloud function's environment. The payer's AppID is not a setting:
 * it comes from the cloud context (`getWXContext().APPID`) with every payment.
 */
import * as v from 'valibot';
import { envInteger, httpUrl, type Env } from '../../platform/config';
import { describeSettings, readSettings, type SettingText } from '../module';
import { LIMITS } from './types';

/** An HTTP header name (RFC 9110 token). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
export const quickpayConfigSchema = v.object({
  baseUrl: v.pipe(httpUrl, v.transform((u) => u.replace(/\/+$/, ''))),
  storeNo: v.pipe(v.string(), v.minLength(LIMITS.storeNo.min), v.maxLength(LIMITS.storeNo.max)),
  authHeader: v.pipe(
    v.string(),
    v.regex(HEADER_NAME, 'must be an HTTP header name'),
    v.check((h) => h.toLowerCase() !== 'content-type', 'must not be content-type'),
  ),
  authValue: v.pipe(v.string(), v.minLength(1)),
  notifyUrl: httpUrl,
  timeoutMs: envInteger(100, 60_000, 10_000),
});
export type QuickpayConfig = v.InferOutput<typeof quickpayConfigSchema>;

const TEXTS: { [K in keyof QuickpayConfig]: SettingText } = {
  baseUrl: { variable: 'QUICKPAY_BASE_URL', meaning: 'API base; routes are `<base>/QuickPay/<Action>`', example: 'https://pay.example.com/api', role: 'baseUrl' },
  storeNo: { variable: 'QUICKPAY_STORE_NO', meaning: 'Store code (`store_no`, 1–32 characters) given by QuickPay', example: 'STORE0001', role: 'merchantId' },
  authHeader: { variable: 'QUICKPAY_AUTH_HEADER', meaning: 'Header that carries the credential (the scheme is undocumented: assumed, see `assumptions.ts`)', example: 'X-QuickPay-Key' },
  authValue: { variable: 'QUICKPAY_AUTH_VALUE', meaning: 'The credential sent in that header', secret: true, example: '(from QuickPay)' },
  notifyUrl: { variable: 'QUICKPAY_NOTIFY_URL', meaning: 'Public URL of `payNotify`, sent as `notify_url`', example: 'https://<env>.service.tcloudbase.com/payNotify', role: 'notifyUrl' },
  timeoutMs: { variable: 'QUICKPAY_TIMEOUT_MS', meaning: 'Deadline of one call, 100–60000 ms', example: '8000', role: 'timeoutMs' },
};

export const QUICKPAY_SETTINGS = describeSettings(quickpayConfigSchema, TEXTS);

/** Variable per setting. */
export const QUICKPAY_ENV = Object.fromEntries(Object.entries(TEXTS).map(([key, text]) => [key, text.variable])) as { [K in keyof QuickpayConfig]: string };

/** Reads and validates the settings; the credential is registered as a secret before anything can log it. */
export function readQuickpayConfig(env: Env): QuickpayConfig {
  return readSettings(env, TEXTS, quickpayConfigSchema);
}
