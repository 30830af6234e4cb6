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
  const now = () => sandboxStart + Math.round((Date.now() - realStart) * speed);
  return {
    speed,
    now,
    setTimeout(fn, ms) {
      const due = now() + Math.max(0, ms);
      let current: NodeJS.Timeout | undefined;
      // Node may fire a timer a little before Date.now() says it is due: wait out the remainder,
      // so that when `fn` runs, `now()` is never before the time it was scheduled for.
      const arm = (delayMs: number) => {
        const timer = setTimeout(() => {
          timers.delete(timer);
          const left = due - now();
          if (left > 0) arm(Math.max(1, left / speed));
          else fn();
        }, delayMs);
        current = timer;
        timers.add(timer);
      };
      arm(Math.max(0, ms) / speed);
      return () => {
        if (current) {
          clearTimeout(current);
          timers.delete(current);
        }
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
