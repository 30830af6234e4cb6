import { fireEvent, render, screen } from '@testing-library/react';
import OrderPage from '../../../client/pages/order/index';
import { installCloud } from '../../../client/services/cloud';
import { taroDouble } from '../doubles/taro';
import { createFakeShop, type FakeShop } from '../support/fake-shop';

describe('order page', () => {
  let shop: FakeShop;
  beforeEach(async () => {
    taroDouble.reset();
    shop = createFakeShop();
    installCloud(shop.cloud);
    await shop.cloud.callFunction('pay', { action: 'create', items: [{ skuId: 'green-tea', quantity: 2 }, { skuId: 'teapot', quantity: 1 }], requestId: 'request-1' });
    taroDouble.setRouterParams({ orderNo: 'ORDER0001' });
  });

  it('shows the order’s lines, total and status from the server', async () => {
    render(<OrderPage />);
    expect(await screen.findByText('Green tea ×2')).toBeTruthy();
    expect(screen.getByText('Order ORDER0001')).toBeTruthy();
    expect(screen.getByText('¥24.00')).toBeTruthy();
    expect(screen.getByText('¥192.00')).toBeTruthy();
    expect(screen.getByText('待付款')).toBeTruthy();
  });

  it('asks the server for the payment’s status on request', async () => {
    render(<OrderPage />);
    await screen.findByText('待付款');
    shop.orders.get('ORDER0001')!.status = 'PAID';
    fireEvent.click(screen.getByRole('button', { name: 'Refresh status' }));
    await screen.findByText('已支付');
    expect(shop.calls.at(-1)).toEqual({ name: 'pay', data: { action: 'status', orderNo: 'ORDER0001' } });
    expect(screen.queryByRole('button', { name: 'Cancel order' })).toBeNull();
  });

  it('cancels an unpaid order', async () => {
    render(<OrderPage />);
    await screen.findByText('待付款');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel order' }));
    await screen.findByText('已取消');
    expect(shop.orders.get('ORDER0001')!.status).toBe('CLOSED');
  });

  it('says so when the order is not the shopper’s (NOT_FOUND)', async () => {
    taroDouble.setRouterParams({ orderNo: 'SOMEONEELSE1' });
    render(<OrderPage />);
    expect(await screen.findByText('no order')).toBeTruthy();
  });
});
