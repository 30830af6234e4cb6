/**
 * The shape of a Caibao v1 command page, as the sandbox transcribes it: the parameter table
 * (参数名 / 参数类型 / 是否必填 / 是否参与签名) and the annotated answer example (which `data`
 * fields are 参与签名, which appear only from version 1.1).
 */

/** 参数类型 as the tables write it. */
export type ParamType = 'String' | 'Long' | 'Integer';

/** 是否必填: 是 / 否 / "否，与order_no二选一" (one of the two order numbers must be given). */
export type Required = 'yes' | 'no' | 'oneOfOrderNumbers';

export interface Param {
  readonly type: ParamType;
  readonly required: Required;
  readonly signed: boolean;
}

export const param = (type: ParamType, required: Required, signed: boolean): Param => ({ type, required, signed });

export interface AnswerField {
  readonly name: string;
  /** Marked 参与签名 in the page's answer example. */
  readonly signed: boolean;
  /** Listed under "以下字段只有version大于等于1.1时才会返回". */
  readonly since11?: boolean;
}

export const answerField = (name: string, signed: boolean, since11 = false): AnswerField => ({ name, signed, since11 });

export interface CommandPage {
  /** The page in Caibao's public v1 docs (published copy: GitHub zyf0744/mmtipay). */
  readonly page: string;
  readonly params: Readonly<Record<string, Param>>;
  readonly answer: readonly AnswerField[];
}

/** The answer fields covered by the RSA2 signature, as the page marks them. */
export function answerSignedNames(page: CommandPage): string[] {
  return page.answer.filter((f) => f.signed).map((f) => f.name);
}

/** The request fields covered by the MD5 signature, as the table marks them. */
export function requestSignedNames(page: CommandPage): string[] {
  return Object.entries(page.params)
    .filter(([, p]) => p.signed)
    .map(([name]) => name);
}
