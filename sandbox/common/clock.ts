/**
 * Sandbox time. Providers retry notifications over hours (QuickPay: 24 h); tests cannot wait that
 * long, so every sandbox schedules through a clock whose `speed` says how many sandbox
 * milliseconds pass per real millisecond (speed 1000: one sandbox second per real millisecond).
 */
export interface SandboxClock {
  /** Sandbox milliseconds per real millisecond. */
  readonly speed: number;
  /** Sandbox time, epoch milliseconds. */
  now(): number;
  /** Runs `fn` after `ms` sandbox milliseconds; returns a function that cancels it. */
  setTimeout(fn: () => void, ms: number): () => void;
  /** Cancels every timer still pending (servers call it on close so nothing outlives them). */
  cancelAll(): void;
}

export interface ClockOptions {
  speed?: number;
  /** Sandbox time at creation (defaults to the real time). */
  start?: number;
}

export function createClock(options: ClockOptions = {}): SandboxClock {
  const speed = options.speed ?? 1;
  if (!(speed > 0) || !Number.isFinite(speed)) throw new RangeError(`clock speed must be a positive number, got ${speed}`);
  const realStart = Date.now();
  const sandboxStart = options.start ?? realStart;
  const timers = new Set<NodeJS.Timeout>();
  return {
    speed,
    now: () => sandboxStart + Math.round((Date.now() - realStart) * speed),
    setTimeout(fn, ms) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        fn();
      }, Math.max(0, ms / speed));
      timers.add(timer);
      return () => {
        clearTimeout(timer);
        timers.delete(timer);
      };
    },
    cancelAll() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}

/** A clock that only moves when told to: for unit tests of schedules, fully deterministic. */
export interface ManualClock extends SandboxClock {
  /** Moves time forward, running every timer that falls due, in order. */
  advance(ms: number): void;
  /** How many timers are waiting. */
  pending(): number;
}

export function createManualClock(start = 0): ManualClock {
  let now = start;
  let nextId = 0;
  const timers = new Map<number, { due: number; fn: () => void }>();
  const clock: ManualClock = {
    speed: 1,
    now: () => now,
    setTimeout(fn, ms) {
      const id = nextId++;
      timers.set(id, { due: now + Math.max(0, ms), fn });
      return () => {
        timers.delete(id);
      };
    },
    cancelAll: () => timers.clear(),
    pending: () => timers.size,
    advance(ms) {
      const target = now + ms;
      for (;;) {
        let nextKey: number | undefined;
        let nextDue = Infinity;
        for (const [id, timer] of timers) {
          if (timer.due <= target && timer.due < nextDue) {
            nextDue = timer.due;
            nextKey = id;
          }
        }
        if (nextKey === undefined) break;
        const timer = timers.get(nextKey);
        timers.delete(nextKey);
        now = nextDue;
        timer?.fn();
      }
      now = target;
    },
  };
  return clock;
}
