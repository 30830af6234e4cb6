/** Who may use the merchant console: the openids in ADMIN_OPENIDS, checked on every call. */
import * as v from 'valibot';
import { readEnvGroup, type Env } from '../platform/config';

export const MERCHANT_ENV = { adminOpenids: 'ADMIN_OPENIDS' } as const;

const OPENID = /^[A-Za-z0-9_-]{6,64}$/;

export const merchantSettingsSchema = v.object({
  adminOpenids: v.pipe(
    v.string(),
    v.transform((list) => list.split(',').map((openid) => openid.trim()).filter(Boolean)),
    v.array(v.pipe(v.string(), v.regex(OPENID, 'must be openids separated by commas'))),
    v.minLength(1, 'must name at least one openid'),
  ),
});

export interface MerchantSettings {
  adminOpenids: ReadonlySet<string>;
}

export function loadMerchantSettings(env: Env): MerchantSettings {
  return { adminOpenids: new Set(readEnvGroup(env, MERCHANT_ENV, merchantSettingsSchema).adminOpenids) };
}
