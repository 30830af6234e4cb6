/** The part of cloudbaserc.json (CloudBase CLI, version 2.0) the deploy reads, and its `{{env.X}}` templates. */
import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { z } from 'zod';

const triggerSchema = z.object({ name: z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,59}$/), type: z.literal('timer'), config: z.string().min(1) });

const functionSchema = z.object({
  name: z.string().min(1),
  runtime: z.string().regex(/^Nodejs\d+\.\d+$/),
  handler: z.string().default('index.main'),
  timeout: z.number().int().min(1).max(900),
  memorySize: z.number().int().min(64).max(3072),
  installDependency: z.boolean().optional(),
  envVariables: z.record(z.string()).optional(),
  triggers: z.array(triggerSchema).max(1, 'CloudBase allows one trigger per function').optional(),
});

export const cloudbasercSchema = z.object({
  version: z.literal('2.0'),
  envId: z.string(),
  functionRoot: z.string(),
  functions: z.array(functionSchema),
  /** Not a CLI key: the HTTP access service routes `npm run deploy` creates (`tcb service create`). */
  httpAccess: z.array(z.object({ path: z.string().regex(/^\/[A-Za-z0-9/_-]*$/), function: z.string() })),
});

export type Cloudbaserc = z.infer<typeof cloudbasercSchema>;
export type RcFunction = Cloudbaserc['functions'][number];

export function readCloudbaserc(path: string): Cloudbaserc {
  return cloudbasercSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
}

/** A merchant's env file (dotenv syntax), never committed. */
export function readEnvFile(path: string): Record<string, string> {
  return parseEnv(readFileSync(path, 'utf8')) as Record<string, string>;
}

/** `{{env.X}}` → the env file's X ('' when unset), as the CLI's dynamic variables do. */
export function resolveTemplate(template: string, env: Readonly<Record<string, string | undefined>>): string {
  return template.replace(/\{\{\s*env\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g, (_, name: string) => env[name] ?? '');
}
