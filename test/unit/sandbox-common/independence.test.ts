/**
 * Each provider sandbox is an independent witness: nothing under sandbox/<provider>/ (nor the
 * shared sandbox/common/) imports the adapters' code, tables, schemas or signing
 * (server/gateways/). Two exceptions, both on purpose: a provider's own assumptions file (one edit
 * moves adapter and witness together) and, type-only, the product's contract types.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const SANDBOX = path.join(__dirname, '../../../sandbox');
const GATEWAYS = path.join(__dirname, '../../../server/gateways');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** Every import or require of a file under server/gateways/, as `file → target` (type-only imports marked). */
function gatewayImports(dir: string): Array<{ file: string; target: string; typeOnly: boolean }> {
  return sources(dir).flatMap((file) => {
    const text = readFileSync(file, 'utf8');
    const found = [...text.matchAll(/(?:(import\s+type\b)[^'"]*?from|from|import|require)\s*\(?\s*['"]([^'"]+)['"]/g)];
    return found
      .map((m) => ({ file: path.relative(SANDBOX, file), target: path.relative(GATEWAYS, path.resolve(path.dirname(file), m[2] ?? '')), typeOnly: Boolean(m[1]) }))
      .filter((i) => !i.target.startsWith('..'));
  });
}

it.each(['quickpay', 'caibao', 'tencent', 'common'])('sandbox/%s imports nothing of the adapters but an assumptions file or contract types', (name) => {
  const dir = path.join(SANDBOX, name);
  expect(sources(dir).length).toBeGreaterThan(2);
  const allowed = (i: { file: string; target: string; typeOnly: boolean }) =>
    i.target === path.join(name, 'assumptions') || (i.target === 'contract' && i.typeOnly);
  expect(gatewayImports(dir).filter((i) => !allowed(i))).toEqual([]);
});

it('finds the imports it allows (so a changed import syntax cannot make the check pass vacuously)', () => {
  expect(gatewayImports(path.join(SANDBOX, 'quickpay'))).toContainEqual({ file: path.join('quickpay', 'index.ts'), target: path.join('quickpay', 'assumptions'), typeOnly: false });
  expect(gatewayImports(path.join(SANDBOX, 'common'))).toContainEqual({ file: path.join('common', 'cashier.ts'), target: 'contract', typeOnly: true });
});
