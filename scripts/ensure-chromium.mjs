// Makes sure the browser tests have their browser: Debian's chromium (TOOLCHAIN.md), driven by
// playwright-core. Run by `npm test` before jest. Installs it with apt when missing and we are root;
// otherwise stops with what to do. The browser tests fail (never skip) without it.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

function run(command, args) {
  process.stdout.write(`ensure-chromium: ${command} ${args.join(' ')}\n`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (result.status !== 0) {
    process.stderr.write(`ensure-chromium: \`${command} ${args.join(' ')}\` failed (exit ${result.status ?? result.signal}).\n`);
    process.exit(1);
  }
}

if (existsSync(chromium)) process.exit(0);

if (process.env.CHROMIUM_PATH) {
  process.stderr.write(`ensure-chromium: CHROMIUM_PATH=${chromium} does not exist.\n`);
  process.exit(1);
}
if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
  process.stderr.write(
    'ensure-chromium: Chromium is missing (/usr/bin/chromium) and the browser tests need it.\n' +
      'Install it: `sudo apt-get install -y chromium` (Debian/Ubuntu), or point CHROMIUM_PATH at a Chromium binary.\n',
  );
  process.exit(1);
}
run('apt-get', ['update']);
run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium']);
if (!existsSync(chromium)) {
  process.stderr.write(`ensure-chromium: apt installed chromium but ${chromium} is still missing.\n`);
  process.exit(1);
}
