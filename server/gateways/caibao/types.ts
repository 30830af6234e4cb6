/**
 * Caibao open API v1: the shapes on the wire (the pages are listed in README.md).
 * Answers are JSON `{result:{success, errorCode, errorMsg}, data:{…}}`; values may come as strings
 * or numbers, so every scalar is read as text (that is also how it enters a signature).
 */
import * as v from 'valibot';

export const COMMANDS = ['open.pay.mp', 'open.pay.scan', 'open.pay.query', 'open.pay.reverse', 'open.pay.refund'] as const;
export type CommandName = (typeof COMMANDS)[number];

/** The merchant's settings (from the environment, see settings.ts and README.md). */
export interface CaibaoSettings {
  baseUrl: string;
  app: string;
  operatorId: string;
  /** The MD5 signing secret: never logged, never in an error. */
  key: string;
  /** Caibao's RSA public key that signs answers and notifications: bare base64 (as published) or PEM. */
  publicKey: string;
  notifyUrl: string;
  timeoutMs: number;
}

/** Request fields by name; `undefined` or '' = not sent and not signed. */
export type RequestFields = Readonly<Record<string, string | undefined>>;

/** A flat field map as received (answer `data`, notification body), before any checks. */
export type WireFields = Readonly<Record<string, unknown>>;

const text = v.pipe(v.union([v.string(), v.number()]), v.transform(String));
const optionalText = v.pipe(
  v.optional(v.union([v.string(), v.number(), v.null()])),
  v.transform((value) => (value === null || value === undefined ? undefined : String(value))),
);
/** An amount in fen: an integer, as a JSON number or as digits; beyond a safe integer it is unreadable (toFen would throw). */
const fenText = v.pipe(
  v.union([v.pipe(v.number(), v.integer(), v.minValue(0)), v.pipe(v.string(), v.regex(/^\d+$/, 'must be an integer number of fen'))]),
  v.transform(Number),
  v.maxValue(Number.MAX_SAFE_INTEGER, 'must be a safe integer number of fen'),
);

export const envelopeSchema = v.object({
  result: v.object({
    success: v.boolean(),
    errorCode: v.pipe(v.union([v.string(), v.number()]), v.transform(String)),
    errorMsg: v.optional(v.string()),
  }),
  data: v.nullish(v.record(v.string(), v.unknown())),
});

/** open.pay.mp `data`: the six wx.requestPayment fields (appId is returned but not passed on). */
export const mpAnswerSchema = v.object({
  appId: text,
  timeStamp: text,
  nonceStr: text,
  package: text,
  signType: v.picklist(['MD5', 'HMAC-SHA256', 'RSA']),
  paySign: text,
  timestamp: optionalText,
});

/** open.pay.scan `data`. */
export const scanAnswerSchema = v.object({
  qrCode: v.pipe(text, v.pipe(v.string(), v.minLength(1))),
  localOrderNo: text,
  cbOrderNo: optionalText,
  totalAmount: fenText,
  paymentChannel: optionalText,
});

/** An optional amount in fen; an empty string (the pages' examples show every value as "") is absent. */
const optionalFen = v.pipe(v.optional(v.union([v.literal(''), v.null(), fenText])), v.transform((v) => (v === '' || v === null ? undefined : v)));

/** open.pay.query `data` (ding-dan-cha-xun.md). Signed: see commands.ts; the rest is read but not signed. */
export const queryAnswerSchema = v.object({
  localOrderNo: text,
  cbOrderNo: optionalText,
  outOrderNo: optionalText,
  orderStatus: text,
  subject: optionalText,
  paymentChannel: optionalText,
  paymentWay: optionalText,
  payTime: optionalText,
  totalAmount: optionalFen,
  receiveAmount: optionalFen,
  refundAmount: optionalFen,
  refundTime: optionalText,
  discountAmount: optionalFen,
});

/** open.pay.refund `data` (jiao-yi-tui-kuan.md): every field signed; localOrderNo is the refund's own number. */
export const refundAnswerSchema = v.object({
  refundStatus: text,
  localOrderNo: optionalText,
  cbOrderNo: optionalText,
  outOrderNo: optionalText,
  refundAmount: optionalFen,
});

/** The payment notification, after its RSA2 signature has been verified. */
export const notificationSchema = v.object({
  cbOrderNo: optionalText,
  appOrderNo: v.pipe(text, v.pipe(v.string(), v.minLength(1))),
  outOrderNo: optionalText,
  orderStatus: text,
  totalAmount: fenText,
  receiveAmount: optionalFen,
  discountAmount: optionalFen,
  paymentChannel: optionalText,
  subject: optionalText,
  paymentWay: optionalText,
  payTime: optionalText,
});
