/**
 * Merchant settings from the environment, validated once. A missing or malformed setting fails
 * with CONFIG_INVALID naming the variable (never its value). The authen key is registered as a
 * secret so that no log line can carry it.
 */
import * as v from 'valibot';
import { envInteger, httpUrl, readEnvGroup, type Env } from '../../platform/config';
import { registerSecret } from '../../platform/log';
import { describeSettings, type SettingText } from '../module';
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

const id32 = v.pipe(v.string(), v.minLength(1), v.maxLength(32));

export const SettingsSchema = v.object({
  baseUrl: v.pipe(httpUrl, v.transform((u) => u.replace(/\/+$/, ''))),
  outMchId: id32,
  outSubMchId: id32,
  outShopId: id32,
  authenKey: v.pipe(v.string(), v.minLength(8, 'must be at least 8 characters')),
  // The prefix leaves room for at least one character of our own in a 32-character number.
  orderPrefix: v.pipe(v.string(), v.minLength(1), v.maxLength(31)),
  spbillIp: v.pipe(v.string(), v.ipv4()),
  deviceId: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  timeoutMs: envInteger(100, 120_000, DEFAULT_TIMEOUT_MS),
});

const TEXTS: { [K in keyof TencentSettings]: SettingText } = {
  baseUrl: { variable: ENV_VARIABLES.baseUrl, meaning: 'e.g. `https://pay.qcloud.com`; requests go to `<base>/cpay/<endpoint>`', role: 'baseUrl' },
  outMchId: { variable: ENV_VARIABLES.outMchId, meaning: "Service provider's external account (`out_mch_id`)" },
  outSubMchId: { variable: ENV_VARIABLES.outSubMchId, meaning: "Sub-merchant's external account (`out_sub_mch_id`)", role: 'merchantId' },
  outShopId: { variable: ENV_VARIABLES.outShopId, meaning: "Shop's external account (`out_shop_id`)" },
  authenKey: { variable: ENV_VARIABLES.authenKey, meaning: 'The authen key (HMAC-SHA256)', secret: true },
  orderPrefix: { variable: ENV_VARIABLES.orderPrefix, meaning: 'The cloud-pay order prefix from the console; every order number starts with it', role: 'orderNoPrefix' },
  spbillIp: { variable: ENV_VARIABLES.spbillIp, meaning: "IPv4 sent as `spbill_create_ip` when the shopper's is unknown" },
  deviceId: { variable: ENV_VARIABLES.deviceId, meaning: "`order_client.device_id`: the merchant's terminal id (String(64)), required by refund" },
  timeoutMs: { variable: ENV_VARIABLES.timeoutMs, meaning: 'Deadline of one call, 100–120000 ms', role: 'timeoutMs' },
};

/** The settings as the configuration docs show them (required and default read from the schema). */
export const TENCENT_SETTINGS = describeSettings(SettingsSchema, TEXTS);

export function settingsFromEnv(env: Env): TencentSettings {
  // Registered before validation: even a rejected key never reaches a log.
  registerSecret(env[ENV_VARIABLES.authenKey]);
  return readEnvGroup(env, ENV_VARIABLES, SettingsSchema);
}
