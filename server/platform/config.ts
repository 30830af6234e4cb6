import type { ZodType, ZodTypeDef } from 'zod';
import { AppError } from './errors';

export type Env = Readonly<Record<string, string | undefined>>;

/**
 * Read a group of settings from environment variables: `fields` maps each setting to its variable
 * name, the schema validates the whole group. A missing or malformed setting fails with
 * CONFIG_INVALID naming the variable, never its value (values may be secrets).
 */
export function readEnvGroup<T>(
  env: Env,
  fields: Readonly<Record<string, string>>,
  schema: ZodType<T, ZodTypeDef, unknown>,
): T {
  const raw: Record<string, string | undefined> = {};
  for (const [key, variable] of Object.entries(fields)) {
    const value = env[variable];
    raw[key] = value === undefined || value === '' ? undefined : value;
  }
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const key = String(issue.path[0] ?? '');
    const variable = fields[key] ?? key;
    return raw[key] === undefined ? `${variable} is not set` : `${variable} is invalid (${issue.message})`;
  });
  throw new AppError('CONFIG_INVALID', `configuration: ${[...new Set(problems)].join('; ')}`);
}
