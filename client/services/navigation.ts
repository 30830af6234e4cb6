import Taro from '@tarojs/taro';

/** The shop's pages, in one place. */
export function openOrder(orderNo: string): void {
  void Taro.navigateTo({ url: `/pages/order/index?orderNo=${encodeURIComponent(orderNo)}` });
}

export function openMyOrders(): void {
  void Taro.navigateTo({ url: '/pages/orders/index' });
}

/** Back to the shop: the previous page when the shopper came from it, otherwise a fresh start there (a shared link). */
export function backToShop(): void {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
  else void Taro.reLaunch({ url: '/pages/index/index' });
}
