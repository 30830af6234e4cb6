import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { staleReason } from '../../../sandbox/shop/h5-build';

// When the local shop builds dist-h5/ again: besides sources newer than the build, a build it did
// not make itself (`npm run build:h5`) or made with another paid-message template id.
describe('the local shop decides whether dist-h5/ is stale', () => {
  let root: string;
  let dist: string;
  const env = { PAID_MESSAGE_TEMPLATE_ID: 'local_paid_message_tmpl' };
  const inputs = (templateId: string) => JSON.stringify({ flavour: 'local-shop', PAID_MESSAGE_TEMPLATE_ID: templateId });

  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'h5-build-'));
    dist = path.join(root, 'dist-h5');
    mkdirSync(path.join(root, 'client'), { recursive: true });
    writeFileSync(path.join(root, 'client', 'app.tsx'), '');
    const old = new Date(Date.now() - 60_000);
    utimesSync(path.join(root, 'client', 'app.tsx'), old, old);
    utimesSync(path.join(root, 'client'), old, old);
    mkdirSync(dist);
    writeFileSync(path.join(dist, 'index.html'), '<html></html>');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('is current when the local shop built it from these sources with this template id', () => {
    writeFileSync(path.join(dist, '.local-shop-inputs.json'), inputs('local_paid_message_tmpl'));
    expect(staleReason(root, dist, env)).toBeUndefined();
  });

  it('is stale when something else built it (no record of the local shop’s inputs)', () => {
    expect(staleReason(root, dist, env)).toBe('dist-h5 was not built by the local shop');
  });

  it('is stale when it was built with another template id', () => {
    writeFileSync(path.join(dist, '.local-shop-inputs.json'), inputs(''));
    expect(staleReason(root, dist, env)).toBe('PAID_MESSAGE_TEMPLATE_ID changed since the last build');
  });

  it('is stale when a source is newer than the build, and when index.html is missing', () => {
    writeFileSync(path.join(dist, '.local-shop-inputs.json'), inputs('local_paid_message_tmpl'));
    const later = new Date(Date.now() + 60_000);
    utimesSync(path.join(root, 'client', 'app.tsx'), later, later);
    expect(staleReason(root, dist, env)).toBe('client changed since the last build');
    rmSync(path.join(dist, 'index.html'));
    expect(staleReason(root, dist, env)).toBe(path.join('dist-h5', 'index.html') + ' is missing');
  });
});
