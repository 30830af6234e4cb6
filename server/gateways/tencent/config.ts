/**
 * Merchant settings from the environment, validated once. A missing or malformed setting fails
 * with CONFIG_INVALID naming the variable (never its value). The authen key is registered as a
 * secret so that no log line can carry it.
 */
import { z } from 'zod';
import { readEnvGroup, type Env } from '../../platform/config';
import { registerSecret } from '../../platform/log';
import { DEFAULT_TIMEOUT_MS } from './assumptions';

export interface TencentSettings {
  /** e.g. https://pay.qcloud.com (no trailing `/cpay`). */
  baseUrl: string;
  outMchId: string;
  outSubMchId: string;
  outShopId: string;
  authenKey: string;
  /** The sub-merchant's cloud-pay order prefix (cloud_cashier_id); every out_trade_no starts with it. */
  orderPrefix: string;
  /** spbill_create_ip when the shopper's IPv4 is not known. */
  spbillIp: string;
  /** order_client.device_id (String(64)): the merchant's terminal id, required by refund. */
  deviceId: string;
  timeoutMs: number;
}

export const ENV_VARIABLES = {
  baseUrl: 'TENCENT_BASE_URL',
  outMchId: 'TENCENT_OUT_MCH_ID',
  outSubMchId: 'TENCENT_OUT_SUB_MCH_ID',
  outShopId: 'TENCENT_OUT_SHOP_ID',
  authenKey: 'TENCENT_AUTHEN_KEY',
  orderPrefix: 'TENCENT_ORDER_PREFIX',
  spbillIp: 'TENCENT_SPBILL_IP',
  deviceId: 'TENCENT_DEVICE_ID',
  timeoutMs: 'TENCENT_TIMEOUT_MS',
} as const satisfies Record<keyof TencentSettings, string>;

const id32 = z.string().min(1).max(32);

export const SettingsSchema = z.object({
  baseUrl: z
    .string()
    .url()
    .refine((u) => /^https?:\/\//.test(u), 'must be an http(s) URL')
    .transform((u) => u.replace(/\/+$/, '')),
  outMchId: id32,
  outSubMchId: id32,
  outShopId: id32,
  authenKey: z.string().min(8, 'must be at least 8 characters'),
  // The prefix leaves room for at least one character of our own in a 32-character number.
  orderPrefix: z.string().min(1).max(31),
  spbillIp: z.string().ip({ version: 'v4' }),
  deviceId: z.string().min(1).max(64),
  timeoutMs: z.coerce.number().int().min(100).max(120_000).default(DEFAULT_TIMEOUT_MS),
});

export function settingsFromEnv(env: Env): TencentSettings {
  // Registered before validation: even a rejected key never reaches a log.
  registerSecret(env[ENV_VARIABLES.authenKey]);
  return readEnvGroup(env, ENV_VARIABLES, SettingsSchema);
}
