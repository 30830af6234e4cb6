/**
 * Reads a documented example (test/fixtures/tencent/*.txt) the way it is published: the inner
 * `request_content` / `response_content` is either an escaped JSON string (接口调用说明) or shown
 * as pretty-printed JSON in place of the string (every other page). Either way the result is the
 * inner text exactly as shown, whitespace included, which is what the wire string would carry.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

const FIXTURES = path.join(__dirname, '../../fixtures/tencent');

export function fixture(name: string): string {
  return readFileSync(path.join(FIXTURES, name), 'utf8');
}

export interface DocExample {
  field: 'request_content' | 'response_content';
  contentText: string;
  authenType: number;
  authenCode: string;
}

/** The end (exclusive) of the JSON string literal that starts at `start` (a `"`). */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i + 1;
  }
  throw new Error('unterminated string');
}

/** The end (exclusive) of the object that starts at `start` (a `{`), skipping strings. */
function objectEnd(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '"') i = stringEnd(text, i) - 1;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  throw new Error('unbalanced object');
}

export function readDocExample(text: string): DocExample {
  const found = /"(request_content|response_content)"\s*:\s*"/.exec(text);
  if (!found) throw new Error('no request_content / response_content');
  const quote = found.index + found[0].length - 1;
  const escaped = text.startsWith('{\\"', quote + 1);
  const contentText = escaped
    ? (JSON.parse(text.slice(quote, stringEnd(text, quote))) as string)
    : text.slice(quote + 1, objectEnd(text, quote + 1));
  const authenType = Number(/"authen_type"\s*:\s*(\d+)/.exec(text)?.[1]);
  const authenCode = /"authen_code"\s*:\s*"([^"]*)"/.exec(text)?.[1] ?? '';
  return { field: found[1] as DocExample['field'], contentText, authenType, authenCode };
}

/**
 * `申请退款`'s answer and both `支付成功回调` blocks have trailing commas (`,` before `}` or `]`), which
 * JSON does not allow: a typo of the page, removed by the tests that read those examples.
 */
export function withoutTrailingCommas(text: string): string {
  return text.replace(/,(\s*[}\]])/g, '$1');
}
