import { createClock, createManualClock } from '../../../sandbox/common';

describe('createClock', () => {
  it('runs sandbox time `speed` times faster than real time', async () => {
    const clock = createClock({ speed: 1000, start: 0 });
    const fired = await new Promise<number>((resolve) => clock.setTimeout(() => resolve(clock.now()), 20_000));
    expect(fired).toBeGreaterThanOrEqual(20_000);
  });

  it('cancels a timer and all timers', async () => {
    const clock = createClock({ speed: 1000 });
    const fn = jest.fn();
    const cancel = clock.setTimeout(fn, 1_000);
    clock.setTimeout(fn, 2_000);
    cancel();
    clock.cancelAll();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(fn).not.toHaveBeenCalled();
  });

  it('rejects a speed that is not positive', () => {
    expect(() => createClock({ speed: 0 })).toThrow(RangeError);
    expect(() => createClock({ speed: -1 })).toThrow(RangeError);
  });
});

describe('createManualClock', () => {
  it('fires timers in due order only when advanced past them', () => {
    const clock = createManualClock(1_000);
    const seen: Array<[string, number]> = [];
    clock.setTimeout(() => seen.push(['b', clock.now()]), 200);
    clock.setTimeout(() => seen.push(['a', clock.now()]), 100);
    const cancel = clock.setTimeout(() => seen.push(['c', clock.now()]), 150);
    cancel();
    clock.advance(99);
    expect(seen).toEqual([]);
    clock.advance(101);
    expect(seen).toEqual([
      ['a', 1_100],
      ['b', 1_200],
    ]);
    expect(clock.now()).toBe(1_200);
    expect(clock.pending()).toBe(0);
  });

  it('runs timers scheduled by timers within the same advance', () => {
    const clock = createManualClock();
    const seen: number[] = [];
    clock.setTimeout(() => {
      seen.push(clock.now());
      clock.setTimeout(() => seen.push(clock.now()), 50);
    }, 50);
    clock.advance(100);
    expect(seen).toEqual([50, 100]);
  });
});
