import { backToShop, openMyOrders, openOrder } from '../../../client/services/navigation';
import { taroDouble } from '../doubles/taro';

describe('navigation', () => {
  beforeEach(() => taroDouble.reset());

  it('opens an order (number escaped) and my orders', () => {
    openOrder('A1 B');
    openMyOrders();
    expect(taroDouble.navigations).toEqual(['/pages/order/index?orderNo=A1%20B', '/pages/orders/index']);
  });

  it('goes back to the shop the shopper came from, or starts it afresh from a shared link', () => {
    taroDouble.setOpenPages(2);
    backToShop();
    taroDouble.setOpenPages(1);
    backToShop();
    expect(taroDouble.navigations).toEqual(['back', 'relaunch /pages/index/index']);
  });
});
