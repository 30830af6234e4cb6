/**
 * The cloud runs `reconcile` on its timer trigger (cloudfunctions/reconcile/config.json: every
 * 5 minutes); the local shop does the same so expired orders close and stuck payments settle.
 * One run at a time; a failed run is reported and the next one tries again.
 */
import type { LocalCloud } from '../cloud/runtime';

export const RECONCILE_EVERY_MS = 5 * 60_000;

export interface ReconcileTimer {
  /** Results of the runs so far (the function's answers), newest last. */
  readonly runs: unknown[];
  stop(): Promise<void>;
}

export function startReconcileTimer(cloud: LocalCloud, everyMs: number, report: (message: string) => void): ReconcileTimer {
  const runs: unknown[] = [];
  let running: Promise<void> | undefined;
  const tick = () => {
    if (running) return;
    const event = { Type: 'Timer', TriggerName: 'reconcile-every-5-minutes', Time: new Date().toISOString() };
    running = cloud
      .invoke('reconcile', event, { SOURCE: 'wx_trigger' })
      .then(
        (result) => {
          runs.push(result);
          const answer = result as { ok?: boolean; error?: { message?: string } };
          if (answer.ok === false) report(`reconcile: ${answer.error?.message ?? 'failed'}`);
        },
        (err: unknown) => report(`reconcile: ${err instanceof Error ? err.message : String(err)}`),
      )
      .finally(() => {
        running = undefined;
      });
  };
  const timer = everyMs > 0 ? setInterval(tick, everyMs) : undefined;
  return {
    runs,
    stop: async () => {
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
