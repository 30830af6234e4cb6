/**
 * The cloud-pay envelope (documented):
 *   {"request_content":"<JSON text>","authen_info":{"a":{"authen_type":1,"authen_code":"<HEX>"}}}
 * authen_code = HMAC-SHA256(key = the sub-merchant's authen key as raw bytes, message = the exact
 * content text), 64 UPPERCASE hex. Answers carry `response_content` instead, signed the same way.
 *
 * Verification works on the string value exactly as it arrived: the outer envelope is parsed from
 * the raw body bytes and the inner string is taken as is, never re-serialised (a re-serialised
 * text, however equal in meaning, is a different message and must not verify).
 */
import { hmacSha256Hex, safeEqual } from '../../platform/crypto';
import { AUTHEN_TYPE_HMAC_SHA256, RequestEnvelopeSchema, ResponseEnvelopeSchema } from './types';
import { check } from '../../platform/validation';

export function authenCode(authenKey: string, contentText: string): string {
  return hmacSha256Hex(Buffer.from(authenKey, 'utf8'), Buffer.from(contentText, 'utf8')).toUpperCase();
}

function authenInfo(authenKey: string, contentText: string) {
  return { a: { authen_type: AUTHEN_TYPE_HMAC_SHA256, authen_code: authenCode(authenKey, contentText) } };
}

/** The body we POST: `content` serialised once; that exact text is what gets signed and sent. */
export function sealRequest(authenKey: string, content: unknown): { body: string; contentText: string } {
  const contentText = JSON.stringify(content);
  const body = JSON.stringify({ request_content: contentText, authen_info: authenInfo(authenKey, contentText) });
  return { body, contentText };
}

/** The body of a signed answer (our notification reply; the sandbox's answers). */
export function sealResponse(authenKey: string, contentText: string): string {
  return JSON.stringify({ response_content: contentText, authen_info: authenInfo(authenKey, contentText) });
}

/** An answer without its signature (status 3 and 101 come like this). */
export function unsignedResponse(contentText: string): string {
  return JSON.stringify({ response_content: contentText });
}

/**
 * `signed`: authen_info present and its code verifies over the exact text.
 * `unsigned`: no authen_info at all (only acceptable for status-only answers, never as success).
 * `forged`: authen_info present but wrong (or of an unknown type).
 */
export type Authenticity = 'signed' | 'unsigned' | 'forged';

export interface OpenedEnvelope {
  /** The inner text exactly as it arrived. */
  contentText: string;
  authenticity: Authenticity;
}

export class EnvelopeFormatError extends Error {
  override readonly name = 'EnvelopeFormatError';
}

function checkAuthenticity(
  authenKey: string,
  contentText: string,
  info: { a: { authen_type: number; authen_code: string } } | undefined,
): Authenticity {
  if (!info) return 'unsigned';
  if (info.a.authen_type !== AUTHEN_TYPE_HMAC_SHA256) return 'forged';
  const expected = authenCode(authenKey, contentText);
  return safeEqual(expected, info.a.authen_code.toUpperCase()) ? 'signed' : 'forged';
}

function parseOuter(raw: Buffer | string): unknown {
  try {
    return JSON.parse(typeof raw === 'string' ? raw : raw.toString('utf8'));
  } catch {
    throw new EnvelopeFormatError('body is not JSON');
  }
}

/** Opens an answer's envelope (`response_content`). Throws EnvelopeFormatError when it is not one. */
export function openResponse(authenKey: string, raw: Buffer | string): OpenedEnvelope {
  const parsed = check(ResponseEnvelopeSchema, parseOuter(raw));
  if (!parsed.success) throw new EnvelopeFormatError('body is not a response envelope (response_content missing or not a string)');
  const { response_content: contentText, authen_info: info } = parsed.output;
  return { contentText, authenticity: checkAuthenticity(authenKey, contentText, info) };
}

/** Opens a request envelope (`request_content`): a notification to us, or a request to the sandbox. */
export function openRequest(authenKey: string, raw: Buffer | string): OpenedEnvelope {
  const parsed = check(RequestEnvelopeSchema, parseOuter(raw));
  if (!parsed.success) throw new EnvelopeFormatError('body is not a request envelope (request_content missing or not a string)');
  const { request_content: contentText, authen_info: info } = parsed.output;
  return { contentText, authenticity: checkAuthenticity(authenKey, contentText, info) };
}

/** The inner text as JSON; EnvelopeFormatError when it is not. */
export function parseContent(contentText: string): unknown {
  try {
    return JSON.parse(contentText);
  } catch {
    throw new EnvelopeFormatError('content is not JSON text');
  }
}
