/**
 * Uploads the built mini program (dist/, `npm run build:weapp`) as a new version with
 * `miniprogram-ci`, the tool WeChat publishes for CI uploads. DevTools' Upload button is the
 * manual way.
 *
 *   npm run upload -- --dry-run [--env-file .env] [--version 1.2.0] [--desc "…"]   print what would be uploaded
 *   npm run upload [--env-file .env] …                                            upload (npm i --no-save miniprogram-ci first)
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as v from 'valibot';
import { readEnvGroup } from '../server/platform/config';
import { AppError } from '../server/platform/errors';
import { readEnvFile } from './deploy/cloudbaserc';
import { DEPLOY_ENV, deploySettingsSchema } from './deploy/settings';

const ROOT = join(__dirname, '..');

export interface UploadPlan {
  appid: string;
  projectPath: string;
  privateKeyPath: string;
  version: string;
  desc: string;
  robot: number;
}

function argValue(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

export function buildUploadPlan(args: readonly string[], env: Readonly<Record<string, string>>, root = ROOT): UploadPlan {
  const settings = readEnvGroup(env, DEPLOY_ENV, v.object({ ...deploySettingsSchema.entries, privateKeyPath: v.pipe(v.string(), v.minLength(1)) }));
  const project = JSON.parse(readFileSync(join(root, 'project.config.json'), 'utf8')) as { appid: string; miniprogramRoot: string };
  const problems: string[] = [];
  if (!/^wx[0-9a-f]{16}$/.test(project.appid)) problems.push(`project.config.json: appid "${project.appid}" is not a mini program AppID (replace touristappid with yours)`);
  const projectPath = join(root, project.miniprogramRoot);
  if (!existsSync(join(projectPath, 'app.json'))) problems.push(`${project.miniprogramRoot} has no app.json: run npm run build:weapp first`);
  const version = argValue(args, '--version') ?? (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
  if (!/^\d+\.\d+\.\d+$/.test(version)) problems.push(`--version ${version} is not x.y.z`);
  if (problems.length > 0) throw new AppError('CONFIG_INVALID', `cannot upload:\n  ${problems.join('\n  ')}`);
  return { appid: project.appid, projectPath, privateKeyPath: resolve(root, settings.privateKeyPath), version, desc: argValue(args, '--desc') ?? `version ${version}`, robot: settings.robot };
}

export function renderUploadPlan(plan: UploadPlan): string {
  return [
    `Upload plan: mini program ${plan.appid}, version ${plan.version} ("${plan.desc}"), as CI robot ${plan.robot}`,
    `  project: ${plan.projectPath}`,
    `  key: ${plan.privateKeyPath}`,
    `  $ miniprogram-ci upload({project: new Project({appid: "${plan.appid}", type: "miniProgram", projectPath, privateKeyPath}), version: "${plan.version}", desc, robot: ${plan.robot}})`,
    '',
  ].join('\n');
}

interface MiniprogramCi {
  Project: new (options: object) => unknown;
  upload(options: object): Promise<unknown>;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const env = readEnvFile(resolve(argValue(args, '--env-file') ?? join(ROOT, '.env')));
  const plan = buildUploadPlan(args, env);
  process.stdout.write(renderUploadPlan(plan));
  if (args.includes('--dry-run')) {
    process.stdout.write('dry run: nothing was uploaded.\n');
    return;
  }
  let ci: MiniprogramCi;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- optional: only merchants who upload from the command line install it
    ci = require('miniprogram-ci') as MiniprogramCi;
  } catch {
    throw new Error('npm run upload needs miniprogram-ci: npm i --no-save miniprogram-ci');
  }
  const project = new ci.Project({ appid: plan.appid, type: 'miniProgram', projectPath: plan.projectPath, privateKeyPath: plan.privateKeyPath, ignores: ['node_modules/**/*'] });
  await ci.upload({ project, version: plan.version, desc: plan.desc, robot: plan.robot, setting: { es6: false, minify: false } });
  process.stdout.write('uploaded: choose it as the trial version, then submit for review at mp.weixin.qq.com.\n');
}

if (process.argv[1] && resolve(process.argv[1]) === __filename) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof AppError ? `${err.code}: ${err.message}` : err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
