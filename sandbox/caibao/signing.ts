/**
 * The sandbox's side of Caibao's signatures: it checks the merchant's MD5 request signature
 * (qian-ming-gui-ze.md) and signs its answers (jie-kou-fan-hui-zhi-de-an-quan-xiao-yan-gui-ze.md)
 * and notifications with its own RSA key pair (RSA2 = SHA256withRSA, base64). Written
 * independently of the adapter's sign.ts on purpose.
 */
import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { md5Hex, safeEqual } from '../../server/platform/crypto';

export type Values = Readonly<Record<string, string | number | undefined>>;

/** Sorted (code-unit order) `k=v` joined by `&`, raw values, empty ones left out. */
export function sortedPairs(values: Values, names: readonly string[]): string {
  const present = names.filter((name) => values[name] !== undefined && values[name] !== '');
  present.sort();
  return present.map((name) => `${name}=${String(values[name])}`).join('&');
}

export function md5SignatureMatches(values: Values, signedNames: readonly string[], key: string, sign: string): boolean {
  const expected = md5Hex(`${sortedPairs(values, signedNames)}&key=${key}`);
  return safeEqual(expected, sign);
}

export interface RsaKeys {
  privateKey: KeyObject;
  /** Published the way Caibao publishes its own: bare base64 of the X.509 SubjectPublicKeyInfo, no PEM lines. */
  publicKey: string;
}

export function generateRsaKeys(): RsaKeys {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { privateKey, publicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64') };
}

export function rsa2Sign(values: Values, names: readonly string[], privateKey: KeyObject): string {
  return createSign('RSA-SHA256').update(sortedPairs(values, names), 'utf8').sign(privateKey, 'base64');
}

