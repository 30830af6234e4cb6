/**
 * Every word a shopper reads, in Simplified Chinese, in one place. Statuses and error codes come
 * from the shared API (api/): the Records below are exhaustive, so a new status or code does not
 * typecheck until it has words here. A server's or provider's own text is never shown.
 */
import type { ErrorCode, OrderTab, ShopperStatus } from '../api';
import { formatFen } from './services/money';

export const STATUS_LABELS: Record<ShopperStatus, string> = {
  CREATED: '待付款',
  PAYING: '待付款',
  UNKNOWN: '支付确认中',
  PAID: '已支付',
  CLOSED: '已取消',
  FAILED: '支付失败',
  EXPIRED: '已过期',
  REFUNDING: '退款中',
  PARTIALLY_REFUNDED: '部分退款',
  REFUNDED: '已退款',
};

export function statusLabel(status: ShopperStatus): string {
  return STATUS_LABELS[status];
}

const ERROR_MESSAGES_PAY_FAILED = '支付未完成，请重试或更换支付方式。';

/** Client-side failures that have no server code. */
export type ClientErrorCode = 'NETWORK' | 'UNEXPECTED' | 'PAY_FAILED' | 'CART_CHANGED';

/** What went wrong, and what the shopper can do about it. */
export const ERROR_MESSAGES: Record<ErrorCode | ClientErrorCode, string> = {
  INVALID_ARGUMENT: '订单信息有误，请返回首页重新下单。',
  NOT_FOUND: '没有找到这笔订单，请到“我的订单”查看。',
  PERMISSION_DENIED: '请在微信中打开小程序后再试。',
  CONFLICT: '订单正在处理中，请稍后刷新查看。',
  ORDER_PAID: '这笔订单已经支付成功，无需再次支付。',
  ORDER_CLOSED: '这笔订单已取消，请重新下单。',
  ORDER_EXPIRED: '这笔订单已过期，请重新下单。',
  AMOUNT_MISMATCH: '订单金额有变化，请返回首页重新下单。',
  PROVIDER_REJECTED: '支付渠道暂时无法处理这笔订单，请稍后重试。',
  PROVIDER_UNAVAILABLE: '支付服务繁忙，请稍后重试。',
  SIGNATURE_INVALID: '支付校验未通过，请稍后重试。',
  CONFIG_INVALID: '商店暂时无法收款，请稍后再来。',
  INTERNAL: '系统繁忙，请稍后重试。',
  NETWORK: '网络不给力，请检查网络后重试。',
  UNEXPECTED: '系统繁忙，请稍后重试。',
  PAY_FAILED: ERROR_MESSAGES_PAY_FAILED,
  CART_CHANGED: '购物车已在其他页面更新，请返回首页核对后再结算。',
};

export function errorMessage(code: string): string {
  return (ERROR_MESSAGES as Record<string, string | undefined>)[code] ?? ERROR_MESSAGES.UNEXPECTED;
}

export const TAB_LABELS: Record<OrderTab, string> = {
  all: '全部',
  unpaid: '待付款',
  paid: '已支付',
  refund: '退款/售后',
  closed: '已关闭',
};

/** "2 分 05 秒" for a countdown. */
export function countdownText(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${minutes} 分 ${String(seconds).padStart(2, '0')} 秒`;
}

export const S = {
  ordersTitle: '我的订单',
  orderTitle: '订单详情',
  confirmTitle: '确认订单',
  resultTitle: '支付结果',
  loading: '加载中…',
  retry: '重新加载',
  catalogFailed: '商品加载失败',
  soldOut: '已售罄',
  maxReached: (n: number) => `每单限购 ${n} 件`,
  add: '加入购物车',
  less: '减少',
  more: '增加',
  cartEmpty: '购物车是空的',
  total: '合计',
  checkout: '去结算',
  checkoutCount: (n: number) => `去结算(${n})`,
  clearCart: '清空',
  cartTitle: '购物车',
  cartChanged: '购物车已在其他页面更新',
  // 确认订单
  confirmPricing: '正在核对商品价格…',
  quoteUnavailable: '购物车中有商品已售罄或下架，请返回首页修改购物车。',
  priceChanged: (shown: number, now: number) => `商品价格有变动，实付款由 ${formatFen(shown)} 变为 ${formatFen(now)}，请核对后再支付。`,
  confirmLines: '商品',
  confirmTotal: '实付款',
  pay: '微信支付',
  payAmount: (fen: number) => `微信支付 ${formatFen(fen)}`,
  payByQr: '扫码支付',
  paying: '支付中…',
  confirming: '正在确认支付结果…',
  payCancelled: '支付已取消，订单未支付，可在有效期内继续支付。',
  checkAgain: '刷新支付结果',
  unconfirmed: '暂未收到支付结果。如已付款请稍后点击“刷新支付结果”，请勿重复支付。',
  payCancelledShort: '已取消支付',
  payFailed: ERROR_MESSAGES_PAY_FAILED,
  continuePay: '继续支付',
  // 支付结果
  paidTitle: '支付成功',
  notPaidTitle: '订单未支付',
  expiredTitle: '订单已过期',
  closedTitle: '订单已取消',
  pendingTitle: '支付结果确认中',
  uncheckedTitle: '暂时无法确认支付结果',
  unchecked: '如已完成付款，请勿重复支付。可稍后点击“刷新支付结果”，或到“我的订单”查看订单状态。',
  myOrders: '查看我的订单',
  viewOrder: '查看订单',
  backHome: '返回首页',
  // 订单
  noOrders: '暂无订单',
  noOrdersInTab: '这里还没有订单',
  goShopping: '去逛逛',
  loadMore: '加载更多',
  allLoaded: '没有更多了',
  orderNo: '订单编号',
  copy: '复制',
  copied: '已复制',
  createdAt: '下单时间',
  paidAt: '支付时间',
  refunded: '已退款金额',
  refunding: '退款中',
  refundingAmount: (fen: number) => `退款中 ${formatFen(fen)}`,
  amount: '订单金额',
  payNow: '去支付',
  cancelOrder: '取消订单',
  cancelConfirmTitle: '取消订单',
  cancelConfirm: '确定要取消这笔订单吗？取消后不可恢复。',
  cancelKeep: '再想想',
  cancelOk: '确定取消',
  cancelled: '订单已取消',
  refresh: '刷新',
  timeLeft: (text: string) => `剩余支付时间 ${text}`,
  expiredHint: '支付时间已过，订单已自动关闭。',
  pendingOrder: '你有一笔待付款订单',
  pendingOrderHint: (fen: number) => `金额 ${formatFen(fen)}，请在有效期内完成支付，避免重复下单。`,
  contact: '联系客服',
  // 扫码支付（浏览器）
  qrHint: '请使用微信扫一扫完成支付，支付成功后本页自动更新。',
  qrFailed: '二维码生成失败，请使用下方链接支付。',
  qrOpen: '在本机打开支付页面',
  qrStop: '暂不支付',
  qrAlt: (orderNo: string) => `订单 ${orderNo} 的支付二维码`,
} as const;
