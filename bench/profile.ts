/**
 * `BENCH_PROFILE=<dir>`: a CPU profile of one measured phase only (set-up excluded), written as
 * `<dir>/<name>.cpuprofile` for Chrome DevTools or `node --cpu-prof`'s readers. Off by default.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';

/** Starts profiling this process when BENCH_PROFILE is set; the answer stops it and writes the profile. */
export async function startProfile(name: string): Promise<() => Promise<void>> {
  const dir = process.env.BENCH_PROFILE;
  if (!dir) return async () => undefined;
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return async () => {
    const { profile } = await session.post('Profiler.stop');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  };
}

export async function profiled<T>(name: string, work: () => Promise<T>): Promise<T> {
  const stop = await startProfile(name);
  try {
    return await work();
  } finally {
    await stop();
  }
}
