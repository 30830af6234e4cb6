/** Caibao settings from the environment (table in README.md); the MD5 key is registered as a secret. */
import * as v from 'valibot';
import { envInteger, httpUrl, readEnvGroup, type Env } from '../../platform/config';
import { registerSecret } from '../../platform/log';
import { describeSettings, type SettingText } from '../module';
import type { CaibaoSettings } from './types';
import { loadPublicKey } from './verify';

export const SETTINGS_ENV = {
  baseUrl: 'CAIBAO_BASE_URL',
  app: 'CAIBAO_APP',
  operatorId: 'CAIBAO_OPERATOR_ID',
  key: 'CAIBAO_KEY',
  publicKey: 'CAIBAO_PUBLIC_KEY',
  notifyUrl: 'CAIBAO_NOTIFY_URL',
  timeoutMs: 'CAIBAO_TIMEOUT_MS',
} as const;

export const settingsSchema = v.object({
  baseUrl: httpUrl,
  app: v.pipe(v.string(), v.minLength(1)),
  operatorId: v.pipe(v.string(), v.minLength(1)),
  key: v.pipe(v.string(), v.minLength(1)),
  publicKey: v.pipe(v.string(), v.check((text) => {
    try {
      return loadPublicKey(text).asymmetricKeyType === 'rsa';
    } catch {
      return false;
    }
  }, 'must be an RSA public key: bare base64 as Caibao publishes it, or PEM')),
  notifyUrl: httpUrl,
  timeoutMs: envInteger(100, 60_000, 10_000),
});

const TEXTS: { [K in keyof typeof SETTINGS_ENV]: SettingText } = {
  baseUrl: { variable: SETTINGS_ENV.baseUrl, meaning: 'API base; requests go to `<base>/gatewayOpen.htm`', role: 'baseUrl' },
  app: { variable: SETTINGS_ENV.app, meaning: '`app`: the integrator id (接入商标识)' },
  operatorId: { variable: SETTINGS_ENV.operatorId, meaning: '`operator_id`: the collecting cashier account' },
  key: { variable: SETTINGS_ENV.key, meaning: 'The MD5 signing key', secret: true },
  publicKey: { variable: SETTINGS_ENV.publicKey, meaning: "Caibao's RSA public key that signs answers and notifications (bare base64 as Caibao publishes it, or PEM)" },
  notifyUrl: { variable: SETTINGS_ENV.notifyUrl, meaning: 'Public URL of `payNotify`, sent as `notify_url`', role: 'notifyUrl' },
  timeoutMs: { variable: SETTINGS_ENV.timeoutMs, meaning: 'Deadline of one call, 100–60000 ms', role: 'timeoutMs' },
};

/** The settings as the configuration docs show them (required and default read from the schema). */
export const CAIBAO_SETTINGS = describeSettings(settingsSchema, TEXTS);

export function settingsFromEnv(env: Env): CaibaoSettings {
  // Registered before validation so that not even a failed parse can echo it.
  registerSecret(env[SETTINGS_ENV.key]);
  return readEnvGroup(env, SETTINGS_ENV, settingsSchema);
}
