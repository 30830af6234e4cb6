import * as v from 'valibot';
import type { ZodType, ZodTypeDef } from 'zod';
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
  schema: Schema<T> | ZodType<T, ZodTypeDef, unknown>,
): T {
  const raw: Record<string, string | undefined> = {};
  for (const [key, variable] of Object.entries(fields)) {
    const value = env[variable];
    raw[key] = value === undefined || value === '' ? undefined : value;
  }
  const read = '~run' in schema ? readIssues(schema, raw) : zodIssues(schema, raw);
  if (read.ok) return read.value;
  const problems = read.issues.map((issue) => {
    const variable = fields[issue.key] ?? issue.key;
    return raw[issue.key] === undefined ? `${variable} is not set` : `${variable} is invalid (${issue.message})`;
  });
  throw new AppError('CONFIG_INVALID', `configuration: ${[...new Set(problems)].join('; ')}`);
}

type Read<T> = { ok: true; value: T } | { ok: false; issues: { key: string; message: string }[] };

/** The parsed settings, or each problem as (setting, message). */
function readIssues<T>(schema: Schema<T>, raw: unknown): Read<T> {
  const result = check(schema, raw);
  if (result.success) return { ok: true, value: result.output };
  return { ok: false, issues: result.issues.map((issue) => ({ key: issuePath(issue).split('.')[0] ?? '', message: issue.message })) };
}

function zodIssues<T>(schema: ZodType<T, ZodTypeDef, unknown>, raw: unknown): Read<T> {
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, issues: result.error.issues.map((issue) => ({ key: String(issue.path[0] ?? ''), message: issue.message })) };
}

/** An http(s) URL setting. */
export const httpUrl = v.pipe(v.string(), v.url(), v.check((u) => /^https?:\/\//i.test(u), 'must be an http(s) URL'));

/** A whole number read from a variable's text, `fallback` when the variable is not set. */
export function envInteger(min: number, max: number, fallback: number) {
  return v.optional(v.pipe(v.unknown(), v.transform(Number), v.number(), v.integer(), v.minValue(min), v.maxValue(max)), fallback);
}
