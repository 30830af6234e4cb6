/**
 * The one call pipeline (ActiveMerchant's single `commit`, yansongda's ordered plugins): every
 * provider call runs these stages in this order, the provider supplying `build`, `sign`, `read`,
 * `verify`, the answer schema and `map` (stages.ts); sending with a deadline, the HTTP status
 * rules, trust in unsigned answers, the verdict and every failure's meaning (failures.ts) are
 * shared. Each stage is exported on its own so that it is tested on its own.
 */
import { postRaw, TransportError, type RawResponse } from '../../platform/http';
import { createLogger } from '../../platform/log';
import { check, describeIssues, type Schema } from '../../platform/validation';
import { classify, StageFailure, unreadable, invalidRequest } from './failures';
import type { Envelope, Operation, Protocol, Wire } from './stages';

export const STAGES = ['build', 'sign', 'send', 'read', 'verify', 'decide', 'parse', 'map'] as const;
export type Stage = (typeof STAGES)[number];

export type Post = typeof postRaw;

export interface CallOptions {
  /** The transport (tests replace it); the shared deadline-bound POST by default. */
  post?: Post;
  /** Called as each stage starts (the stage-order test listens). */
  trace?: (stage: Stage) => void;
}

const log = createLogger('gateway.pipeline');

/** A body checked against the provider's request table: a failure is INVALID_ARGUMENT, not sent. */
export function requestOf<T>(schema: Schema<T>, body: unknown): T {
  const parsed = check(schema, body);
  if (parsed.success) return parsed.output;
  throw invalidRequest(describeIssues(parsed.issues));
}

/** Stage `send`: one POST with the protocol's deadline. */
export async function send(wire: Wire, timeoutMs: number, post: Post = postRaw): Promise<RawResponse> {
  try {
    return await post(wire.url, wire.body, { headers: wire.headers, timeoutMs });
  } catch (err) {
    if (err instanceof TransportError) throw new StageFailure({ kind: 'transport', error: err });
    throw err;
  }
}

/** Stage `read`: a 5xx is never read (the provider may have acted); a 4xx is a refusal, its envelope kept when readable. */
export function read(protocol: Protocol, operation: string, response: RawResponse): Envelope {
  if (response.status >= 500) throw new StageFailure({ kind: 'http_status', status: response.status });
  if (response.status >= 400) {
    let envelope: Envelope | undefined;
    try {
      envelope = protocol.read(operation, response);
    } catch {
      envelope = undefined;
    }
    throw new StageFailure({ kind: 'http_status', status: response.status, envelope });
  }
  return protocol.read(operation, response);
}

/** Stage `verify`: nothing in a forged answer is read; an unsigned one only where the protocol trusts it. */
export function verify(protocol: Protocol, operation: string, envelope: Envelope, response: RawResponse): void {
  const authenticity = protocol.verify(operation, envelope, response);
  if (authenticity === 'forged') throw new StageFailure({ kind: 'forged' });
  if (authenticity === 'unsigned') {
    const trusted = protocol.trustsUnsigned ? protocol.trustsUnsigned(envelope) : envelope.verdict !== 'accepted';
    if (!trusted) throw new StageFailure({ kind: 'unsigned' });
  }
}

/** Stage `decide`: only an accepted call goes on to be parsed. */
export function decide(envelope: Envelope): unknown {
  if (envelope.verdict === 'refused') throw new StageFailure({ kind: 'refused', envelope });
  if (envelope.verdict === 'undecided') throw new StageFailure({ kind: 'undecided', envelope });
  return envelope.data;
}

/** Stage `parse`: an accepted answer we cannot read may hide a processed request. */
export function parse<T>(schema: Schema<T>, data: unknown): T {
  const parsed = check(schema, data);
  if (parsed.success) return parsed.output;
  throw unreadable(describeIssues(parsed.issues));
}

/** build → sign → send → read → verify → decide → parse → map; any failure classified once (failures.ts). */
export async function commit<In, Data, Out>(protocol: Protocol, operation: Operation<In, Data, Out>, input: In, options: CallOptions = {}): Promise<Out> {
  const trace = options.trace ?? (() => undefined);
  const name = operation.name;
  try {
    trace('build');
    const body = operation.build(input);
    trace('sign');
    const wire = protocol.sign(name, body);
    trace('send');
    const response = await send(wire, protocol.timeoutMs, options.post);
    trace('read');
    const envelope = read(protocol, name, response);
    trace('verify');
    verify(protocol, name, envelope, response);
    trace('decide');
    const data = decide(envelope);
    trace('parse');
    const parsed = parse(operation.answer, data);
    trace('map');
    const result = operation.map(parsed, input);
    log.debug('call accepted', { provider: protocol.provider, operation: name });
    return result;
  } catch (err) {
    if (!(err instanceof StageFailure)) throw err;
    const failure = classify(protocol.provider, name, err.fact, err);
    log.warn('call failed', { provider: protocol.provider, operation: name, code: failure.code, outcome: failure.outcome, error: failure.message });
    throw failure;
  }
}
