/**
 * Caibao open API v1: the shapes on the wire (the pages are listed in README.md).
 * Answers are JSON `{result:{success, errorCode, errorMsg}, data:{…}}`; values may come as strings
 * or numbers, so every scalar is read as text (that is also how it enters a signature).
 */
import { z } from 'zod';

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

const text = z.union([z.string(), z.number()]).transform(String);
const optionalText = z.union([z.string(), z.number(), z.null()]).optional().transform((v) => (v === null || v === undefined ? undefined : String(v)));
/** An amount in fen: an integer, as a JSON number or as digits; beyond a safe integer it is unreadable (toFen would throw). */
const fenText = z
  .union([z.number().int().nonnegative(), z.string().regex(/^\d+$/, 'must be an integer number of fen')])
  .transform(Number)
  .pipe(z.number().max(Number.MAX_SAFE_INTEGER, 'must be a safe integer number of fen'));

export const envelopeSchema = z.object({
  result: z.object({
    success: z.boolean(),
    errorCode: z.union([z.string(), z.number()]).transform(String),
    errorMsg: z.string().optional(),
  }),
  data: z.record(z.unknown()).nullish(),
});

/** open.pay.mp `data`: the six wx.requestPayment fields (appId is returned but not passed on). */
export const mpAnswerSchema = z.object({
  appId: text,
  timeStamp: text,
  nonceStr: text,
  package: text,
  signType: z.enum(['MD5', 'HMAC-SHA256', 'RSA']),
  paySign: text,
  timestamp: optionalText,
});

/** open.pay.scan `data`. */
export const scanAnswerSchema = z.object({
  qrCode: text.pipe(z.string().min(1)),
  localOrderNo: text,
  cbOrderNo: optionalText,
  totalAmount: fenText,
  paymentChannel: optionalText,
});

/** An optional amount in fen; an empty string (the pages' examples show every value as "") is absent. */
const optionalFen = z.union([z.literal(''), z.null(), fenText]).optional().transform((v) => (v === '' || v === null ? undefined : v));

/** open.pay.query `data` (ding-dan-cha-xun.md). Signed: see commands.ts; the rest is read but not signed. */
export const queryAnswerSchema = z.object({
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
export const refundAnswerSchema = z.object({
  refundStatus: text,
  localOrderNo: optionalText,
  cbOrderNo: optionalText,
  outOrderNo: optionalText,
  refundAmount: optionalFen,
});

/** The payment notification, after its RSA2 signature has been verified. */
export const notificationSchema = z.object({
  cbOrderNo: optionalText,
  appOrderNo: text.pipe(z.string().min(1)),
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
