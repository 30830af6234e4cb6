/** Settings only `npm run deploy` and `npm run upload` read (never a cloud function). */
import { z } from 'zod';

export const DEPLOY_ENV = {
  envId: 'ENV_ID',
  privateKeyPath: 'MINIPROGRAM_PRIVATE_KEY_PATH',
  robot: 'MINIPROGRAM_ROBOT',
} as const;

export const deploySettingsSchema = z.object({
  envId: z.string().regex(/^[a-z0-9-]{4,64}$/, 'must be a CloudBase environment id'),
  privateKeyPath: z.string().min(1).optional(),
  robot: z.coerce.number().int().min(1).max(30).default(1),
});
