/**
 * What `npm run deploy` does, as data: one step per thing created or updated in the CloudBase
 * environment. The dry run prints these steps; the real run executes the very same ones.
 * Building the plan validates the merchant's env file with the functions' own loaders, so a
 * setting a function would refuse at cold start stops the deploy instead (CONFIG_INVALID names it).
 */
import type { DatabaseSpec, FunctionRules, IndexSpec } from '../../database/schema';
import { loadAdminToken, loadPaymentConfig } from '../../server/functions/config';
import { loadMerchantSettings } from '../../server/merchant/settings';
import { readEnvGroup } from '../../server/platform/config';
import { AppError } from '../../server/platform/errors';
import { DEPLOY_ENV, deploySettingsSchema } from './settings';
import { resolveTemplate, type Cloudbaserc } from './cloudbaserc';

export type Step =
  | { kind: 'function'; name: string; runtime: string; handler: string; timeout: number; memorySize: number; env: Record<string, string> }
  | { kind: 'trigger'; functionName: string; name: string; cron: string }
  | { kind: 'route'; path: string; functionName: string }
  | { kind: 'collection'; name: string }
  | { kind: 'collection-rules'; collection: string; rules: { read: boolean | string; write: boolean | string } }
  | { kind: 'index'; collection: string; index: IndexSpec }
  | { kind: 'function-rules'; rules: FunctionRules };

export interface DeployPlan {
  envId: string;
  steps: Step[];
  warnings: string[];
}

/** The loaders a function runs at cold start, by what it reads. */
const VALIDATORS: Record<string, Array<(env: Record<string, string>) => unknown>> = {
  pay: [loadPaymentConfig],
  payNotify: [loadPaymentConfig],
  orders: [loadPaymentConfig],
  reconcile: [loadPaymentConfig],
  refund: [loadPaymentConfig, loadAdminToken],
  merchant: [loadPaymentConfig, loadMerchantSettings],
};

function problem(err: unknown): string {
  return err instanceof AppError ? err.message.replace(/^configuration: /, '') : String(err);
}

export function buildPlan(rc: Cloudbaserc, envFile: Readonly<Record<string, string>>, database: DatabaseSpec): DeployPlan {
  const problems: string[] = [];
  /** One line per distinct problem, naming every function that would refuse it. */
  const refusals = new Map<string, string[]>();
  const warnings: string[] = [];
  let envId = '';
  try {
    envId = readEnvGroup(envFile, DEPLOY_ENV, deploySettingsSchema).envId;
  } catch (err) {
    problems.push(`deploy: ${problem(err)}`);
  }

  const steps: Step[] = [];
  for (const fn of rc.functions) {
    const env: Record<string, string> = {};
    for (const [name, template] of Object.entries(fn.envVariables ?? {})) {
      const value = resolveTemplate(template, envFile);
      // An unset optional setting is left out, so the function applies its default.
      if (value !== '') env[name] = value;
    }
    for (const validate of VALIDATORS[fn.name] ?? []) {
      try {
        validate(env);
      } catch (err) {
        const message = problem(err);
        refusals.set(message, [...(refusals.get(message) ?? []), fn.name]);
      }
    }
    steps.push({ kind: 'function', name: fn.name, runtime: fn.runtime, handler: fn.handler, timeout: fn.timeout, memorySize: fn.memorySize, env });
    for (const trigger of fn.triggers ?? []) steps.push({ kind: 'trigger', functionName: fn.name, name: trigger.name, cron: trigger.config });
  }
  const names = new Set(rc.functions.map((fn) => fn.name));
  for (const route of rc.httpAccess) {
    if (!names.has(route.function)) problems.push(`httpAccess ${route.path}: no function ${route.function}`);
    steps.push({ kind: 'route', path: route.path, functionName: route.function });
  }
  for (const [name, value] of Object.entries(envFile)) {
    const route = rc.httpAccess.find((r) => r.function === 'payNotify');
    if (route && name.endsWith('_NOTIFY_URL') && value && !new URL(value, 'http://x').pathname.startsWith(route.path)) {
      warnings.push(`${name} does not point at the ${route.path} route of payNotify: the provider's notifications would not arrive`);
    }
  }

  for (const collection of database.collections) {
    steps.push({ kind: 'collection', name: collection.name });
    steps.push({ kind: 'collection-rules', collection: collection.name, rules: collection.rules });
    for (const index of collection.indexes) steps.push({ kind: 'index', collection: collection.name, index });
  }
  for (const name of Object.keys(database.functionRules)) {
    if (name !== '*' && !names.has(name)) problems.push(`database/function-rules.json names ${name}, which cloudbaserc.json does not deploy`);
  }
  steps.push({ kind: 'function-rules', rules: database.functionRules });

  for (const [message, functions] of refusals) problems.push(`${functions.join(', ')}: ${message}`);
  if (problems.length > 0) throw new AppError('CONFIG_INVALID', `the env file cannot be deployed:\n  ${problems.join('\n  ')}`);
  return { envId, steps, warnings };
}
