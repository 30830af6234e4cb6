/**
 * `npm run soak`: the soak of issue 10, bounded in count and time, loopback only. Each provider
 * runs in its own process (one at a time: the machine is small); the rows are printed as one
 * table, written to test-results/soak/ as JSON, and the exit code is non-zero on any loss.
 *   SOAK_SCALE=0.1 npm run soak     a tenth of the storm and of the fuzzing (the matrix is always whole)
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import type { ProviderName } from '../server/gateways/contract';
import { formatTable, passes, type Row } from './report';

const PROVIDERS: ProviderName[] = ['quickpay', 'caibao', 'tencent'];
/** Bounded in time: a provider's soak that runs longer than this is killed and counts as a loss. */
const PER_PROVIDER_LIMIT_MS = 20 * 60_000;
const OUT_DIR = join(__dirname, '..', 'test-results', 'soak');

function main(): void {
  mkdirSync(OUT_DIR, { recursive: true });
  const rows: Row[] = [];
  const started = Date.now();
  for (const provider of PROVIDERS) {
    const out = join(OUT_DIR, `${provider}.json`);
    writeFileSync(out, '');
    const t0 = Date.now();
    const child = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, 'child.ts')], {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, SOAK_PROVIDER: provider, SOAK_OUT: out, LOG_LEVEL: 'debug' },
      timeout: PER_PROVIDER_LIMIT_MS,
    });
    const text = readFileSync(out, 'utf8');
    if (child.status !== 0 || text === '') {
      rows.push({ section: 'run', provider, check: `soak process failed (status ${child.status}, ${child.signal ?? 'no signal'})`, value: 1, bound: { max: 0 } });
    } else {
      rows.push(...(JSON.parse(text) as { rows: Row[] }).rows);
    }
    process.stderr.write(`${provider}: ${Math.round((Date.now() - t0) / 1000)} s\n`);
  }
  const losses = rows.filter((r) => !passes(r));
  process.stdout.write(`\nSoak (node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round((Date.now() - started) / 1000)} s)\n\n`);
  process.stdout.write(`${formatTable(rows)}\n\n`);
  process.stdout.write(`${losses.length === 0 ? 'no loss' : `${losses.length} row(s) with a loss`}; JSON in test-results/soak/\n`);
  writeFileSync(join(OUT_DIR, 'summary.json'), JSON.stringify({ at: new Date().toISOString(), rows }, null, 1));
  process.exitCode = losses.length === 0 ? 0 : 1;
}

main();
