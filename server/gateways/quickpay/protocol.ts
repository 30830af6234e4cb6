/**
 * QuickPay's stages of the shared pipeline (../pipeline): `sign` = JSON body plus the credential
 * header (assumptions.ts: nothing is signed), `read` = the `{code, msg, data}` envelope
 * (ResultInfoOfPayResultInfo: `code: "SUCCESS"` means the call was accepted, not that anyone paid),
 * `verify` = nothing to verify: QuickPay signs nothing, so every state is confirmed by Query.
 */
import type { RawResponse } from '../../platform/http';
import { unreadable, type Envelope, type Protocol, type Wire } from '../pipeline';
import { authHeaders, NOT_FOUND_CODES } from './assumptions';
import type { QuickpayConfig } from './config';
import { endpointUrl } from './endpoints';
import { envelopeSchema, RESULT_SUCCESS } from './types';
import { check } from '../../platform/validation';

export function readQuickpayEnvelope(body: Buffer): Envelope {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    throw unreadable('answer is not JSON');
  }
  const parsed = check(envelopeSchema, json);
  if (!parsed.success) throw unreadable('answer is not a {code, msg, data} envelope');
  const { code, msg, data } = parsed.output;
  if (code === RESULT_SUCCESS) return { verdict: 'accepted', code, message: msg ?? undefined, data };
  return { verdict: 'refused', code, message: msg ?? undefined, notFound: NOT_FOUND_CODES.includes(code) };
}

export function quickpayProtocol(config: Pick<QuickpayConfig, 'baseUrl' | 'authHeader' | 'authValue' | 'timeoutMs'>): Protocol {
  return {
    provider: 'quickpay',
    timeoutMs: config.timeoutMs,
    sign: (operation: string, body: object): Wire => ({
      url: endpointUrl(config.baseUrl, operation),
      headers: { 'content-type': 'application/json; charset=utf-8', accept: 'application/json', ...authHeaders(config) },
      body: JSON.stringify(body),
    }),
    read: (_operation: string, response: RawResponse) => readQuickpayEnvelope(response.body),
    verify: () => 'unsigned',
    trustsUnsigned: () => true,
  };
}
