/** (d) Every log line, every answer and every acknowledgement of the run, scanned for each secret value. */
import type { SoakStack } from './harness';
import { zero, type Row } from './report';

export function scanForSecrets(stacks: readonly SoakStack[]): Row[] {
  return stacks.map((stack) => {
    const texts = [
      ...stack.logs,
      ...stack.responses.map((r) => JSON.stringify(r)),
      ...(stack.sandboxes.providers[stack.provider]?.notifier.deliveries.map((d) => d.replyText ?? '') ?? []),
    ];
    const leaks = texts.filter((text) => stack.secrets.some((secret) => text.includes(secret)));
    return zero('secrets', stack.provider, `log lines and answers holding a secret (of ${texts.length} scanned)`, leaks.length, leaks.map((l) => l.slice(0, 120)));
  });
}
