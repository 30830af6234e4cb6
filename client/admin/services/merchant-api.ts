/**
 * The merchant console's calls to the `merchant` function, checked on arrival. Kept inside the
 * subpackage: shoppers never download any of it.
 */
import * as v from 'valibot';
import { getCloud } from '../../services/cloud';

export class MerchantError extends Error {
  override readonly name = 'MerchantError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const refundSchema = v.object({ refundNo: v.string(), amount: v.number(), status: v.string(), reason: v.optional(v.string()), requestedAt: v.number(), settledAt: v.optional(v.number()) });

export const merchantOrderSchema = v.object({
  orderNo: v.string(),
  status: v.string(),
  provider: v.string(),
  method: v.string(),
  amount: v.pipe(v.number(), v.integer()),
  refundedAmount: v.pipe(v.number(), v.integer()),
  description: v.string(),
  buyer: v.string(),
  createdAt: v.number(),
  paidAt: v.optional(v.number()),
  refunds: v.array(refundSchema),
});
export type MerchantOrder = v.InferOutput<typeof merchantOrderSchema>;

const searchSchema = v.object({ orders: v.array(merchantOrderSchema), total: v.pipe(v.number(), v.integer()) });
const eventSchema = v.looseObject({ at: v.number(), kind: v.string(), outcome: v.string() });
export type PaymentEvent = v.InferOutput<typeof eventSchema>;
const historySchema = v.object({ order: merchantOrderSchema, events: v.array(eventSchema) });
const refundAnswerSchema = v.object({ refundNo: v.string(), amount: v.pipe(v.number(), v.integer()), status: v.string(), orderStatus: v.string(), refundedAmount: v.pipe(v.number(), v.integer()) });
export type RefundAnswer = v.InferOutput<typeof refundAnswerSchema>;
const summarySchema = v.object({
  day: v.string(),
  orders: v.pipe(v.number(), v.integer()),
  paidOrders: v.pipe(v.number(), v.integer()),
  paid: v.pipe(v.number(), v.integer()),
  refunds: v.pipe(v.number(), v.integer()),
  refunded: v.pipe(v.number(), v.integer()),
  refundsAtProvider: v.optional(v.pipe(v.number(), v.integer()), 0),
  refundedAtProvider: v.optional(v.pipe(v.number(), v.integer()), 0),
  net: v.pipe(v.number(), v.integer()),
  truncated: v.boolean(),
});
export type DaySummary = v.InferOutput<typeof summarySchema>;
const findingSchema = v.object({
  orderNo: v.string(),
  status: v.string(),
  amount: v.pipe(v.number(), v.integer()),
  provider: v.looseObject({ status: v.string(), amount: v.optional(v.number()) }),
  mismatch: v.optional(v.string()),
  advice: v.optional(v.string()),
});
export type Finding = v.InferOutput<typeof findingSchema>;
const reconcileSchema = v.object({ day: v.string(), checked: v.pipe(v.number(), v.integer()), mismatches: v.pipe(v.number(), v.integer()), findings: v.array(findingSchema), truncated: v.boolean() });
export type DayReconciliation = v.InferOutput<typeof reconcileSchema>;

/** What the console says for each error code (the server's own text is never shown). */
const MESSAGES: Record<string, string> = {
  PERMISSION_DENIED: '仅商户管理员可以使用此页面。',
  NOT_FOUND: '没有找到该订单。',
  INVALID_ARGUMENT: '输入有误，请检查后重试。',
  CONFLICT: '该操作与订单当前状态冲突（例如退款金额超过可退金额，或退款单号已用于其他金额）。',
  ORDER_CLOSED: '订单已关闭。',
  PROVIDER_REJECTED: '支付服务商拒绝了该操作。',
  PROVIDER_UNAVAILABLE: '支付服务商暂时无法访问，请稍后用同一退款单号重试。',
  NETWORK: '网络异常，请稍后重试。',
};

export function describeMerchantError(err: unknown): string {
  const code = err instanceof MerchantError ? err.code : 'INTERNAL';
  return MESSAGES[code] ?? '操作失败，请稍后重试。';
}

async function call<T>(data: Record<string, unknown>, schema: v.GenericSchema<unknown, T>): Promise<T> {
  let answer: unknown;
  try {
    answer = await getCloud().callFunction('merchant', data);
  } catch {
    throw new MerchantError('NETWORK', 'network');
  }
  const envelope = answer as { ok?: boolean; data?: unknown; error?: { code?: unknown } } | null;
  if (envelope?.ok === false) throw new MerchantError(typeof envelope.error?.code === 'string' ? envelope.error.code : 'INTERNAL', 'refused');
  const parsed = v.safeParse(schema, envelope?.data);
  if (envelope?.ok !== true || !parsed.success) throw new MerchantError('INTERNAL', 'unexpected answer');
  return parsed.output;
}

export const whoami = () => call({ action: 'whoami' }, v.object({ admin: v.literal(true) }));
export const searchOrders = (query: { orderNo?: string; status?: string; from?: string; to?: string; offset?: number; limit?: number }) =>
  call({ action: 'search', ...query }, searchSchema);
export const orderHistory = (orderNo: string) => call({ action: 'history', orderNo }, historySchema);
export const refundOrder = (input: { orderNo: string; refundNo: string; amount?: number; reason: string }) => call({ action: 'refund', ...input }, refundAnswerSchema);
export const daySummary = (day: string) => call({ action: 'summary', day }, summarySchema);
export const reconcileDay = (day: string) => call({ action: 'reconcile', day }, reconcileSchema);
export const syncOrder = (orderNo: string) => call({ action: 'sync', orderNo }, v.object({ outcome: v.string(), order: merchantOrderSchema }));

/** The local shop only (H5): switch this browser to the merchant's administrator and back. */
export async function switchLocalAdmin(on: boolean): Promise<void> {
  await fetch('/identity/admin', { method: 'POST', credentials: 'include', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ on }) });
}
