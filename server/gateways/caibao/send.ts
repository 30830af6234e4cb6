/**
 * Transport (documented): every command is a form-encoded POST to `<base>/gatewayOpen.htm`; the
 * answer is JSON `{result, data}`. Success only when `result.success === true` and `errorCode`
 * is "0" (seen). Every failure becomes a GatewayError that says what we know of Caibao's side.
 */
import { assertHttpOk, postRaw, TransportError, type RawResponse } from '../../platform/http';
import { AppError } from '../../platform/errors';
import { createLogger, scrubText } from '../../platform/log';
import { GatewayError } from '../contract';
import { envelopeSchema, type CaibaoSettings, type CommandName, type WireFields } from './types';

const log = createLogger('caibao');

export const GATEWAY_PATH = '/gatewayOpen.htm';

export function gatewayUrl(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${GATEWAY_PATH}`;
}

export function formEncode(fields: Readonly<Record<string, string>>): string {
  return new URLSearchParams(Object.entries(fields)).toString();
}

/** Sends a signed request; returns the answer's `data` (not yet verified) on documented success. */
export async function sendCommand(
  command: CommandName,
  signedFields: Readonly<Record<string, string>>,
  settings: Pick<CaibaoSettings, 'baseUrl' | 'timeoutMs'>,
): Promise<WireFields> {
  let response: RawResponse;
  try {
    response = await postRaw(gatewayUrl(settings.baseUrl), formEncode(signedFields), {
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8', accept: 'application/json' },
      timeoutMs: settings.timeoutMs,
    });
    assertHttpOk(response);
  } catch (err) {
    throw classifyTransportFailure(command, err);
  }
  const data = readEnvelope(command, response.body);
  log.info('caibao command succeeded', { command, localOrderNo: signedFields.local_order_no });
  return data;
}

function classifyTransportFailure(command: CommandName, err: unknown): GatewayError {
  if (err instanceof TransportError) {
    log.warn('caibao transport failure', { command, outcome: err.outcome, message: err.message });
    return new GatewayError('caibao', 'PROVIDER_UNAVAILABLE', `${command}: ${err.message}`, err.outcome, { cause: err });
  }
  if (err instanceof AppError) return new GatewayError('caibao', 'PROVIDER_REJECTED', `${command}: ${err.message}`, 'rejected', { cause: err });
  return new GatewayError('caibao', 'PROVIDER_UNAVAILABLE', `${command}: request failed`, 'unknown', { cause: err });
}

/** Parses the envelope. An answer we cannot read may hide a processed request: outcome unknown. */
export function readEnvelope(command: CommandName, body: Buffer): WireFields {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    throw new GatewayError('caibao', 'PROVIDER_UNAVAILABLE', `${command}: answer is not JSON`, 'unknown');
  }
  const parsed = envelopeSchema.safeParse(json);
  if (!parsed.success) throw new GatewayError('caibao', 'PROVIDER_UNAVAILABLE', `${command}: answer has no readable result`, 'unknown');
  const { result, data } = parsed.data;
  if (result.success !== true || result.errorCode !== '0') {
    const reason = scrubText(result.errorMsg ?? '').slice(0, 200);
    log.warn('caibao rejected command', { command, errorCode: result.errorCode, errorMsg: reason });
    throw new GatewayError('caibao', 'PROVIDER_REJECTED', `${command} rejected: ${result.errorCode} ${reason}`.trim(), 'rejected', {
      providerCode: result.errorCode,
    });
  }
  if (!data) throw new GatewayError('caibao', 'PROVIDER_UNAVAILABLE', `${command}: success without data`, 'unknown');
  return data;
}
