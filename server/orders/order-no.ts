/**
 * Order numbers that every provider accepts: at most 32 characters, [A-Za-z0-9] only, starting
 * with the provider's required prefix (Tencent Cloud Pay's cloud_cashier_id; '' for the others),
 * then the UTC time to the second (sorts and reads well in consoles), then random characters that
 * make it unique.
 */
import { randomInt } from 'node:crypto';
import { AppError } from '../platform/errors';

export const ORDER_NO_MAX_LENGTH = 32;
const TIME_DIGITS = 14; // yyyyMMddHHmmss
/** Fewer random characters than this and collisions become plausible: refuse the prefix instead. */
export const ORDER_NO_MIN_RANDOM = 8;
const MAX_RANDOM = 12;
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ'; // no I/O: read aloud over the phone without confusion
const PREFIX_PATTERN = /^[A-Za-z0-9]*$/;

export function assertUsablePrefix(prefix: string): void {
  if (!PREFIX_PATTERN.test(prefix)) throw new AppError('CONFIG_INVALID', 'order number prefix may contain only letters and digits');
  if (prefix.length + TIME_DIGITS + ORDER_NO_MIN_RANDOM > ORDER_NO_MAX_LENGTH) {
    throw new AppError('CONFIG_INVALID', `order number prefix is too long (${prefix.length} characters, at most ${ORDER_NO_MAX_LENGTH - TIME_DIGITS - ORDER_NO_MIN_RANDOM})`);
  }
}

function utcStamp(at: Date): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(at.getUTCFullYear(), 4)}${pad(at.getUTCMonth() + 1)}${pad(at.getUTCDate())}${pad(at.getUTCHours())}${pad(at.getUTCMinutes())}${pad(at.getUTCSeconds())}`;
}

export function newOrderNo(prefix: string, at: Date, random: (max: number) => number = randomInt): string {
  assertUsablePrefix(prefix);
  const randomLength = Math.min(MAX_RANDOM, ORDER_NO_MAX_LENGTH - prefix.length - TIME_DIGITS);
  let tail = '';
  for (let i = 0; i < randomLength; i++) tail += ALPHABET[random(ALPHABET.length)];
  return `${prefix}${utcStamp(at)}${tail}`;
}
