/**
 * Transport and envelope: POST JSON with the credential header, then read `{code, msg, data}`.
 * Every failure becomes a GatewayError that says what we know of the provider's side:
 * - never reached it (connection refused…)          → PROVIDER_UNAVAILABLE, outcome not_sent
 * - may have acted (time-out, reset, 5xx, a body we cannot read) → PROVIDER_UNAVAILABLE, unknown
 * - refused the call (4xx, `code` other than SUCCESS) → PROVIDER_REJECTED, rejected
 */
import { GatewayError } from '../contract';
import { postRaw, TransportError } from '../../platform/http';
import { createLogger } from '../../platform/log';
import { scrubText } from '../../platform/log';
import { authHeaders } from './auth';
import type { QuickpayConfig } from './config';
import { endpointUrl, type Endpoint } from './endpoints';
import { envelopeSchema, RESULT_SUCCESS, type Envelope } from './types';

const log = createLogger('gateway.quickpay');

type Transport = Pick<QuickpayConfig, 'baseUrl' | 'authHeader' | 'authValue' | 'timeoutMs'>;

function unavailable(message: string, cause?: unknown): GatewayError {
  return new GatewayError('quickpay', 'PROVIDER_UNAVAILABLE', message, 'unknown', { cause });
}

/** Reads the envelope from the raw answer; anything unreadable is an unknown outcome, never a crash. */
export function parseEnvelope(status: number, body: Buffer, endpoint: string): Envelope {
  if (status >= 500) throw new GatewayError('quickpay', 'PROVIDER_UNAVAILABLE', `${endpoint}: HTTP ${status}`, 'unknown');
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch (err) {
    if (status >= 400) throw new GatewayError('quickpay', 'PROVIDER_REJECTED', `${endpoint}: HTTP ${status}`, 'rejected', { providerCode: `HTTP_${status}` });
    throw unavailable(`${endpoint}: answer is not JSON (HTTP ${status})`, err);
  }
  const parsed = envelopeSchema.safeParse(json);
  if (!parsed.success) {
    if (status >= 400) throw new GatewayError('quickpay', 'PROVIDER_REJECTED', `${endpoint}: HTTP ${status}`, 'rejected', { providerCode: `HTTP_${status}` });
    throw unavailable(`${endpoint}: answer is not a {code, msg, data} envelope`);
  }
  const envelope = parsed.data;
  if (status >= 400 || envelope.code !== RESULT_SUCCESS) {
    const msg = scrubText(envelope.msg ?? '');
    throw new GatewayError('quickpay', 'PROVIDER_REJECTED', `${endpoint}: ${envelope.code}${msg ? ` (${msg})` : ''}${status >= 400 ? ` HTTP ${status}` : ''}`, 'rejected', {
      providerCode: envelope.code,
    });
  }
  return envelope;
}

/** Sends one call and returns the envelope's `data` of an accepted call (still unvalidated). */
export async function send(config: Transport, endpoint: Endpoint, body: object): Promise<unknown> {
  const url = endpointUrl(config.baseUrl, endpoint);
  let response;
  try {
    response = await postRaw(url, JSON.stringify(body), {
      headers: { 'content-type': 'application/json; charset=utf-8', accept: 'application/json', ...authHeaders(config) },
      timeoutMs: config.timeoutMs,
    });
  } catch (err) {
    if (err instanceof TransportError) {
      log.warn('call failed', { endpoint, outcome: err.outcome, error: err.message });
      throw new GatewayError('quickpay', 'PROVIDER_UNAVAILABLE', `${endpoint}: ${err.message}`, err.outcome, { cause: err });
    }
    throw err;
  }
  try {
    const envelope = parseEnvelope(response.status, response.body, endpoint);
    log.debug('call accepted', { endpoint, status: response.status });
    return envelope.data;
  } catch (err) {
    if (err instanceof GatewayError) log.warn('call not accepted', { endpoint, status: response.status, code: err.code, outcome: err.outcome, error: err.message });
    throw err;
  }
}
