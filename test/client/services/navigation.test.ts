import { goHome, openConfirm, openQrForOrder, openMyOrders, openOrder, openResult } from '../../../client/services/navigation';
import { taroDouble } from '../doubles/taro';

describe('navigation', () => {
  beforeEach(() => taroDouble.reset());

  it('stacks the order pages (numbers escaped), switches to the tabs, and lets 支付结果 replace the page that paid', () => {
    openOrder('A1 B');
    openConfirm();
    openQrForOrder('Q1');
    openResult('A1');
    openMyOrders();
    goHome();
    expect(taroDouble.navigations).toEqual([
      '/pages/order/index?orderNo=A1%20B',
      '/pages/confirm/index',
      '/pages/confirm/index?orderNo=Q1&pay=qr',
      'redirect /pages/result/index?orderNo=A1',
      'tab /pages/orders/index',
      'tab /pages/index/index',
    ]);
  });
});
