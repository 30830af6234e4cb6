/**
 * How the sandbox answers: the `{result, data}` envelope, and RSA2 signatures over the documented
 * fields — unless a test has switched on a signature fault (signed by a foreign key, or a signed
 * field altered after signing), which the adapter must then refuse.
 */
import type { KeyObject } from 'node:crypto';
import type { CaibaoError } from './errors';
import { generateRsaKeys, rsa2Sign, type Values } from './signing';

export type SignatureFault = 'foreignKey' | 'alteredField';

export class SignatureFaults {
  answers: SignatureFault | undefined;
  notifications: SignatureFault | undefined;
  private foreign: KeyObject | undefined;

  /** A key Caibao's public key does not match (made on first use: key generation is slow-ish). */
  foreignKey(): KeyObject {
    this.foreign ??= generateRsaKeys().privateKey;
    return this.foreign;
  }
}

export interface Signer {
  privateKey: KeyObject;
  faults: SignatureFaults;
}

/** Signs `values` over `names`; under a fault, `alter` names the field changed after signing. */
export function signWithFaults(
  values: Values,
  names: readonly string[],
  signer: Signer,
  fault: SignatureFault | undefined,
  alter: string,
): Record<string, string | number | undefined> {
  const key = fault === 'foreignKey' ? signer.faults.foreignKey() : signer.privateKey;
  const signed: Record<string, string | number | undefined> = { ...values, sign: rsa2Sign(values, names, key) };
  if (fault === 'alteredField') {
    const current = signed[alter];
    signed[alter] = typeof current === 'number' ? current + 1 : `${current ?? ''}1`;
  }
  return signed;
}

export function success(data: Record<string, unknown>): unknown {
  return { result: { success: true, errorCode: '0', errorMsg: '成功' }, data };
}

export function failure(error: CaibaoError): unknown {
  return { result: { success: false, errorCode: error.errorCode, errorMsg: error.errorMsg } };
}
