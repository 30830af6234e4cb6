import fs from 'node:fs';
import path from 'node:path';

// Finds the built mini program and refuses to run against a missing or stale one:
// a weapp test must test what `npm run build:weapp` produced from the current sources.

export const REPO_ROOT = path.resolve(__dirname, '../../..');
export const DEFAULT_DIST = path.join(REPO_ROOT, 'dist');
const BUILD_HINT = 'run `npm run build:weapp` (or `npm run build:test`) first';
const SOURCE_DIRS = ['api', 'client', 'config'];

export interface AppJson {
  pages: string[];
}

export function checkDist(distDir: string, sourcesRoot: string = REPO_ROOT): AppJson {
  for (const file of ['app.js', 'app.json', 'base.wxml']) {
    if (!fs.existsSync(path.join(distDir, file))) {
      throw new Error(`The weapp build is missing (${path.join(distDir, file)} not found): ${BUILD_HINT}.`);
    }
  }
  const builtAt = fs.statSync(path.join(distDir, 'app.js')).mtimeMs;
  const newer = SOURCE_DIRS.flatMap((dir) => filesUnder(path.join(sourcesRoot, dir))).find(
    (file) => fs.statSync(file).mtimeMs > builtAt,
  );
  if (newer !== undefined) {
    throw new Error(`The weapp build in ${distDir} is older than ${path.relative(sourcesRoot, newer)}: ${BUILD_HINT}.`);
  }
  return JSON.parse(fs.readFileSync(path.join(distDir, 'app.json'), 'utf8')) as AppJson;
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}
