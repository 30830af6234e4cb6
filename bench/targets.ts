/**
 * Figures beside their baseline (measured before issue 10) and target; a miss is printed as a
 * miss. Every bench that reports against targets writes its figures as JSON to test-results/bench/.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';

export interface Measured {
  name: string;
  value: number | string;
  unit: string;
  baseline: string;
  /** `max`: value must be ≤; `min`: ≥; none: a figure only. */
  target?: { max: number } | { min: number };
}

export function verdict(m: Measured): string {
  if (!m.target || typeof m.value !== 'number') return '';
  const ok = 'max' in m.target ? m.value <= m.target.max : m.value >= m.target.min;
  return ok ? 'ok' : 'MISS';
}

const targetText = (m: Measured) => (!m.target ? '' : 'max' in m.target ? `≤ ${m.target.max}` : `≥ ${m.target.min}`);

export function machine(): string {
  return `node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`;
}

export function printTargets(title: string, rows: readonly Measured[]): void {
  const table = rows.map((m) => [m.name, `${m.value} ${m.unit}`.trim(), m.baseline, targetText(m), verdict(m)]);
  const header = ['figure', 'now', 'baseline', 'target', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i]?.length ?? 0)));
  const fmt = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  process.stdout.write(`\n${title} (${machine()})\n${fmt(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n`);
  for (const r of table) process.stdout.write(`${fmt(r)}\n`);
}

export function writeJson(name: string, rows: readonly Measured[]): void {
  const dir = join(__dirname, '..', 'test-results', 'bench');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.json`), JSON.stringify({ at: new Date().toISOString(), machine: machine(), rows: rows.map((r) => ({ ...r, verdict: verdict(r) })) }, null, 1));
}
