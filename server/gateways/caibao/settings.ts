/** Caibao settings from the environment (table in README.md); the MD5 key is registered as a secret. */
import { z } from 'zod';
import { readEnvGroup, type Env } from '../../platform/config';
import { registerSecret } from '../../platform/log';
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

const httpUrl = z.string().url().refine((v) => /^https?:\/\//.test(v), 'must be an http(s) URL');

export const settingsSchema = z.object({
  baseUrl: httpUrl,
  app: z.string().min(1),
  operatorId: z.string().min(1),
  key: z.string().min(1),
  publicKey: z.string().refine((text) => {
    try {
      return loadPublicKey(text).asymmetricKeyType === 'rsa';
    } catch {
      return false;
    }
  }, 'must be an RSA public key: bare base64 as Caibao publishes it, or PEM'),
  notifyUrl: httpUrl,
  timeoutMs: z.coerce.number().int().min(100).max(60_000).default(10_000),
});

export function settingsFromEnv(env: Env): CaibaoSettings {
  // Registered before validation so that not even a failed parse can echo it.
  registerSecret(env[SETTINGS_ENV.key]);
  return readEnvGroup(env, SETTINGS_ENV, settingsSchema);
}
