/**
 * Caibao's signature strings (qian-ming-gui-ze.md; answers: jie-kou-fan-hui-zhi-de-an-quan-xiao-yan-gui-ze.md).
 * Requests: only the command's signed fields, empty values dropped, names sorted by code-unit
 * order (default sort, NOT localeCompare, so `timeStamp` < `timestamp`), `k=v` joined by `&` with raw un-encoded UTF-8 values, then
 * `&key=<secret>`, MD5, 32 lowercase hex. Answers and notifications use the same sorted string
 * without the key, signed with RSA2 (verify.ts).
 */
import { md5Hex } from '../../platform/crypto';
import { signedFieldNames } from './commands';
import type { CommandName, RequestFields } from './types';

/** The sorted `k=v&k=v` text over `names`, skipping fields that are absent or empty. */
export function signingString(fields: Readonly<Record<string, string | undefined>>, names: readonly string[]): string {
  return names
    .filter((name) => {
      const value = fields[name];
      return value !== undefined && value !== '';
    })
    .sort()
    .map((name) => `${name}=${fields[name] ?? ''}`)
    .join('&');
}

export function md5Sign(fields: RequestFields, names: readonly string[], key: string): string {
  return md5Hex(`${signingString(fields, names)}&key=${key}`);
}

/** The request as sent: non-empty fields plus `sign` over the command's signed fields. */
export function signRequest(command: CommandName, fields: RequestFields, key: string): Record<string, string> {
  const sent: Record<string, string> = {};
  for (const [name, value] of Object.entries(fields)) if (value !== undefined && value !== '') sent[name] = value;
  sent.sign = md5Sign(fields, signedFieldNames(command), key);
  return sent;
}
