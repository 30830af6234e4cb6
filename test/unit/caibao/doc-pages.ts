/**
 * Reads the verbatim Caibao page fragments in test/fixtures/caibao/ in the pages' own notation:
 * markdown tables (with `\_` escapes) and the annotated answer examples (values "", `##` comments
 * that say 参与签名, a marker line before the version ≥ 1.1 fields, commas missing).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'caibao');

export function fixture(name: string): string {
  return readFileSync(join(FIXTURES, name), 'utf8');
}

export const unescape = (cell: string): string => cell.replace(/\\_/g, '_').replace(/&gt;/g, '>').replace(/&lt;/g, '<').trim();

/** The body rows of every markdown table in `text` (header and separator rows dropped). */
export function tableRows(text: string): string[][] {
  const rows: string[][] = [];
  let inTable = false;
  for (const line of text.split('\n')) {
    if (!line.startsWith('|')) {
      inTable = false;
      continue;
    }
    const cells = line.split('|').slice(1, -1).map(unescape);
    if (!inTable) {
      inTable = true; // the header row
      continue;
    }
    if (cells.every((c) => /^:?-+:?$/.test(c))) continue;
    rows.push(cells);
  }
  return rows;
}

export interface TableParam {
  name: string;
  type: string;
  /** 是否必填 as written: 是 / 否 / 否，与order_no二选一… */
  required: string;
  signed: boolean;
}

/** A request table (参数名 | 参数类型 | 参数介绍 | 是否必填 | 是否参与签名). */
export function requestTable(name: string): TableParam[] {
  return tableRows(fixture(name)).map(([param = '', type = '', , required = '', signed = '']) => ({ name: param, type, required, signed: signed === '是' }));
}

export interface AnswerExample {
  result: { success: boolean; errorCode: string; errorMsg: string };
  /** The `data` members in the example's order, with their example values (all ""). */
  data: Record<string, string>;
  /** Members whose comment says 参与签名. */
  signed: string[];
  /** Members listed after "以下字段只有version大于等于1.1时才会返回". */
  since11: string[];
}

/** Reads an annotated answer example line by line (it is not JSON). */
export function answerExample(name: string): AnswerExample {
  const result: Record<string, string | boolean> = {};
  const data: Record<string, string> = {};
  const signed: string[] = [];
  const since11: string[] = [];
  let block: 'none' | 'result' | 'data' = 'none';
  let after11 = false;
  for (const line of fixture(name).split('\n')) {
    const [code = '', comment = ''] = line.split('##');
    if (/"result"\s*:/.test(code)) block = 'result';
    else if (/"data"\s*:/.test(code)) block = 'data';
    if (comment.includes('以下字段只有version大于等于1.1时才会返回')) after11 = true;
    for (const match of code.matchAll(/"(\w+)"\s*:\s*(?:"([^"]*)"|(true|false))/g)) {
      const [, member = '', text, bool] = match;
      if (block === 'result') result[member] = bool === undefined ? (text ?? '') : bool === 'true';
      if (block !== 'data') continue;
      data[member] = text ?? '';
      if (comment.includes('参与签名')) signed.push(member);
      if (after11) since11.push(member);
    }
  }
  return {
    result: { success: result.success === true, errorCode: String(result.errorCode), errorMsg: String(result.errorMsg) },
    data,
    signed,
    since11,
  };
}

/** The rows of the table that follows `heading` (up to the next heading). */
export function tableAfter(text: string, heading: string): string[][] {
  const start = text.indexOf(heading);
  if (start < 0) throw new Error(`no heading ${heading}`);
  const next = text.indexOf('\n#', start + heading.length);
  return tableRows(text.slice(start, next < 0 ? undefined : next));
}
