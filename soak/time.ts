/**
 * Time that the soak can move forward: `Date.now` (which the order core, the local cloud and the
 * sandbox clocks all read) is shifted by an offset, so leases, expiry and "query only after the
 * answer can no longer arrive" run out without waiting. Timers of an attached sandbox clock (a
 * refund that settles later, a notification retry) that fall due on a jump run at once.
 */
import type { SandboxClock } from '../sandbox/common/clock';

export interface TimeShift {
  /** Moves everyone's clock forward by `ms`, running the attached clocks' timers now due. */
  advance(ms: number): void;
  /** Lets `advance` run this clock's timers that fall due. */
  attach(clock: SandboxClock): void;
  /** How far time has been moved so far. */
  offset(): number;
  /** Puts the real `Date.now` back. */
  restore(): void;
}

interface Timer {
  due: number;
  fn: () => void;
  cancel: () => void;
}

export function shiftableTime(): TimeShift {
  const realNow = Date.now.bind(Date);
  let offset = 0;
  Date.now = () => realNow() + offset;
  const clocks: Array<{ clock: SandboxClock; timers: Set<Timer> }> = [];
  return {
    advance: (ms) => {
      offset += ms;
      for (const { clock, timers } of clocks) {
        for (const timer of [...timers]) {
          if (timer.due > clock.now()) continue;
          timer.cancel();
          timer.fn();
        }
      }
    },
    attach: (clock) => {
      const timers = new Set<Timer>();
      const original = clock.setTimeout.bind(clock);
      (clock as { setTimeout: SandboxClock['setTimeout'] }).setTimeout = (fn, ms) => {
        const timer: Timer = { due: clock.now() + Math.max(0, ms), fn, cancel: () => undefined };
        const cancelReal = original(() => {
          timers.delete(timer);
          fn();
        }, ms);
        timer.cancel = () => {
          cancelReal();
          timers.delete(timer);
        };
        timers.add(timer);
        return timer.cancel;
      };
      clocks.push({ clock, timers });
    },
    offset: () => offset,
    restore: () => {
      Date.now = realNow;
    },
  };
}
