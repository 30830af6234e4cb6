import fs from 'node:fs';
import path from 'node:path';
import { checkDist, DEFAULT_DIST } from '../support/weapp/dist';

// The merchant console is a subpackage: WeChat downloads it only when someone opens one of its pages,
// so no shopper's phone ever receives it. Its code must therefore live under dist/admin only.
function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

it('declares the console as the admin subpackage, outside the main package', () => {
  const app = checkDist(DEFAULT_DIST) as { pages: string[]; subPackages?: Array<{ root: string; pages: string[] }> };
  expect(app.subPackages).toEqual([{ root: 'admin', pages: ['pages/console/index', 'pages/order/index'] }]);
  expect(app.pages.filter((page) => page.startsWith('admin'))).toEqual([]);
});

it('keeps the console’s code out of every file of the main package', () => {
  checkDist(DEFAULT_DIST);
  const adminDir = path.join(DEFAULT_DIST, 'admin');
  const consoleOnly = ['admin-confirm', 'merchant-api', "action: 'reconcile'", '/identity/admin'];
  expect(filesUnder(adminDir).some((file) => consoleOnly.some((marker) => fs.readFileSync(file, 'utf8').includes(marker)))).toBe(true);
  for (const file of filesUnder(DEFAULT_DIST).filter((f) => !f.startsWith(adminDir + path.sep) && /\.(js|wxml|wxss|json)$/.test(f))) {
    const text = fs.readFileSync(file, 'utf8');
    for (const marker of consoleOnly) expect({ file: path.relative(DEFAULT_DIST, file), found: text.includes(marker) }).toEqual({ file: path.relative(DEFAULT_DIST, file), found: false });
  }
});
