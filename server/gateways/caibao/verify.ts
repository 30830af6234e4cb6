/**
 * Caibao signs its answers and notifications with RSA2 (SHA256withRSA, base64) over the sorted
 * `k=v&` string of the signed fields — the request rule without `&key=` (documented). Anything
 * whose signature does not verify is not trusted (the pipeline classifies it: SIGNATURE_INVALID).
 */
import { createPublicKey, verify as rsaVerify, type KeyObject } from 'node:crypto';
import { untrustedNotification } from '../pipeline';
import { COMMAND_SPECS } from './commands';
import { signingString } from './sign';
import type { CommandName, WireFields } from './types';

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function importPublicKey(text: string): KeyObject {
  const key = text.replace(/\\n/g, '\n').trim();
  if (key.startsWith('-----BEGIN')) return createPublicKey(key);
  const bare = key.replace(/\s+/g, '');
  if (bare.length % 4 !== 0 || !BASE64.test(bare)) throw new Error('not base64');
  return createPublicKey({ key: Buffer.from(bare, 'base64'), format: 'der', type: 'spki' });
}

/** The last key imported: the settings check and the gateway read the same text at cold start. */
let lastImported: { text: string; key: KeyObject } | undefined;

/**
 * Caibao's public key as Caibao publishes it — bare base64 of the X.509 SubjectPublicKeyInfo, no
 * PEM lines (documented on the notification page) — or as a PEM, whose newlines often arrive as
 * literal `\n` in an environment variable. Imported once per text (a KeyObject is immutable): the
 * settings schema checks it and the gateway keeps it, and an import costs 0.2–0.6 ms of a cold start.
 */
export function loadPublicKey(text: string): KeyObject {
  if (lastImported?.text !== text) lastImported = { text, key: importPublicKey(text) };
  return lastImported.key;
}

/** A wire value as it enters a signature: text as is, numbers/booleans as written, null = absent. */
function asText(name: string, value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw untrustedNotification('caibao', `field ${name} is not a plain value and cannot be signed`);
}

function textFields(fields: WireFields): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(fields)) out[name] = asText(name, value);
  return out;
}

/** True only when `sign` is a well-formed base64 RSA2 signature of the fields `names` by `publicKey`. */
export function rsa2Verifies(fields: WireFields, names: readonly string[], publicKey: KeyObject): boolean {
  const sign = fields.sign;
  if (typeof sign !== 'string' || sign.length % 4 !== 0 || !BASE64.test(sign)) return false;
  const message = Buffer.from(signingString(textFields(fields), names), 'utf8');
  try {
    return rsaVerify('sha256', message, publicKey, Buffer.from(sign, 'base64'));
  } catch {
    return false;
  }
}

function allButSign(fields: WireFields): string[] {
  return Object.keys(fields).filter((name) => name !== 'sign');
}

/** Stage `verify`: true only when the answer `data` is signed over the members its page marks 参与签名 (and only those). */
export function answerVerifies(command: CommandName, data: WireFields, publicKey: KeyObject): boolean {
  try {
    return rsa2Verifies(data, COMMAND_SPECS[command].answerSigned, publicKey);
  } catch {
    return false; // a signed member that is not a plain value
  }
}

/** Notifications are signed over every field except `sign` (documented). */
export function verifyNotificationFields(fields: WireFields, publicKey: KeyObject): void {
  if (!rsa2Verifies(fields, allButSign(fields), publicKey)) {
    throw untrustedNotification('caibao', 'signature does not verify');
  }
}
