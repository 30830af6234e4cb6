/**
 * Every soak section for one provider, in one process (the functions read the provider's settings
 * at cold start): storm, fault matrix, fuzzing, then the secret scan over all of it.
 */
import type { ProviderName } from '../server/gateways/contract';
import { startSoakStack, type LoadFunction, type SoakStack } from './harness';
import { runMatrix, type CaseResult } from './matrix';
import { runFuzz } from './fuzz';
import { KNOWN_DEFECT_CASES } from './known-defects';
import type { Row } from './report';
import { scanForSecrets } from './secrets';
import { runStorm } from './storm';
import { shiftableTime } from './time';

export interface SoakSizes {
  stormOrders: number;
  copies: number;
  inFlight: number;
  fuzzCases: number;
  maxWrites: number;
  /** Matrix cases to run (by name); all by default. */
  include?: (caseName: string) => boolean;
}

export const FULL: SoakSizes = { stormOrders: 3_334, copies: 10, inFlight: 50, fuzzCases: 10_000, maxWrites: 8 };

const ADAPTER_TIMEOUT_MS = { storm: 10_000, matrix: 250 };

export async function soakProvider(provider: ProviderName, load: LoadFunction, sizes: SoakSizes, progress: (line: string) => void = () => undefined): Promise<{ rows: Row[]; cases: CaseResult[] }> {
  const stacks: SoakStack[] = [];
  const time = shiftableTime();
  try {
    const storm = await startSoakStack({ provider, load, adapterTimeoutMs: ADAPTER_TIMEOUT_MS.storm });
    stacks.push(storm);
    let t0 = performance.now();
    const rows = await runStorm(storm, { orders: sizes.stormOrders, copies: sizes.copies, inFlight: sizes.inFlight });
    progress(`${provider}: storm ${Math.round(performance.now() - t0)} ms`);

    t0 = performance.now();
    const notifier = storm.sandboxes.providers[provider]?.notifier;
    const sample = notifier?.held[0];
    if (!sample) throw new Error(`${provider}: the storm produced no notification to fuzz`);
    const knownOrderNos = (await storm.orders()).slice(0, 3).map((o) => o.orderNo);
    rows.push(...(await runFuzz(storm, { casesPerFunction: sizes.fuzzCases, sample, knownOrderNos })));
    progress(`${provider}: fuzz ${Math.round(performance.now() - t0)} ms`);

    t0 = performance.now();
    const faulty = await startSoakStack({ provider, load, adapterTimeoutMs: ADAPTER_TIMEOUT_MS.matrix });
    stacks.push(faulty);
    const matrix = await runMatrix(faulty, time, { adapterTimeoutMs: ADAPTER_TIMEOUT_MS.matrix, maxWrites: sizes.maxWrites, include: sizes.include });
    for (const row of matrix.rows) {
      const failing = matrix.cases.filter((c) => row.examples?.some((e) => e.startsWith(`${c.name}:`)));
      if (failing.length > 0 && failing.every((c) => KNOWN_DEFECT_CASES.has(c.name))) row.knownDefect = 'being fixed on the money branch';
    }
    rows.push(...matrix.rows);
    progress(`${provider}: fault matrix ${Math.round(performance.now() - t0)} ms`);

    rows.push(...scanForSecrets(stacks));
    return { rows, cases: matrix.cases };
  } finally {
    for (const stack of stacks) await stack.close();
    time.restore();
  }
}
