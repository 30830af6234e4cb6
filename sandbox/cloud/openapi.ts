/**
 * The local cloud's stand-in for `cloud.openapi.subscribeMessage.send` (云调用), written from
 * WeChat's page for subscribeMessage.send and its table of value rules (订阅消息参数值内容限制), not
 * from the server's message code: it refuses what WeChat documents it refuses and records
 * everything it was asked to send, so the local shop can show it.
 *
 * - The cloud call takes camelCase (`touser, templateId, page, data, miniprogramState, lang`);
 *   wx-server-sdk turns it into the HTTPS API's snake_case. Success answers
 *   `{errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok'}`; a refusal is thrown as an error
 *   carrying `errCode` and `errMsg`, as the SDK does.
 * - A one-time subscription: a shopper accepts a template (wx.requestSubscribeMessage, locally
 *   `accept`) and each accepted message may be sent once. None left → 43101.
 * - Each data key is `<type><n>` (thing1, amount2, …); its value must satisfy that type's rule → else 47003.
 */

export const SEND_OK = 'openapi.subscribeMessage.send:ok';

export interface SendParams {
  touser?: unknown;
  templateId?: unknown;
  page?: unknown;
  data?: unknown;
  miniprogramState?: unknown;
  lang?: unknown;
}

export interface SubscribeMessageRecord {
  at: number;
  touser: string;
  templateId: string;
  page?: string;
  data: Record<string, { value: string }>;
  miniprogramState?: string;
  lang?: string;
  /** 0 = delivered; otherwise the errcode WeChat would have answered. */
  errCode: number;
  errMsg: string;
}

export class OpenApiError extends Error {
  override readonly name = 'OpenApiError';
  constructor(
    readonly errCode: number,
    readonly errMsg: string,
  ) {
    super(`errCode: ${errCode} | errMsg: ${errMsg}`);
  }
}

/** The value rule of each documented type (characters are counted as characters, not bytes). */
const CONTROL = /\p{Cc}/u;
const HAN = /^\p{Script=Han}+$/u;
const chars = (value: string) => Array.from(value).length;
const DATE = String.raw`(\d{4}年\d{1,2}月\d{1,2}日|\d{4}年\d{1,2}月|\d{1,2}月\d{1,2}日|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{4}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2})`;
const CLOCK = String.raw`([01]?\d|2[0-3]):[0-5]\d(:[0-5]\d)?`;
const TIME_POINT = new RegExp(`^(${DATE} )?${CLOCK}$`);
const DATE_POINT = new RegExp(`^${DATE}( ${CLOCK})?$`);
const range = (point: RegExp) => (value: string) => value.split('~').every((part) => point.test(part.trim()));

const VALUE_RULES: Record<string, { test: (value: string) => boolean; rule: string }> = {
  thing: { test: (v) => chars(v) <= 20, rule: 'at most 20 characters' },
  number: { test: (v) => /^-?\d+(\.\d+)?$/.test(v) && v.replace(/\D/g, '').length <= 32, rule: 'digits (a decimal point allowed), at most 32' },
  letter: { test: (v) => /^[A-Za-z]{1,32}$/.test(v), rule: 'at most 32 letters' },
  symbol: { test: (v) => chars(v) <= 5 && /^[^\p{L}\p{N}]+$/u.test(v), rule: 'at most 5 symbols' },
  character_string: { test: (v) => chars(v) <= 32 && /^[\x21-\x7e]+$/.test(v), rule: 'at most 32 digits, letters or symbols' },
  time: { test: range(TIME_POINT), rule: '24-hour time, optionally with a date (15:01, 2019年10月1日 15:01)' },
  date: { test: range(DATE_POINT), rule: 'a date, optionally with a 24-hour time (2019年10月1日, 2019-10-01 15:01)' },
  amount: { test: (v) => /^[¥￥$€£]\d{1,10}(\.\d{1,2})?元?$/.test(v), rule: 'one currency symbol and at most 10 digits, decimals allowed, 元 at the end allowed' },
  phone_number: { test: (v) => chars(v) <= 17 && /^[\d+\-() ]+$/.test(v), rule: 'at most 17 digits and symbols' },
  car_number: { test: (v) => chars(v) <= 8 && /^[\p{Script=Han}A-Za-z0-9][A-Za-z0-9]*[\p{Script=Han}A-Za-z0-9]?$/u.test(v), rule: 'a plate number of at most 8 characters' },
  name: { test: (v) => (HAN.test(v) ? chars(v) <= 10 : /\p{Script=Han}/u.test(v) ? chars(v) <= 10 : chars(v) <= 20), rule: 'at most 10 Chinese characters or 20 letters' },
  phrase: { test: (v) => HAN.test(v) && chars(v) <= 5, rule: 'at most 5 Chinese characters' },
};

/** Why WeChat would refuse this data, or undefined. */
export function invalidData(data: unknown): string | undefined {
  if (!data || typeof data !== 'object' || Array.isArray(data) || Object.keys(data).length === 0) return 'data is empty';
  for (const [key, entry] of Object.entries(data as Record<string, unknown>)) {
    const type = /^([a-z]+(?:_[a-z]+)*)\d+$/.exec(key)?.[1];
    const rule = type ? VALUE_RULES[type] : undefined;
    if (!rule) return `data.${key} is not a template keyword`;
    const value = (entry as { value?: unknown } | null)?.value;
    if (typeof value !== 'string' && typeof value !== 'number') return `data.${key}.value is empty`;
    const text = String(value);
    if (text.trim() === '') return `data.${key}.value is empty`;
    if (CONTROL.test(text) || !rule.test(text)) return `data.${key}.value invalid: ${type} must be ${rule.rule}`;
  }
  return undefined;
}

export class SubscribeMessages {
  readonly records: SubscribeMessageRecord[] = [];
  /** Accepted, not yet used one-time subscriptions per `openid\ntemplateId`. */
  private readonly quota = new Map<string, number>();
  private nextFailure: OpenApiError | undefined;

  /** `pages`: the mini program's pages (app.json); when given, `page` must be one of them (41030). */
  constructor(private readonly options: { now?: () => number; pages?: readonly string[] } = {}) {}

  private isPage(page: string): boolean {
    const path = page.split('?')[0] ?? '';
    return path !== '' && (!this.options.pages || this.options.pages.includes(path));
  }

  /** The shopper tapped "allow" on wx.requestSubscribeMessage for these templates: one message each. */
  accept(openid: string, templateIds: readonly string[]): void {
    for (const id of templateIds) this.quota.set(`${openid}\n${id}`, (this.quota.get(`${openid}\n${id}`) ?? 0) + 1);
  }

  /** Tests: the next send fails with this errcode (e.g. -1 system busy), whatever it carries. */
  failNext(errCode: number, errMsg = 'system error'): void {
    this.nextFailure = new OpenApiError(errCode, `openapi.subscribeMessage.send:fail ${errMsg}`);
  }

  forUser(openid: string): SubscribeMessageRecord[] {
    return this.records.filter((record) => record.touser === openid);
  }

  async send(params: SendParams): Promise<{ errCode: 0; errMsg: string }> {
    const failure = this.check(params);
    const record: SubscribeMessageRecord = {
      at: (this.options.now ?? Date.now)(),
      touser: typeof params.touser === 'string' ? params.touser : '',
      templateId: typeof params.templateId === 'string' ? params.templateId : '',
      ...(typeof params.page === 'string' ? { page: params.page } : {}),
      data: (params.data && typeof params.data === 'object' ? params.data : {}) as Record<string, { value: string }>,
      ...(typeof params.miniprogramState === 'string' ? { miniprogramState: params.miniprogramState } : {}),
      ...(typeof params.lang === 'string' ? { lang: params.lang } : {}),
      errCode: failure?.errCode ?? 0,
      errMsg: failure?.errMsg ?? SEND_OK,
    };
    this.records.push(JSON.parse(JSON.stringify(record)) as SubscribeMessageRecord);
    if (failure) throw failure;
    return { errCode: 0, errMsg: SEND_OK };
  }

  private check(params: SendParams): OpenApiError | undefined {
    const fail = (errCode: number, reason: string) => new OpenApiError(errCode, `openapi.subscribeMessage.send:fail ${reason}`);
    if (this.nextFailure) {
      const failure = this.nextFailure;
      this.nextFailure = undefined;
      return failure;
    }
    if (typeof params.touser !== 'string' || params.touser === '') return fail(40003, 'invalid openid');
    if (typeof params.templateId !== 'string' || params.templateId === '') return fail(40037, 'invalid template id');
    if (params.page !== undefined && (typeof params.page !== 'string' || !this.isPage(params.page))) return fail(41030, 'invalid page');
    const problem = invalidData(params.data);
    if (problem) return fail(47003, `argument invalid! ${problem}`);
    const key = `${params.touser}\n${params.templateId}`;
    const left = this.quota.get(key) ?? 0;
    if (left < 1) return fail(43101, 'user refuse to accept the msg');
    this.quota.set(key, left - 1);
    return undefined;
  }
}
