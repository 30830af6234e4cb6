import * as v from 'valibot';
import { AppError } from './errors';
import { check, issuePath, type Schema } from './validation';

export type Env = Readonly<Record<string, string | undefined>>;

/**
 * Read a group of settings from environment variables: `fields` maps each setting to its variable
 * name, the schema validates the whole group. A missing or malformed setting fails with
 * CONFIG_INVALID naming the variable, never its value (values may be secrets).
 */
export function readEnvGroup<T>(
  env: Env,
  fields: Readonly<Record<string, string>>,
  schema: Schema<T>,
): T {
  const raw: Record<string, string | undefined> = {};
  for (const [key, variable] of Object.entries(fields)) {
    const value = env[variable];
    raw[key] = value === undefined || value === '' ? undefined : value;
  }
  const result = check(schema, raw);
  if (result.success) return result.output;
  const problems = result.issues.map((issue) => {
    const key = issuePath(issue).split('.')[0] ?? '';
    const variable = fields[key] ?? key;
    return raw[key] === undefined ? `${variable} is not set` : `${variable} is invalid (${issue.message})`;
  });
  throw new AppError('CONFIG_INVALID', `configuration: ${[...new Set(problems)].join('; ')}`);
}

/** An http(s) URL setting. */
export const httpUrl = v.pipe(v.string(), v.url(), v.check((u) => /^https?:\/\//i.test(u), 'must be an http(s) URL'));

/** A whole number read from a variable's text, `fallback` when the variable is not set. */
export function envInteger(min: number, max: number, fallback: number) {
  return v.optional(v.pipe(v.unknown(), v.transform(Number), v.number(), v.integer(), v.minValue(min), v.maxValue(max)), fallback);
}
