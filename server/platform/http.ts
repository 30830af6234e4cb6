/**
 * The one way the server talks HTTP to a provider: a POST with a deadline that returns the raw
 * bytes of the answer (signatures are verified over exactly those bytes), and that classifies
 * every failure by what we can know about the provider's side:
 * - `not_sent`: the request never reached the provider (connection refused, DNS): safe to retry;
 * - `unknown`: it may have been processed (time-out, reset, 5xx): resolve by querying.
 */
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

const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ERR_INVALID_URL']);
/** fetch refuses some requests before connecting and says so only in words. */
const NOT_SENT_MESSAGES = new Set(['bad port', 'invalid url']);

function causeMessage(err: unknown): string | undefined {
  // Duck-typed: the cause may come from another realm (jest, vm), where instanceof Error fails.
  const cause = err && typeof err === 'object' ? (err as { cause?: { message?: unknown } }).cause : undefined;
  return typeof cause?.message === 'string' ? cause.message.toLowerCase() : undefined;
}

function causeCode(err: unknown): string | undefined {
  let current: unknown = err;
  for (let i = 0; i < 4 && current && typeof current === 'object'; i++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export async function postRaw(url: string, body: string | Buffer, options: PostOptions = {}): Promise<RawResponse> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  let response: Response;
  let bytes: Buffer;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: options.headers,
      body: typeof body === 'string' ? body : new Uint8Array(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    bytes = Buffer.from(await response.arrayBuffer());
  } catch (err) {
    const code = causeCode(err);
    const name = err instanceof Error ? err.name : '';
    if (name === 'TimeoutError' || name === 'AbortError') {
      throw new TransportError(`no answer within ${timeoutMs} ms`, 'unknown', { cause: err });
    }
    if ((code && NOT_SENT_CODES.has(code)) || NOT_SENT_MESSAGES.has(causeMessage(err) ?? '')) {
      throw new TransportError(`provider unreachable (${code})`, 'not_sent', { cause: err });
    }
    throw new TransportError(`connection failed${code ? ` (${code})` : ''}`, 'unknown', { cause: err });
  }
  const headers: Record<string, string> = {};
  response.headers.forEach((value, key) => {
    headers[key] = value;
  });
  return { status: response.status, headers, body: bytes };
}

/** A 5xx means the provider may or may not have acted: the outcome is unknown. */
export function assertHttpOk(response: RawResponse): void {
  if (response.status >= 500) throw new TransportError(`provider answered HTTP ${response.status}`, 'unknown');
  if (response.status >= 400) throw new AppError('PROVIDER_REJECTED', `provider answered HTTP ${response.status}`);
}
