import { fireEvent, render, screen, within } from '@testing-library/react';
import OrdersPage from '../../../client/pages/orders/index';
import { installCloud } from '../../../client/services/cloud';
import { taroDouble } from '../doubles/taro';
import { createFakeShop, type FakeShop } from '../support/fake-shop';

describe('my orders page', () => {
  let shop: FakeShop;
  beforeEach(async () => {
    taroDouble.reset();
    shop = createFakeShop();
    installCloud(shop.cloud);
    for (let i = 1; i <= 12; i += 1) await shop.cloud.callFunction('pay', { action: 'create', items: [{ skuId: 'green-tea', quantity: i % 10 || 1 }], requestId: `request-${i}` });
    shop.orders.get('ORDER0012')!.status = 'PAID';
    shop.calls.length = 0;
  });

  const cards = () => document.querySelectorAll('.order-card');

  it('lists the newest orders a page at a time, and loads more on request', async () => {
    render(<OrdersPage />);
    await screen.findByText('10 of 12');
    expect(cards()).toHaveLength(10);
    expect(cards()[0]!.textContent).toContain('ORDER0012');
    expect(shop.calls).toEqual([{ name: 'orders', data: { action: 'list', offset: 0, limit: 10 } }]);

    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    await screen.findByText('12 of 12');
    expect(cards()).toHaveLength(12);
    expect(shop.calls[1]).toEqual({ name: 'orders', data: { action: 'list', offset: 10, limit: 10 } });
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });

  it('offers cancel only for unpaid orders, and shows the result', async () => {
    render(<OrdersPage />);
    await screen.findByText('10 of 12');
    const paid = cards()[0] as HTMLElement;
    expect(within(paid).getByText('已支付')).toBeTruthy();
    expect(within(paid).queryByRole('button', { name: 'Cancel order' })).toBeNull();

    const unpaid = cards()[1] as HTMLElement;
    expect(within(unpaid).getByText('待付款')).toBeTruthy();
    fireEvent.click(within(unpaid).getByRole('button', { name: 'Cancel order' }));
    await within(unpaid).findByText('已取消');
    expect(shop.orders.get('ORDER0011')!.status).toBe('CLOSED');
  });

  it('shows why a cancel was refused', async () => {
    render(<OrdersPage />);
    await screen.findByText('10 of 12');
    shop.failNext('orders', 'cancel', { code: 'ORDER_PAID', message: 'order ORDER0011 is paid and cannot be cancelled' });
    fireEvent.click(within(cards()[1] as HTMLElement).getByRole('button', { name: 'Cancel order' }));
    expect(await screen.findByText('order ORDER0011 is paid and cannot be cancelled')).toBeTruthy();
  });

  it('opens an order’s details', async () => {
    render(<OrdersPage />);
    await screen.findByText('10 of 12');
    fireEvent.click(within(cards()[0] as HTMLElement).getByRole('button', { name: 'Details' }));
    expect(taroDouble.navigations).toEqual(['/pages/order/index?orderNo=ORDER0012']);
  });

  it('says when there are no orders yet', async () => {
    installCloud(createFakeShop().cloud);
    render(<OrdersPage />);
    expect(await screen.findByText('No orders yet.')).toBeTruthy();
  });
});
