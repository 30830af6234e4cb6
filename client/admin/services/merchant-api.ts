/**
 * The merchant console's calls to the `merchant` function, checked with zod. Kept inside the
 * subpackage: shoppers never download any of it.
 */
import { z } from 'zod';
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

const refundSchema = z.object({ refundNo: z.string(), amount: z.number(), status: z.string(), reason: z.string().optional(), requestedAt: z.number(), settledAt: z.number().optional() });

export const merchantOrderSchema = z.object({
  orderNo: z.string(),
  status: z.string(),
  provider: z.string(),
  method: z.string(),
  amount: z.number().int(),
  refundedAmount: z.number().int(),
  description: z.string(),
  buyer: z.string(),
  createdAt: z.number(),
  paidAt: z.number().optional(),
  refunds: z.array(refundSchema),
});
export type MerchantOrder = z.infer<typeof merchantOrderSchema>;

const searchSchema = z.object({ orders: z.array(merchantOrderSchema), total: z.number().int() });
const eventSchema = z.object({ at: z.number(), kind: z.string(), outcome: z.string() }).passthrough();
export type PaymentEvent = z.infer<typeof eventSchema>;
const historySchema = z.object({ order: merchantOrderSchema, events: z.array(eventSchema) });
const refundAnswerSchema = z.object({ refundNo: z.string(), amount: z.number().int(), status: z.string(), orderStatus: z.string(), refundedAmount: z.number().int() });
export type RefundAnswer = z.infer<typeof refundAnswerSchema>;
const summarySchema = z.object({
  day: z.string(),
  orders: z.number().int(),
  paidOrders: z.number().int(),
  paid: z.number().int(),
  refunds: z.number().int(),
  refunded: z.number().int(),
  net: z.number().int(),
  truncated: z.boolean(),
});
export type DaySummary = z.infer<typeof summarySchema>;
const findingSchema = z.object({
  orderNo: z.string(),
  status: z.string(),
  amount: z.number().int(),
  provider: z.object({ status: z.string(), amount: z.number().optional() }).passthrough(),
  mismatch: z.string().optional(),
  advice: z.string().optional(),
});
export type Finding = z.infer<typeof findingSchema>;
const reconcileSchema = z.object({ day: z.string(), checked: z.number().int(), mismatches: z.number().int(), findings: z.array(findingSchema), truncated: z.boolean() });
export type DayReconciliation = z.infer<typeof reconcileSchema>;

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

async function call<T>(data: Record<string, unknown>, schema: z.ZodType<T>): Promise<T> {
  let answer: unknown;
  try {
    answer = await getCloud().callFunction('merchant', data);
  } catch {
    throw new MerchantError('NETWORK', 'network');
  }
  const envelope = answer as { ok?: boolean; data?: unknown; error?: { code?: unknown } } | null;
  if (envelope?.ok === false) throw new MerchantError(typeof envelope.error?.code === 'string' ? envelope.error.code : 'INTERNAL', 'refused');
  const parsed = schema.safeParse(envelope?.data);
  if (envelope?.ok !== true || !parsed.success) throw new MerchantError('INTERNAL', 'unexpected answer');
  return parsed.data;
}

export const whoami = () => call({ action: 'whoami' }, z.object({ admin: z.literal(true) }));
export const searchOrders = (query: { orderNo?: string; status?: string; from?: string; to?: string; offset?: number; limit?: number }) =>
  call({ action: 'search', ...query }, searchSchema);
export const orderHistory = (orderNo: string) => call({ action: 'history', orderNo }, historySchema);
export const refundOrder = (input: { orderNo: string; refundNo: string; amount?: number; reason: string }) => call({ action: 'refund', ...input }, refundAnswerSchema);
export const daySummary = (day: string) => call({ action: 'summary', day }, summarySchema);
export const reconcileDay = (day: string) => call({ action: 'reconcile', day }, reconcileSchema);
export const syncOrder = (orderNo: string) => call({ action: 'sync', orderNo }, z.object({ outcome: z.string(), order: merchantOrderSchema }));

/** The local shop only (H5): switch this browser to the merchant's administrator and back. */
export async function switchLocalAdmin(on: boolean): Promise<void> {
  await fetch('/identity/admin', { method: 'POST', credentials: 'include', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ on }) });
}
