import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import Index from '../../../client/pages/index/index';
import { installCloud } from '../../../client/services/cloud';
import { installRequestPayment } from '../../../client/services/payment';
import { taroDouble } from '../doubles/taro';
import { createFakeShop, type FakeShop } from '../support/fake-shop';

// The shop page against an in-memory shop: catalog, cart, and the whole checkout as the shopper sees it.
describe('shop page', () => {
  let shop: FakeShop;
  beforeEach(() => {
    taroDouble.reset();
    shop = createFakeShop();
    installCloud(shop.cloud);
    installRequestPayment(shop.requestPayment);
  });

  const button = (name: string | RegExp) => screen.getByRole('button', { name });
  const addButtons = () => screen.getAllByRole('button', { name: /^(Add|Max \d+|Sold out)$/ });
  const creates = () => shop.calls.filter((c) => c.name === 'pay' && c.data.action === 'create');

  async function openShop() {
    render(<Index />);
    await screen.findByText('Clay teapot');
  }

  it('shows the title, the catalog with prices from fen, and an empty cart', async () => {
    await openShop();
    expect(screen.getByText('Mini Shop')).toBeTruthy();
    expect(screen.getByText('¥12.00')).toBeTruthy();
    expect(screen.getByText('¥168.00')).toBeTruthy();
    expect(screen.getByText('Cart: 0 items')).toBeTruthy();
    expect((button('Sold out') as HTMLButtonElement).disabled).toBe(true);
    expect((button('Pay') as HTMLButtonElement).disabled).toBe(true);
  });

  it('adds, changes and removes cart lines, up to each product’s limit', async () => {
    await openShop();
    fireEvent.click(addButtons()[0]!);
    fireEvent.click(addButtons()[0]!);
    expect(screen.getByText('Cart: 2 items')).toBeTruthy();
    expect(screen.getAllByText('¥24.00').length).toBeGreaterThan(0);

    fireEvent.click(addButtons()[1]!);
    expect((button('Max 1') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText('Cart: 3 items')).toBeTruthy();

    fireEvent.click(screen.getAllByRole('button', { name: '−' })[0]!);
    expect(screen.getByText('Cart: 2 items')).toBeTruthy();
    fireEvent.click(screen.getAllByRole('button', { name: 'Remove' })[1]!);
    expect(screen.getByText('Cart: 1 item')).toBeTruthy();
    expect(taroDouble.storage.get('shop.cart.v1')).toEqual([expect.objectContaining({ skuId: 'green-tea', quantity: 1 })]);
  });

  it('pays: one order for the cart, the sheet, then PAID only when the server says so; the cart empties', async () => {
    shop.sheet.confirmAfterPolls = 2; // the server still says PAYING at the first question
    await openShop();
    fireEvent.click(addButtons()[0]!);
    fireEvent.click(button('Pay'));
    fireEvent.click(button(/Pay/)); // a double tap before the page re-renders

    expect(await screen.findByText('PAID ¥12.00 — thank you!', undefined, { timeout: 3000 })).toBeTruthy();
    expect(creates()).toHaveLength(1);
    expect(creates()[0]!.data).toEqual({ action: 'create', items: [{ skuId: 'green-tea', quantity: 1 }], requestId: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/) });
    expect(shop.calls.filter((c) => c.name === 'pay' && c.data.action === 'status').length).toBe(2);
    expect(shop.sheet.opened).toEqual([shop.orders.get('ORDER0001')!.payment]);
    expect(screen.getByText('Cart: 0 items')).toBeTruthy();

    fireEvent.click(button('View order'));
    expect(taroDouble.navigations).toEqual(['/pages/order/index?orderNo=ORDER0001']);
  });

  it('disables Pay while paying', async () => {
    let release: () => void = () => undefined;
    installRequestPayment(() => new Promise((resolve) => (release = () => resolve({ errMsg: 'requestPayment:fail cancel' }))));
    await openShop();
    fireEvent.click(addButtons()[0]!);
    fireEvent.click(button('Pay'));
    await screen.findByText('Waiting for payment of ¥12.00…');
    expect((button('Paying…') as HTMLButtonElement).disabled).toBe(true);
    await act(async () => release());
    // The sheet rejected with fail cancel (a plain errMsg object, as WeChat does): not an error.
    await screen.findByText(/Payment cancelled/);
  });

  it('after a cancelled sheet the order stays payable: Pay again reuses the requestId (same order)', async () => {
    shop.sheet.outcome = 'cancel';
    await openShop();
    fireEvent.click(addButtons()[0]!);
    fireEvent.click(button('Pay'));
    expect(await screen.findByText('Payment cancelled. Order ORDER0001 (¥12.00) is not paid yet.')).toBeTruthy();
    expect(screen.getByText('Cart: 1 item')).toBeTruthy();

    shop.sheet.outcome = 'ok';
    fireEvent.click(button('Pay again'));
    await screen.findByText('PAID ¥12.00 — thank you!', undefined, { timeout: 3000 });
    expect(creates()).toHaveLength(2);
    expect(creates()[1]!.data.requestId).toBe(creates()[0]!.data.requestId);
    expect(shop.orders.size).toBe(1);
  });

  it('cancels the unpaid order on request; the next checkout is a new order', async () => {
    shop.sheet.outcome = 'cancel';
    await openShop();
    fireEvent.click(addButtons()[0]!);
    fireEvent.click(button('Pay'));
    await screen.findByText(/Payment cancelled/);

    fireEvent.click(button('Cancel order'));
    expect(await screen.findByText('Order ORDER0001 was not paid (CLOSED).')).toBeTruthy();
    expect(shop.orders.get('ORDER0001')!.status).toBe('CLOSED');

    fireEvent.click(button('Pay'));
    await screen.findByText(/Order ORDER0002/);
    expect(creates()[1]!.data.requestId).not.toBe(creates()[0]!.data.requestId);
  });

  it('a different cart is a different checkout (new requestId)', async () => {
    shop.sheet.outcome = 'cancel';
    await openShop();
    fireEvent.click(addButtons()[0]!);
    fireEvent.click(button('Pay'));
    await screen.findByText(/Payment cancelled/);
    fireEvent.click(addButtons()[0]!);
    fireEvent.click(button('Pay'));
    await screen.findByText(/Order ORDER0002/);
    expect(creates()[1]!.data.requestId).not.toBe(creates()[0]!.data.requestId);
  });

  it('shows the server’s error message and keeps the cart', async () => {
    shop.failNext('pay', 'create', { code: 'CONFLICT', message: 'items.0.skuId: Green tea is not available' });
    await openShop();
    fireEvent.click(addButtons()[0]!);
    fireEvent.click(button('Pay'));
    expect(await screen.findByText('items.0.skuId: Green tea is not available')).toBeTruthy();
    expect(screen.getByText('Cart: 1 item')).toBeTruthy();
    expect(shop.sheet.opened).toHaveLength(0);
  });

  it('a failed sheet is a failure, shown with its reason, never PAID', async () => {
    shop.sheet.outcome = 'fail';
    await openShop();
    fireEvent.click(addButtons()[0]!);
    fireEvent.click(button('Pay'));
    expect(await screen.findByText('The payment did not go through: invalid paySign.')).toBeTruthy();
    expect(screen.queryByText(/PAID/)).toBeNull();
  });

  it('says so when the catalog cannot be loaded, and tries again on request', async () => {
    shop.failNext('catalog', undefined, { code: 'INTERNAL', message: 'The shop is resting.' });
    render(<Index />);
    expect(await screen.findByText('The shop is resting.')).toBeTruthy();
    fireEvent.click(button('Try again'));
    await screen.findByText('Clay teapot');
  });

  it('restores the cart kept in storage, against today’s catalog', async () => {
    taroDouble.storage.set('shop.cart.v1', [
      { skuId: 'green-tea', name: 'Old name', unitPrice: 999, quantity: 2, maxPerOrder: 10 },
      { skuId: 'tea-cups', name: 'Tea cups (4)', unitPrice: 4500, quantity: 1, maxPerOrder: 2 },
    ]);
    await openShop();
    await waitFor(() => expect(screen.getByText('Cart: 2 items')).toBeTruthy());
    expect(screen.getAllByText('¥24.00').length).toBeGreaterThan(0);
  });

  it('opens my orders', async () => {
    await openShop();
    fireEvent.click(button('My orders'));
    expect(taroDouble.navigations).toEqual(['/pages/orders/index']);
  });
});
