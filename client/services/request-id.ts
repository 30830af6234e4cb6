/**
 * The id of one checkout attempt (`pay` create's requestId): made once when the shopper first taps
 * Pay for a cart and reused on every retry, so a double tap or a retry is still one order.
 * Uniqueness per shopper is all it needs; 8-64 of [A-Za-z0-9_-].
 */
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

export function newRequestId(now: number = Date.now(), random: () => number = Math.random): string {
  let suffix = '';
  for (let i = 0; i < 12; i += 1) suffix += ALPHABET[Math.floor(random() * ALPHABET.length)] ?? 'x';
  return `co-${now.toString(36)}-${suffix}`;
}
