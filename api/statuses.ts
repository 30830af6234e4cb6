/**
 * Order statuses: the ones the server stores (the state machine's, server/orders/states.ts) and the
 * ones a shopper is shown, which add EXPIRED — an unpaid order whose time is up, answered as such on
 * read (before reconcile gets to close it) and after reconcile closed it for that reason.
 */
export const ORDER_STATUSES = [
  'CREATED',
  'PAYING',
  'UNKNOWN',
  'PAID',
  'CLOSED',
  'FAILED',
  'REFUNDING',
  'PARTIALLY_REFUNDED',
  'REFUNDED',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const SHOPPER_STATUSES = [...ORDER_STATUSES, 'EXPIRED'] as const;
export type ShopperStatus = (typeof SHOPPER_STATUSES)[number];

/** The shopper may still pay (or cancel) an order in these, until it expires. */
export const UNPAID: readonly OrderStatus[] = ['CREATED', 'PAYING'];

/**
 * The status a shopper sees: an unpaid order past `expiresAt` is EXPIRED, and so is one closed at
 * or after its expiry (by reconcile, not by the shopper's cancel, which comes before it).
 */
export function shopperStatus(order: { status: ShopperStatus; expiresAt: number; closedAt?: number }, now: number): ShopperStatus {
  if (isPayable(order.status) && now >= order.expiresAt) return 'EXPIRED';
  if (order.status === 'CLOSED' && order.closedAt !== undefined && order.closedAt >= order.expiresAt) return 'EXPIRED';
  return order.status;
}

/** Nothing more will happen to the payment unless the provider proves one (the server said so). */
export function isFinal(status: ShopperStatus): boolean {
  return status !== 'CREATED' && status !== 'PAYING' && status !== 'UNKNOWN';
}

/** The shopper may still pay (`pay` action) or cancel this order. */
export function isPayable(status: ShopperStatus): boolean {
  return (UNPAID as readonly string[]).includes(status);
}

/** The money was received at some point (refunds may have followed). */
export function wasPaid(status: ShopperStatus): boolean {
  return status === 'PAID' || status === 'REFUNDING' || status === 'PARTIALLY_REFUNDED' || status === 'REFUNDED';
}

/** The tabs of 我的订单 and the shopper statuses each one shows (`all`: every order). */
export const ORDER_TABS = {
  all: undefined,
  unpaid: ['CREATED', 'PAYING', 'UNKNOWN'],
  paid: ['PAID'],
  refund: ['REFUNDING', 'PARTIALLY_REFUNDED', 'REFUNDED'],
  closed: ['CLOSED', 'EXPIRED', 'FAILED'],
} as const satisfies Record<string, readonly ShopperStatus[] | undefined>;
export type OrderTab = keyof typeof ORDER_TABS;
export const ORDER_TAB_KEYS = Object.keys(ORDER_TABS) as OrderTab[];

export function inTab(tab: OrderTab, status: ShopperStatus): boolean {
  const statuses: readonly ShopperStatus[] | undefined = ORDER_TABS[tab];
  return statuses === undefined || statuses.includes(status);
}
