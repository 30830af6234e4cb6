import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EVENT_TEXT } from '../../client/admin/services/format';

// What the READMEs tell a developer or a merchant to run or to look for exists as they say it.
const ROOT = join(__dirname, '../..');
const SKIP = new Set(['node_modules', '.git', '.local', 'dist', 'dist-h5', 'test-results', 'coverage']);

function markdownFiles(dir = ROOT): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (SKIP.has(entry.name)) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return markdownFiles(path);
    return entry.name.endsWith('.md') ? [path] : [];
  });
}

const read = (path: string) => readFileSync(path, 'utf8');
const readme = read(join(ROOT, 'README.md'));

describe('the READMEs', () => {
  const docs = markdownFiles();

  it('name only npm scripts that package.json has, and never tell anyone to run `npm ci` (README says why not)', () => {
    const scripts = Object.keys((JSON.parse(read(join(ROOT, 'package.json'))) as { scripts: Record<string, string> }).scripts);
    expect(docs.length).toBeGreaterThan(3);
    const named = docs.flatMap((path) => [...read(path).matchAll(/npm run ([a-z][a-z0-9:-]*)/g)].map((m) => m[1]));
    expect(named.length).toBeGreaterThan(10);
    expect([...new Set(named)].filter((name) => !scripts.includes(name!))).toEqual([]);
    const ci = docs.filter((path) => path !== join(ROOT, 'README.md') && /`[^`]*npm ci[^`]*`/.test(read(path)));
    expect(ci.map((path) => path.slice(ROOT.length + 1))).toEqual([]);
  });

  it('list every cloud function in the layout', () => {
    const functions = readdirSync(join(ROOT, 'cloudfunctions'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    const line = /^cloudfunctions\/ .*\(([^)]*)\)$/m.exec(readme)?.[1] ?? '';
    expect(line.split(', ').sort()).toEqual(functions.sort());
  });

  it('tell the merchant to build the mini program with the subscribe message template id (client/config.ts reads it at build time)', () => {
    expect(read(join(ROOT, 'client/config.ts'))).toContain('process.env.PAID_MESSAGE_TEMPLATE_ID');
    const step = /^7\. \*\*Mini program\.\*\*[\s\S]*?^8\. /m.exec(readme)?.[0] ?? '';
    expect(step).toMatch(/`PAID_MESSAGE_TEMPLATE_ID=[^`]*npm run build:weapp`/);
  });

  it('describe the merchant console’s 支付记录 in the words it shows', () => {
    const step = /^8\. \*\*First real payment\.\*\*[\s\S]*?^\S/m.exec(readme)?.[0] ?? '';
    expect(step).toContain(`\`${EVENT_TEXT.create} · ok\``);
    expect(step).toContain(`\`${EVENT_TEXT.notification} · applied · PAID\``);
  });

  it('name every environment variable the functions’ code reads by name (the tables name the settings schemas’ own)', () => {
    const sources = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) return sources(path);
        return entry.name.endsWith('.ts') ? [path] : [];
      });
    const read = sources(join(ROOT, 'server')).flatMap((path) => [...readFileSync(path, 'utf8').matchAll(/process\.env\.([A-Z][A-Z0-9_]*)/g)].map((m) => m[1]!));
    expect(read.length).toBeGreaterThan(0);
    expect([...new Set(read)].filter((variable) => !readme.includes(`\`${variable}`))).toEqual([]);
  });
});
