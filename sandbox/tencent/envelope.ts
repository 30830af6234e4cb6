/**
 * The sandbox's own reading of the envelope (pages/call-conventions.ts): it seals its answers and
 * notifications and opens the merchant's requests and replies without the adapter's code, so that a
 * misreading on either side shows. Only the HMAC and constant-time primitives are shared.
 */
import { hmacSha256Hex, safeEqual } from '../../server/platform/crypto';
import { AUTHEN_CODE_FORMAT, AUTHEN_TYPE_HMAC_SHA256 } from './pages/call-conventions';

/** HMAC-SHA256 over the exact content text, upper-case hex. */
export function authenCode(authenKey: string, contentText: string): string {
  return hmacSha256Hex(Buffer.from(authenKey, 'utf8'), Buffer.from(contentText, 'utf8')).toUpperCase();
}

function authenInfo(authenKey: string, contentText: string) {
  return { a: { authen_type: AUTHEN_TYPE_HMAC_SHA256, authen_code: authenCode(authenKey, contentText) } };
}

/** A signed answer: `response_content` is the text given, byte for byte. */
export function signedAnswer(authenKey: string, contentText: string): string {
  return JSON.stringify({ response_content: contentText, authen_info: authenInfo(authenKey, contentText) });
}

export function unsignedAnswer(contentText: string): string {
  return JSON.stringify({ response_content: contentText });
}

/** A signed request envelope (the payment notification). */
export function signedRequest(authenKey: string, content: unknown): string {
  const contentText = JSON.stringify(content);
  return JSON.stringify({ request_content: contentText, authen_info: authenInfo(authenKey, contentText) });
}

export interface Opened {
  contentText: string;
  /** Absent, valid (type 1 and 64 upper-case hex over the exact text), or invalid. */
  authen: 'absent' | 'valid' | 'invalid';
}

/** Reads `{<field>: "<text>", authen_info?}`; undefined when the body is not that. */
export function openEnvelope(authenKey: string, body: string, field: 'request_content' | 'response_content'): Opened | undefined {
  let outer: unknown;
  try {
    outer = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof outer !== 'object' || outer === null) return undefined;
  const record = outer as Record<string, unknown>;
  const contentText = record[field];
  if (typeof contentText !== 'string') return undefined;
  const info = record.authen_info as { a?: { authen_type?: unknown; authen_code?: unknown } } | undefined;
  if (info === undefined) return { contentText, authen: 'absent' };
  const code = info?.a?.authen_code;
  const valid =
    info?.a?.authen_type === AUTHEN_TYPE_HMAC_SHA256 &&
    typeof code === 'string' &&
    AUTHEN_CODE_FORMAT.test(code) &&
    safeEqual(authenCode(authenKey, contentText), code);
  return { contentText, authen: valid ? 'valid' : 'invalid' };
}
