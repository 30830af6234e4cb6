/**
 * Deploys the shop's backend to a CloudBase environment: builds the functions, then creates or
 * updates every function (runtime, timeout, memory, variables from the env file), the reconcile
 * timer, the payNotify HTTP route, the collections with their security rules and indexes, and
 * the function invoke rules.
 *
 *   npm run deploy -- --dry-run [--env-file .env]   print every step; no credentials, no network
 *   npm run deploy [--env-file .env]                run them (needs `tcb login` and TENCENTCLOUD_SECRETID/SECRETKEY)
 */
import { resolve, join } from 'node:path';
import { loadDatabaseSpec } from '../database/schema';
import { AppError } from '../server/platform/errors';
import { readCloudbaserc, readEnvFile } from './deploy/cloudbaserc';
import { buildPlan, type DeployPlan } from './deploy/plan';
import { actionOf, describeStep, renderAction } from './deploy/steps';

const ROOT = join(__dirname, '..');
/** Where the real run writes the resolved configuration (0600, removed afterwards); shown as-is in the dry run. */
export const RESOLVED_CONFIG = '<resolved cloudbaserc.json>';

export function renderPlan(plan: DeployPlan): string {
  const lines = [`Deploy plan for CloudBase environment ${plan.envId}: ${plan.steps.length} steps, each created or updated in place`, ''];
  lines.push('  build: esbuild bundles cloudfunctions/<name>/index.ts → index.js + provider-<name>.js files (npm run build:functions)', '');
  plan.steps.forEach((step, i) => {
    const [head, ...rest] = describeStep(step);
    lines.push(`${String(i + 1).padStart(3)}. ${head}`, ...rest.map((line) => `     ${line}`), `       ${renderAction(actionOf(step, plan.envId, RESOLVED_CONFIG))}`);
  });
  for (const warning of plan.warnings) lines.push('', `warning: ${warning}`);
  return `${lines.join('\n')}\n`;
}

function argValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const envFile = resolve(argValue(args, '--env-file') ?? join(ROOT, '.env'));
  const plan = buildPlan(readCloudbaserc(join(ROOT, 'cloudbaserc.json')), readEnvFile(envFile), loadDatabaseSpec());
  process.stdout.write(renderPlan(plan));
  if (args.includes('--dry-run')) {
    process.stdout.write('\ndry run: nothing was sent.\n');
    return;
  }
  const { executePlan } = await import('./deploy/execute');
  await executePlan(plan, ROOT);
}

if (process.argv[1] && resolve(process.argv[1]) === __filename) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof AppError ? `${err.code}: ${err.message}` : err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
