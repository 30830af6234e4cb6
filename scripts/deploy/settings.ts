/** Settings only `npm run deploy` and `npm run upload` read (never a cloud function). */
import * as v from 'valibot';
import { envInteger } from '../../server/platform/config';

export const DEPLOY_ENV = {
  envId: 'ENV_ID',
  privateKeyPath: 'MINIPROGRAM_PRIVATE_KEY_PATH',
  robot: 'MINIPROGRAM_ROBOT',
} as const;

export const deploySettingsSchema = v.object({
  envId: v.pipe(v.string(), v.regex(/^[a-z0-9-]{4,64}$/, 'must be a CloudBase environment id')),
  privateKeyPath: v.optional(v.pipe(v.string(), v.minLength(1))),
  robot: envInteger(1, 30, 1),
});
