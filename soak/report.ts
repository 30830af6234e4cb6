/** The soak's result rows, and the table they print as. A row fails when its figure misses its bound. */
export interface Row {
  section: string;
  provider: string;
  check: string;
  value: number;
  /** `max`: the figure must be ≤ bound (losses: bound 0); `min`: ≥ bound (coverage). */
  bound: { max: number } | { min: number };
  /** A known defect being fixed on another branch that makes this row fail (see known-defects.ts). */
  knownDefect?: string;
  /** Examples of what went wrong, for the reader. */
  examples?: string[];
}

export const zero = (section: string, provider: string, check: string, value: number, examples?: string[]): Row => ({
  section,
  provider,
  check,
  value,
  bound: { max: 0 },
  ...(examples && examples.length > 0 ? { examples: examples.slice(0, 5) } : {}),
});

export const atLeast = (section: string, provider: string, check: string, value: number, min: number): Row => ({ section, provider, check, value, bound: { min } });

export function passes(row: Row): boolean {
  return 'max' in row.bound ? row.value <= row.bound.max : row.value >= row.bound.min;
}

export function formatTable(rows: readonly Row[]): string {
  const header = ['section', 'provider', 'check', 'value', 'bound', 'result'];
  const lines = rows.map((r) => [
    r.section,
    r.provider,
    r.check,
    String(r.value),
    'max' in r.bound ? `≤ ${r.bound.max}` : `≥ ${r.bound.min}`,
    passes(r) ? 'ok' : r.knownDefect ? `LOSS (known: ${r.knownDefect})` : 'LOSS',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]?.length ?? 0)));
  const fmt = (cells: string[]) => cells.map((c, i) => (i === 3 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join('  ').trimEnd();
  const out = [fmt(header), widths.map((w) => '-'.repeat(w)).join('  ')];
  for (const [i, l] of lines.entries()) {
    out.push(fmt(l));
    for (const example of rows[i]?.examples ?? []) if (!passes(rows[i] as Row)) out.push(`    e.g. ${example}`);
  }
  return out.join('\n');
}
