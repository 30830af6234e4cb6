/**
 * What a provider supplies to the shared call pipeline (call.ts): its protocol (how a body goes on
 * the wire, how an answer's envelope is read and its signature checked) and, per operation, how the
 * request is built, what an accepted answer looks like and how it maps to the contract's types.
 * Everything else (the deadline, HTTP status rules, which failure means what) is the pipeline's.
 */
import type { Schema } from '../../platform/validation';
import type { RawResponse } from '../../platform/http';
import type { ProviderName } from '../contract';

/** A request as it goes on the wire: signed, serialised, with its route and headers. */
export interface Wire {
  url: string;
  headers: Record<string, string>;
  body: string | Buffer;
}

/**
 * What the provider's answer says about the call:
 * - `accepted`: it did what we asked (the data says what);
 * - `refused`: it did nothing; flags from the provider's table say whether the order is simply
 *   unknown to it (`notFound`), whether asking again may help (`retryable`), whether only with a new
 *   order number (`newOrderNoRequired`);
 * - `undecided`: the provider itself says it does not know (e.g. "system busy, query later").
 */
export interface Envelope {
  verdict: 'accepted' | 'refused' | 'undecided';
  /** The provider's result code (kept as `providerCode`). */
  code: string;
  /** The provider's own text: scrubbed before it reaches a message. */
  message?: string;
  data?: unknown;
  notFound?: boolean;
  retryable?: boolean;
  newOrderNoRequired?: boolean;
}

/** `signed`: verified over the bytes received; `unsigned`: carries no signature; `forged`: carries a wrong one. */
export type Authenticity = 'signed' | 'unsigned' | 'forged';

export interface Protocol {
  readonly provider: ProviderName;
  /** The deadline of one call. */
  readonly timeoutMs: number;
  /** Stage `sign`: a built body → the bytes on the wire (signature, credential, content type, route). */
  sign(operation: string, body: object): Wire;
  /** Stage `read`: the envelope of an answer; throw `unreadable(...)` when the bytes are not one. */
  read(operation: string, response: RawResponse): Envelope;
  /** Stage `verify`: the answer's signature, over the bytes as they arrived. */
  verify(operation: string, envelope: Envelope, response: RawResponse): Authenticity;
  /**
   * Whether an unsigned answer may be believed. Default: only a refusal (it moves no money). A
   * provider that signs nothing at all (QuickPay) believes every answer and confirms by query.
   */
  trustsUnsigned?(envelope: Envelope): boolean;
}

/** One provider call: `build` (validated, see `requestOf`), the accepted answer's schema, and `map`. */
export interface Operation<In, Data, Out> {
  /** The provider's name for the call, e.g. `QuickPay/Query`: used in messages and logs. */
  readonly name: string;
  /** Stage `build`: our input → the provider's body; throw `invalidRequest(...)` for a body it would refuse. */
  build(input: In): object;
  /** Stage `parse`: what an accepted answer's data must look like. */
  readonly answer: Schema<Data>;
  /** Stage `map`: the parsed data → the contract's type; throw `mismatch(...)` for an answer about something else. */
  map(data: Data, input: In): Out;
}
