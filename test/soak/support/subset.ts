/**
 * The soak's smaller run inside `npm test`: the same sections as `npm run soak` with smaller
 * counts, and the fault matrix cut to the faults that arrive late or never, and the first crash
 * points. The cases of soak/known-defects.ts are left out here (and only here).
 */
import type { ProviderName } from '../../../server/gateways/contract';
import { KNOWN_DEFECT_CASES } from '../../../soak/known-defects';
import { soakProvider, type SoakSizes } from '../../../soak/provider-soak';
import { passes } from '../../../soak/report';
import { loadInFreshRegistry } from './load';

const JEST_FAULTS = /× (lateAnswer|lateLanding|drop|crash (before|after) write [23])$/;

export const SUBSET: SoakSizes = {
  stormOrders: 50,
  copies: 10,
  inFlight: 50,
  fuzzCases: 60,
  maxWrites: 3,
  include: (name) => JEST_FAULTS.test(name) && !KNOWN_DEFECT_CASES.has(name),
};

export function soakSubset(provider: ProviderName): void {
  jest.setTimeout(120_000);
  it(`${provider}: storm, fault matrix, fuzzing and secret scan lose nothing`, async () => {
    const { rows, cases } = await soakProvider(provider, loadInFreshRegistry, SUBSET);
    expect(cases.length).toBeGreaterThan(20);
    const losses = rows.filter((r) => !passes(r)).map((r) => `${r.section} ${r.check}: ${r.value}${r.examples ? ` — ${r.examples.join(' | ')}` : ''}`);
    expect(losses).toEqual([]);
  });
}
