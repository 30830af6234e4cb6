/**
 * The one way the server talks HTTP to a provider: a POST with a deadline that returns the raw
 * bytes of the answer (signatures are verified over exactly those bytes), and that classifies
 * every failure by what we can know about the provider's side:
 * - `not_sent`: the request never reached the provider (connection refused, DNS): safe to retry;
 * - `unknown`: it may have been processed (time-out, reset, 5xx): resolve by querying.
 *
 * Built on node:http(s) with one keep-alive agent per protocol: a provider round trip costs a
 * quarter of the CPU of global fetch. Node unrefs idle keep-alive sockets, so they never keep a
 * cloud function's process alive. A POST is never retried here, not even on a reused socket the
 * provider had just closed: that reset is `unknown` like any other.
 */
import { Agent as HttpAgent, request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { AppError } from './errors';

export type DeliveryOutcome = 'not_sent' | 'unknown';

export class TransportError extends AppError {
  override readonly name = 'TransportError';
  constructor(
    message: string,
    readonly outcome: DeliveryOutcome,
    options?: { cause?: unknown },
  ) {
    super('PROVIDER_UNAVAILABLE', message, true, options);
  }
}

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export interface PostOptions {
  headers?: Record<string, string>;
  timeoutMs?: number;
}

/** Errors that can only happen before a byte of the request left this process. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ERR_INVALID_URL']);

// Idle sockets are closed after 4 s, under the 5 s keep-alive most servers (Node's included) use,
// so that we rarely reuse one the provider is closing (Node also honours a `Keep-Alive: timeout`).
const AGENT_OPTIONS = { keepAlive: true, maxSockets: 64, maxFreeSockets: 16, timeout: 4_000 };
const agents = { 'http:': new HttpAgent(AGENT_OPTIONS), 'https:': new HttpsAgent(AGENT_OPTIONS) };

type PostListener = (url: string) => void;
// On `globalThis` under a registry symbol: function code may be loaded in a separate module
// registry (jest cold starts), and an observer must still see that copy's posts.
const LISTENERS = Symbol.for('payments.http.postListeners');
const registry = globalThis as typeof globalThis & { [LISTENERS]?: Set<PostListener> };
const listeners = (registry[LISTENERS] ??= new Set<PostListener>());

/** Calls `listener` with the URL of every POST as it starts (the soak marks provider calls with it). */
export function observePosts(listener: PostListener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

function errorCode(err: unknown): string | undefined {
  const code = err && typeof err === 'object' ? (err as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}

function flatten(headers: IncomingMessage['headers']): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) {
    if (value !== undefined) flat[key] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

export function postRaw(url: string, body: string | Buffer, options: PostOptions = {}): Promise<RawResponse> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  for (const listener of listeners) listener(url);
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  return new Promise<RawResponse>((resolve, reject) => {
    let request: ClientRequest | undefined;
    let settled = false;
    const fail = (err: unknown, timedOut = false): void => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      request?.destroy();
      const code = errorCode(err);
      if (timedOut) reject(new TransportError(`no answer within ${timeoutMs} ms`, 'unknown', { cause: err }));
      else if (code && NOT_SENT_CODES.has(code)) reject(new TransportError(`provider unreachable (${code})`, 'not_sent', { cause: err }));
      else reject(new TransportError(`connection failed${code ? ` (${code})` : ''}`, 'unknown', { cause: err }));
    };
    // One deadline for the whole exchange: connect, send, and read the full body.
    const deadline = setTimeout(() => fail(new Error(`no answer within ${timeoutMs} ms`), true), timeoutMs);
    try {
      const target = new URL(url);
      const send = target.protocol === 'https:' ? httpsRequest : target.protocol === 'http:' ? httpRequest : undefined;
      if (!send) throw Object.assign(new TypeError(`not an http(s) URL: ${target.protocol}`), { code: 'ERR_INVALID_URL' });
      request = send(target, {
        method: 'POST',
        agent: agents[target.protocol as keyof typeof agents],
        headers: { ...options.headers, 'content-length': String(bytes.length) },
      });
    } catch (err) {
      // Refused before any socket was opened (bad URL, bad header): nothing left this process.
      settled = true;
      clearTimeout(deadline);
      const code = errorCode(err);
      reject(new TransportError(`request not sent${code ? ` (${code})` : ''}`, 'not_sent', { cause: err }));
      return;
    }
    request.on('error', (err) => fail(err));
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      // A body cut short fails the response with ECONNRESET ('aborted'): unknown.
      response.on('error', (err) => fail(err));
      response.on('end', () => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        resolve({ status: response.statusCode ?? 0, headers: flatten(response.headers), body: Buffer.concat(chunks) });
      });
    });
    request.end(bytes);
  });
}

/** A 5xx means the provider may or may not have acted: the outcome is unknown. */
export function assertHttpOk(response: RawResponse): void {
  if (response.status >= 500) throw new TransportError(`provider answered HTTP ${response.status}`, 'unknown');
  if (response.status >= 400) throw new AppError('PROVIDER_REJECTED', `provider answered HTTP ${response.status}`);
}
