/**
 * The real run of a deploy plan. Not exercised by the tests (they have no CloudBase account);
 * the dry run prints the same actions this runs, from the same plan.
 * Needs: the CloudBase CLI (`npm i -g @cloudbase/cli`, v3 for `tcb permission`, then `tcb login`)
 * and, for collections and indexes, `@cloudbase/manager-node` with TENCENTCLOUD_SECRETID/SECRETKEY.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildFunction, providerFiles } from '../build-functions';
import type { DeployPlan } from './plan';
import { actionOf, renderAction, type Action } from './steps';

interface Manager {
  database: Record<string, (...args: unknown[]) => Promise<unknown>>;
}

function managerClient(envId: string): Manager {
  const secretId = process.env.TENCENTCLOUD_SECRETID;
  const secretKey = process.env.TENCENTCLOUD_SECRETKEY;
  if (!secretId || !secretKey) throw new Error('collections and indexes need TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY (a CAM key of the account)');
  let CloudBase: new (options: object) => Manager;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- optional, installed by merchants who deploy
    CloudBase = require('@cloudbase/manager-node') as typeof CloudBase;
  } catch {
    throw new Error('collections and indexes need @cloudbase/manager-node: npm i --no-save @cloudbase/manager-node');
  }
  return new CloudBase({ secretId, secretKey, envId });
}

function runTcb(args: string[]): void {
  const result = spawnSync('tcb', args, { stdio: 'inherit' });
  if (result.error) throw new Error(`cannot run tcb (npm i -g @cloudbase/cli, then tcb login): ${result.error.message}`);
  if (result.status !== 0) throw new Error(`tcb ${args.slice(0, 3).join(' ')} failed with status ${String(result.status)}`);
}

export async function executePlan(plan: DeployPlan, root: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'deploy-'));
  const configFile = join(dir, 'cloudbaserc.json');
  try {
    const functions = plan.steps.flatMap((step) => (step.kind === 'function' ? [step] : []));
    const triggers = plan.steps.flatMap((step) => (step.kind === 'trigger' ? [step] : []));
    const resolved = {
      envId: plan.envId,
      functionRoot: join(root, 'cloudfunctions'),
      functions: functions.map(({ name, runtime, handler, timeout, memorySize, env }) => ({
        name,
        runtime,
        handler,
        timeout,
        memorySize,
        installDependency: true,
        envVariables: env,
        triggers: triggers.filter((t) => t.functionName === name).map((t) => ({ name: t.name, type: 'timer', config: t.cron })),
      })),
    };
    // The resolved file holds secrets: readable by this user only, and removed below.
    writeFileSync(configFile, JSON.stringify(resolved, null, 2), { mode: 0o600 });
    const providers = await providerFiles();
    for (const step of functions) await buildFunction(step.name, undefined, providers);
    let manager: Manager | undefined;
    for (const step of plan.steps) {
      const action: Action = actionOf(step, plan.envId, configFile);
      process.stdout.write(`${renderAction(action)}\n`);
      if (action.tool === 'tcb') runTcb(action.args);
      else {
        manager ??= managerClient(plan.envId);
        const call = manager.database[action.call];
        if (!call) throw new Error(`@cloudbase/manager-node has no database.${action.call}`);
        await call.apply(manager.database, action.args);
      }
    }
    process.stdout.write('deployed.\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
