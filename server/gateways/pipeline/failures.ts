/**
 * The one place where a failed provider call becomes a GatewayError. Stages describe what happened
 * (a fact); this table decides what it means for money:
 *
 * | fact                                  | code                 | outcome    |
 * |---------------------------------------|----------------------|------------|
 * | our request breaks the provider's rule | INVALID_ARGUMENT     | not_sent   |
 * | connection refused, host unknown       | PROVIDER_UNAVAILABLE | not_sent   |
 * | time-out, reset                        | PROVIDER_UNAVAILABLE | unknown    |
 * | HTTP 5xx                               | PROVIDER_UNAVAILABLE | unknown    |
 * | HTTP 4xx                               | PROVIDER_REJECTED    | rejected   |
 * | unreadable envelope or data            | PROVIDER_UNAVAILABLE | unknown    |
 * | forged or untrusted unsigned answer    | SIGNATURE_INVALID    | unknown    |
 * | refused: no such order                 | NOT_FOUND            | rejected   |
 * | refused                                | PROVIDER_REJECTED    | rejected   |
 * | provider says it does not know         | PROVIDER_UNAVAILABLE | unknown    |
 * | accepted, but about something else     | PROVIDER_UNAVAILABLE (or AMOUNT_MISMATCH, CONFIG_INVALID) | unknown |
 *
 * Anything that may hide a processed request is `unknown`: resolved by a query, never by a guess.
 */
import { scrubText } from '../../platform/log';
import type { TransportError } from '../../platform/http';
import { GatewayError, type ProviderName } from '../contract';
import type { Envelope } from './stages';

export type Fact =
  | { kind: 'invalid_request'; problem: string }
  | { kind: 'transport'; error: TransportError }
  | { kind: 'http_status'; status: number; envelope?: Envelope }
  | { kind: 'unreadable'; problem: string }
  | { kind: 'forged' }
  | { kind: 'unsigned' }
  | { kind: 'refused'; envelope: Envelope }
  | { kind: 'undecided'; envelope: Envelope }
  | { kind: 'mismatch'; problem: string; code?: 'AMOUNT_MISMATCH' | 'CONFIG_INVALID' };

/** Thrown by a stage; the pipeline turns it into a GatewayError with `classify`. */
export class StageFailure extends Error {
  override readonly name = 'StageFailure';
  constructor(readonly fact: Fact) {
    super(fact.kind);
  }
}

export const invalidRequest = (problem: string) => new StageFailure({ kind: 'invalid_request', problem });
export const unreadable = (problem: string) => new StageFailure({ kind: 'unreadable', problem });
/** `CONFIG_INVALID`: the answer is about something a merchant setting decides (e.g. the AppID bound in the provider's console). */
export const mismatch = (problem: string, code?: 'AMOUNT_MISMATCH' | 'CONFIG_INVALID') => new StageFailure({ kind: 'mismatch', problem, code });

function said(envelope: Envelope): string {
  const text = scrubText(envelope.message ?? '').slice(0, 200);
  return text ? `${envelope.code} (${text})` : envelope.code;
}

export function classify(provider: ProviderName, operation: string, fact: Fact, cause?: unknown): GatewayError {
  const fail = (code: ConstructorParameters<typeof GatewayError>[1], what: string, outcome: GatewayError['outcome'], options: ConstructorParameters<typeof GatewayError>[4] = {}) =>
    new GatewayError(provider, code, `${operation}: ${what}`, outcome, { cause, ...options });
  switch (fact.kind) {
    case 'invalid_request':
      return fail('INVALID_ARGUMENT', `invalid request: ${fact.problem}`, 'not_sent', { retryable: false });
    case 'transport':
      return fail('PROVIDER_UNAVAILABLE', fact.error.message, fact.error.outcome, { cause: fact.error });
    case 'http_status':
      if (fact.status >= 500) return fail('PROVIDER_UNAVAILABLE', `HTTP ${fact.status}`, 'unknown');
      return fail('PROVIDER_REJECTED', `${fact.envelope ? `${said(fact.envelope)} ` : ''}HTTP ${fact.status}`, 'rejected', {
        providerCode: fact.envelope?.code ?? `HTTP_${fact.status}`,
      });
    case 'unreadable':
      return fail('PROVIDER_UNAVAILABLE', `unreadable answer (${fact.problem})`, 'unknown');
    case 'forged':
      return fail('SIGNATURE_INVALID', "answer's signature does not verify", 'unknown');
    case 'unsigned':
      return fail('SIGNATURE_INVALID', 'answer is not signed and cannot be trusted', 'unknown');
    case 'refused': {
      const { envelope } = fact;
      if (envelope.notFound) return fail('NOT_FOUND', `no such order (${said(envelope)})`, 'rejected', { providerCode: envelope.code, retryable: false });
      return fail('PROVIDER_REJECTED', `refused: ${said(envelope)}`, 'rejected', {
        providerCode: envelope.code,
        retryable: envelope.retryable ?? false,
        newOrderNoRequired: envelope.newOrderNoRequired ?? false,
      });
    }
    case 'undecided':
      return fail('PROVIDER_UNAVAILABLE', `outcome unknown: ${said(fact.envelope)}`, 'unknown', { providerCode: fact.envelope.code });
    case 'mismatch':
      return fail(fact.code ?? 'PROVIDER_UNAVAILABLE', `answer does not match the request (${fact.problem})`, 'unknown', {
        ...(fact.code === 'CONFIG_INVALID' ? { retryable: false } : {}),
      });
  }
}

/**
 * Notifications: one that cannot be read, and one that cannot be trusted. Both are refused for
 * good (the provider's retry of the same bytes will not fare better).
 */
export function badNotification(provider: ProviderName, problem: string): GatewayError {
  return new GatewayError(provider, 'INVALID_ARGUMENT', `notification ${problem}`, 'rejected', { retryable: false });
}

export function untrustedNotification(provider: ProviderName, problem: string): GatewayError {
  return new GatewayError(provider, 'SIGNATURE_INVALID', `notification ${problem}`, 'rejected', { retryable: false });
}
