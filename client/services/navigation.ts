import Taro from '@tarojs/taro';

/** The shop's pages, in one place. 首页 and 我的订单 are tabs (switchTab); the rest are stacked. */
export const ROUTES = {
  home: '/pages/index/index',
  orders: '/pages/orders/index',
  order: '/pages/order/index',
  confirm: '/pages/confirm/index',
  result: '/pages/result/index',
} as const;

const go = (promise: Promise<unknown>) => void promise.catch(() => undefined);

export function openOrder(orderNo: string): void {
  go(Taro.navigateTo({ url: `${ROUTES.order}?orderNo=${encodeURIComponent(orderNo)}` }));
}

export function openConfirm(): void {
  go(Taro.navigateTo({ url: ROUTES.confirm }));
}

/** 确认订单 showing the QR code of an order already made to be paid by QR code (in the browser). */
export function openQrForOrder(orderNo: string): void {
  go(Taro.navigateTo({ url: `${ROUTES.confirm}?orderNo=${encodeURIComponent(orderNo)}&pay=qr` }));
}

/** 支付结果 replaces the page that paid: back from it never returns to a sheet already used. */
export function openResult(orderNo: string): void {
  go(Taro.redirectTo({ url: `${ROUTES.result}?orderNo=${encodeURIComponent(orderNo)}` }));
}

export function openMyOrders(): void {
  go(Taro.switchTab({ url: ROUTES.orders }));
}

export function goHome(): void {
  go(Taro.switchTab({ url: ROUTES.home }));
}
