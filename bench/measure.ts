/**
 * A tiny benchmark harness: runs a function for a warm-up and then for a fixed number of
 * iterations, and reports operations per second and per-call percentiles. Figures only; nothing
 * here passes or fails.
 */
export interface Figure {
  name: string;
  iterations: number;
  opsPerSecond: number;
  p50Micros: number;
  p95Micros: number;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length));
  return sorted[index] ?? 0;
}

export async function measure(name: string, iterations: number, fn: () => unknown): Promise<Figure> {
  for (let i = 0; i < Math.min(50, iterations); i++) await fn();
  const samples: number[] = [];
  const started = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - t0) / 1000);
  }
  const totalSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  samples.sort((a, b) => a - b);
  return {
    name,
    iterations,
    opsPerSecond: Math.round(iterations / totalSeconds),
    p50Micros: Math.round(percentile(samples, 50)),
    p95Micros: Math.round(percentile(samples, 95)),
  };
}

export function printFigures(title: string, figures: readonly Figure[]): void {
  process.stdout.write(`\n${title}\n`);
  const width = Math.max(...figures.map((f) => f.name.length), 10);
  process.stdout.write(`${'case'.padEnd(width)}  ${'ops/s'.padStart(10)}  ${'p50 µs'.padStart(9)}  ${'p95 µs'.padStart(9)}  ${'n'.padStart(6)}\n`);
  for (const f of figures) {
    process.stdout.write(
      `${f.name.padEnd(width)}  ${String(f.opsPerSecond).padStart(10)}  ${String(f.p50Micros).padStart(9)}  ${String(f.p95Micros).padStart(9)}  ${String(f.iterations).padStart(6)}\n`,
    );
  }
}
