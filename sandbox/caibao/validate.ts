/**
 * Checks a request the way Caibao's pages describe it (pages/), in order: command, version (only
 * where the command's table has that row), unknown and missing fields, merchant, MD5 signature
 * over the fields the table marks 参与签名, then each field's type (Long / Integer) and format.
 */
import { isIPv4 } from 'node:net';
import { ERRORS, type CaibaoError } from './errors';
import { COMMAND_PAGES, requestSignedNames, SUBJECT_MAX_CHARS, VERSIONS, type Param } from './pages';
import { md5SignatureMatches } from './signing';

export interface Merchant {
  app: string;
  operatorId: string;
  key: string;
}

export type Checked = { ok: true; command: string; fields: Record<string, string> } | { ok: false; error: CaibaoError };

const positiveInteger = /^[1-9]\d{0,11}$/;
const fail = (error: CaibaoError): Checked => ({ ok: false, error });

function typeProblem(param: Param, value: string): string | undefined {
  if (param.type === 'Long' || param.type === 'Integer') return /^-?\d+$/.test(value) ? undefined : `must be a ${param.type}`;
  return undefined;
}

function formatProblem(name: string, value: string, fields: Record<string, string>): string | undefined {
  switch (name) {
    case 'amount':
    case 'refund_amount':
      return positiveInteger.test(value) ? undefined : 'must be a positive integer number of fen';
    case 'un_discount_amount':
      return /^\d{1,12}$/.test(value) && Number(value) <= Number(fields.amount) ? undefined : 'must be an integer number of fen, at most amount';
    case 'timestamp':
      return /^\d{13}$/.test(value) ? undefined : 'must be epoch milliseconds';
    case 'channel':
      return value === '1' || value === '2' ? undefined : 'must be 1 (Alipay) or 2 (WeChat)';
    case 'subject':
      return Array.from(value).length <= SUBJECT_MAX_CHARS ? undefined : 'must be fewer than 20 characters';
    case 'device_create_ip':
      return isIPv4(value) ? undefined : 'must look like 8.8.8.8';
    case 'notify_url':
      return /^https?:\/\/\S+$/.test(value) ? undefined : 'must be an http(s) URL';
    case 'goods_list':
      return goodsListProblem(value);
    default:
      return undefined;
  }
}

function goodsListProblem(value: string): string | undefined {
  let goods: unknown;
  try {
    goods = JSON.parse(value);
  } catch {
    return 'must be JSON';
  }
  if (!Array.isArray(goods)) return 'must be a JSON array';
  for (const [i, item] of goods.entries()) {
    if (!item || typeof item !== 'object') return `item ${i} must be an object`;
    const { sell_amount: sold, goods_price: price } = item as Record<string, unknown>;
    if (sold === undefined || sold === null || sold === '') return `item ${i}: sell_amount must not be empty`;
    if (price === undefined || price === null || price === '') return `item ${i}: goods_price must not be empty`;
  }
  return undefined;
}

export function checkRequest(fields: Record<string, string>, repeated: readonly string[], merchant: Merchant): Checked {
  const command = fields.command ?? '';
  if (command === '') return fail(ERRORS.commandEmpty);
  const page = COMMAND_PAGES[command];
  if (!page) return fail(ERRORS.unknownCommand);
  const params = page.params;
  if (params.version?.required === 'yes' && !fields.version) return fail(ERRORS.missing('version'));
  if (params.version && fields.version && !VERSIONS.includes(fields.version)) return fail(ERRORS.badVersion);
  const firstRepeated = repeated[0];
  if (firstRepeated !== undefined) return fail(ERRORS.invalid(firstRepeated, 'given more than once'));
  for (const name of Object.keys(fields)) if (!params[name]) return fail(ERRORS.invalid(name, 'not a parameter of this command'));
  for (const [name, param] of Object.entries(params)) if (param.required === 'yes' && !fields[name]) return fail(ERRORS.missing(name));
  if (params.order_no && !fields.local_order_no && !fields.order_no) return fail(ERRORS.missing('local_order_no或order_no'));
  if (fields.app !== merchant.app || fields.operator_id !== merchant.operatorId) return fail(ERRORS.unknownMerchant);
  if (!md5SignatureMatches(fields, requestSignedNames(page), merchant.key, fields.sign ?? '')) return fail(ERRORS.badSign);
  for (const [name, value] of Object.entries(fields)) {
    if (value === '') continue;
    const problem = typeProblem(params[name] as Param, value) ?? formatProblem(name, value, fields);
    if (problem) return fail(ERRORS.invalid(name, problem));
  }
  return { ok: true, command, fields };
}
