/**
 * Caibao's stages of the shared pipeline (../pipeline): `sign` = the MD5-signed form to
 * `<base>/gatewayOpen.htm` (sign.ts), `read` = the `{result:{success, errorCode, errorMsg}, data}`
 * envelope (accepted only when `success === true` and `errorCode` is "0"; `success: false` is a
 * refusal; `success: true` with another code is unreadable, outcome unknown), `verify` = RSA2 over the
 * answer members the command's page marks 参与签名 (verify.ts). Refusals carry no signature.
 */
import type { KeyObject } from 'node:crypto';
import type { RawResponse } from '../../platform/http';
import { unreadable, type Authenticity, type Envelope, type Protocol, type Wire } from '../pipeline';
import { NOT_FOUND_ERROR_CODES } from './assumptions';
import { signRequest } from './sign';
import { envelopeSchema, type CaibaoSettings, type CommandName, type RequestFields } from './types';
import { answerVerifies } from './verify';
import { check } from '../../platform/validation';

export const GATEWAY_PATH = '/gatewayOpen.htm';

export function gatewayUrl(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${GATEWAY_PATH}`;
}

export function formEncode(fields: Readonly<Record<string, string>>): string {
  return new URLSearchParams(Object.entries(fields)).toString();
}

/** Stage `read`: the envelope; an answer we cannot read may hide a processed request. */
export function readCaibaoEnvelope(body: Buffer): Envelope {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    throw unreadable('answer is not JSON');
  }
  const parsed = check(envelopeSchema, json);
  if (!parsed.success) throw unreadable('answer has no readable result');
  const { result, data } = parsed.output;
  if (result.success !== true) {
    return { verdict: 'refused', code: result.errorCode, message: result.errorMsg, notFound: NOT_FOUND_ERROR_CODES.includes(result.errorCode) };
  }
  // `success` is the documented flag; errorCode "0" beside it is only seen. A success with another
  // code contradicts itself: the command may have run, so it is never read as a refusal.
  if (result.errorCode !== '0') throw unreadable(`success with errorCode ${JSON.stringify(result.errorCode)}`);
  if (!data) throw unreadable('success without data');
  return { verdict: 'accepted', code: result.errorCode, message: result.errorMsg, data };
}

export function caibaoProtocol(settings: Pick<CaibaoSettings, 'baseUrl' | 'key' | 'timeoutMs'>, publicKey: KeyObject): Protocol {
  return {
    provider: 'caibao',
    timeoutMs: settings.timeoutMs,
    sign: (operation: string, body: object): Wire => ({
      url: gatewayUrl(settings.baseUrl),
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=UTF-8', accept: 'application/json' },
      body: formEncode(signRequest(operation as CommandName, body as RequestFields, settings.key)),
    }),
    read: (_operation: string, response: RawResponse) => readCaibaoEnvelope(response.body),
    verify: (operation: string, envelope: Envelope): Authenticity => {
      if (envelope.verdict !== 'accepted') return 'unsigned';
      return answerVerifies(operation as CommandName, envelope.data as Record<string, unknown>, publicKey) ? 'signed' : 'forged';
    },
  };
}
