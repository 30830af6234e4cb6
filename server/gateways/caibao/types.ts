/**
 * Caibao open API v1: the shapes on the wire (PROTOCOLS.md §2, providers/caibao-*.md).
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
  /** Caibao's RSA public key (PEM) that signs answers and notifications. */
  publicKeyPem: string;
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

/** open.pay.query `data` (fields as listed in PROTOCOLS.md §2). */
export const queryAnswerSchema = z.object({
  localOrderNo: text,
  cbOrderNo: optionalText,
  outOrderNo: optionalText,
  orderStatus: text,
  totalAmount: fenText.optional(),
  receiveAmount: fenText.optional(),
  refundAmount: fenText.optional(),
  payTime: optionalText,
});

/** open.pay.refund `data`: not documented; we read only what a query would also say. */
export const refundAnswerSchema = z.object({
  localOrderNo: optionalText,
  cbOrderNo: optionalText,
  orderStatus: optionalText,
  refundAmount: fenText.optional(),
});

/** The payment notification, after its RSA2 signature has been verified. */
export const notificationSchema = z.object({
  cbOrderNo: optionalText,
  appOrderNo: text.pipe(z.string().min(1)),
  outOrderNo: optionalText,
  orderStatus: text,
  totalAmount: fenText,
  receiveAmount: fenText.optional(),
  discountAmount: fenText.optional(),
  paymentChannel: optionalText,
  subject: optionalText,
  paymentWay: optionalText,
  payTime: optionalText,
});
