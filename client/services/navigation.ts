import Taro from '@tarojs/taro';

/** The shop's pages, in one place. */
export function openOrder(orderNo: string): void {
  void Taro.navigateTo({ url: `/pages/order/index?orderNo=${encodeURIComponent(orderNo)}` });
}

export function openMyOrders(): void {
  void Taro.navigateTo({ url: '/pages/orders/index' });
}
