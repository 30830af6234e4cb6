/** Small helpers for running many calls at once, reproducibly. */

/** Runs `task(i)` for i < count with at most `limit` running at once; reports the most that ran together. */
export async function pool(count: number, limit: number, task: (i: number) => Promise<void>): Promise<{ maxInFlight: number }> {
  let next = 0;
  let running = 0;
  let maxInFlight = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      running += 1;
      maxInFlight = Math.max(maxInFlight, running);
      try {
        await task(i);
      } finally {
        running -= 1;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
  return { maxInFlight };
}

/** A seeded generator (mulberry32): the same seed shuffles the same way. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}
