/** The part of cloudbaserc.json (CloudBase CLI, version 2.0) the deploy reads, and its `{{env.X}}` templates. */
import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import * as v from 'valibot';

const triggerSchema = v.object({ name: v.pipe(v.string(), v.regex(/^[A-Za-z][A-Za-z0-9_-]{0,59}$/)), type: v.literal('timer'), config: v.pipe(v.string(), v.minLength(1)) });

const functionSchema = v.object({
  name: v.pipe(v.string(), v.minLength(1)),
  runtime: v.pipe(v.string(), v.regex(/^Nodejs\d+\.\d+$/)),
  handler: v.optional(v.string(), 'index.main'),
  timeout: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(900)),
  memorySize: v.pipe(v.number(), v.integer(), v.minValue(64), v.maxValue(3072)),
  installDependency: v.optional(v.boolean()),
  envVariables: v.optional(v.record(v.string(), v.string())),
  triggers: v.optional(v.pipe(v.array(triggerSchema), v.maxLength(1, 'CloudBase allows one trigger per function'))),
});

export const cloudbasercSchema = v.object({
  version: v.literal('2.0'),
  envId: v.string(),
  functionRoot: v.string(),
  functions: v.array(functionSchema),
  /** Not a CLI key: the HTTP access service routes `npm run deploy` creates (`tcb service create`). */
  httpAccess: v.array(v.object({ path: v.pipe(v.string(), v.regex(/^\/[A-Za-z0-9/_-]*$/)), function: v.string() })),
});

export type Cloudbaserc = v.InferOutput<typeof cloudbasercSchema>;
export type RcFunction = Cloudbaserc['functions'][number];

export function readCloudbaserc(path: string): Cloudbaserc {
  return v.parse(cloudbasercSchema, JSON.parse(readFileSync(path, 'utf8')));
}

/** A merchant's env file (dotenv syntax), never committed. */
export function readEnvFile(path: string): Record<string, string> {
  return parseEnv(readFileSync(path, 'utf8')) as Record<string, string>;
}

/** `{{env.X}}` → the env file's X ('' when unset), as the CLI's dynamic variables do. */
export function resolveTemplate(template: string, env: Readonly<Record<string, string | undefined>>): string {
  return template.replace(/\{\{\s*env\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g, (_, name: string) => env[name] ?? '');
}
