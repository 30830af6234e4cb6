/**
 * Writes the configuration reference from the code's settings schemas: the README's tables,
 * `.env.example`, and the envVariables of cloudbaserc.json.
 *
 *   npm run config:doc             write them
 *   npm run config:doc -- --check  exit 1 when a committed file differs (what the test runs)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { renderCloudbaserc, renderEnvExample, renderReadmeTables, spliceReadme } from './config/render';
import { settingsGroups } from './config/settings';

const ROOT = join(__dirname, '..');

/** Each generated file with its expected content. */
export function generatedFiles(root = ROOT): Array<{ path: string; expected: string }> {
  const groups = settingsGroups();
  const read = (path: string) => readFileSync(join(root, path), 'utf8');
  return [
    { path: 'README.md', expected: spliceReadme(read('README.md'), renderReadmeTables(groups)) },
    { path: '.env.example', expected: renderEnvExample(groups) },
    { path: 'cloudbaserc.json', expected: renderCloudbaserc(read('cloudbaserc.json'), groups) },
  ];
}

function currentText(path: string): string | undefined {
  try {
    return readFileSync(join(ROOT, path), 'utf8');
  } catch {
    return undefined;
  }
}

function main(): void {
  const check = process.argv.includes('--check');
  const stale = generatedFiles().filter((file) => currentText(file.path) !== file.expected);
  if (check) {
    for (const file of stale) process.stderr.write(`${file.path} is out of date: run npm run config:doc\n`);
    process.exit(stale.length > 0 ? 1 : 0);
  }
  for (const file of stale) {
    writeFileSync(join(ROOT, file.path), file.expected);
    process.stdout.write(`wrote ${file.path}\n`);
  }
  if (stale.length === 0) process.stdout.write('configuration reference is up to date\n');
}

if (process.argv[1] && resolve(process.argv[1]) === __filename) main();
