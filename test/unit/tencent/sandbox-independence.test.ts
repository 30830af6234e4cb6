/**
 * The Tencent sandbox is an independent witness: nothing under sandbox/tencent/ imports the
 * adapter (server/gateways/), except the provider's one assumptions file, shared on purpose.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '../../../sandbox/tencent');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

it('imports nothing from server/gateways/ but server/gateways/tencent/assumptions', () => {
  const files = sources(ROOT);
  expect(files.length).toBeGreaterThan(5);
  const offending = files.flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1] ?? '');
    return specifiers
      .map((specifier) => path.resolve(path.dirname(file), specifier))
      .filter((target) => target.includes(`${path.sep}server${path.sep}gateways${path.sep}`) && !target.endsWith(path.join('gateways', 'tencent', 'assumptions')))
      .map((target) => `${path.relative(ROOT, file)} → ${target}`);
  });
  expect(offending).toEqual([]);
});
