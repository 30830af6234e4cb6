import { TextEncoder } from 'node:util';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Index from '../../../client/pages/index/index';
import { renderQrDataUrl } from '../../../client/platform/h5/qr-image';
import { installCloud } from '../../../client/services/cloud';
import { installRequestPayment } from '../../../client/services/payment';
import { installQrImageRenderer } from '../../../client/services/qr-image';
import type { Order } from '../../../client/services/types';
import { taroDouble } from '../doubles/taro';
import { PRODUCTS } from '../support/fake-shop';

// "Pay by QR code" on the shop page (H5, outside WeChat), against an in-memory `pay` function.
/* eslint-disable @typescript-eslint/no-explicit-any -- the calls' data is untyped JSON, as on the wire */
interface QrShop {
  calls: Array<{ name: string; data: Record<string, any> }>;
  qrPayment: boolean;
  /** What `status` answers, in turn (the last one repeats). */
  statuses: Array<Order['status']>;
  createError?: { code: string; message: string; retryable: boolean };
}

const QR_CONTENT = 'http://127.0.0.1:9/qr/CB000001';

function installQrShop(): QrShop {
  const shop: QrShop = { calls: [], qrPayment: true, statuses: ['PAYING', 'PAID'] };
  const orders = new Map<string, { orderNo: string; amount: number; requestId: string; status: Order['status'] }>();
  const view = (o: { orderNo: string; amount: number; status: Order['status'] }): Order => ({
    orderNo: o.orderNo,
    status: o.status,
    amount: o.amount,
    description: 'Demo',
    lines: [],
    createdAt: 1,
    expiresAt: 2,
    refundedAmount: 0,
  });
  const handle = (name: string, data: Record<string, any>): unknown => {
    if (name === 'catalog') return { ok: true, data: { products: PRODUCTS } };
    if (name === 'pay' && data.action === 'capabilities') return { ok: true, data: { qrPayment: shop.qrPayment } };
    if (name === 'pay' && data.action === 'createQr') {
      if (shop.createError) return { ok: false, error: shop.createError };
      let order = [...orders.values()].find((o) => o.requestId === data.requestId);
      if (!order) {
        const amount = (data.items as Array<{ skuId: string; quantity: number }>).reduce((sum, i) => sum + PRODUCTS.find((p) => p.skuId === i.skuId)!.unitPrice * i.quantity, 0);
        order = { orderNo: `QR${orders.size + 1}`, amount, requestId: data.requestId, status: 'PAYING' };
        orders.set(order.orderNo, order);
      }
      return { ok: true, data: { orderNo: order.orderNo, amount: order.amount, status: order.status, qr: { content: QR_CONTENT } } };
    }
    const order = orders.get(data.orderNo);
    if (name === 'pay' && data.action === 'status' && order) {
      order.status = shop.statuses.length > 1 ? shop.statuses.shift()! : shop.statuses[0]!;
      return { ok: true, data: view(order) };
    }
    if (name === 'orders' && data.action === 'cancel' && order) {
      order.status = 'CLOSED';
      return { ok: true, data: view(order) };
    }
    throw new Error(`qr shop: no function ${name} ${String(data.action)}`);
  };
  installCloud({
    callFunction: async (name, data) => {
      shop.calls.push({ name, data: JSON.parse(JSON.stringify(data)) });
      await Promise.resolve();
      return handle(name, data);
    },
  });
  return shop;
}

// jest's jsdom lacks TextEncoder (browsers have it); the qrcode package needs it to encode the text.
Object.assign(globalThis, { TextEncoder });

describe('shop page: pay by QR code', () => {
  let shop: QrShop;
  beforeEach(() => {
    taroDouble.reset();
    shop = installQrShop();
    installRequestPayment(() => Promise.reject(new Error('the payment sheet is not used for QR payment')));
    installQrImageRenderer(renderQrDataUrl);
  });
  afterEach(() => installQrImageRenderer(undefined));

  const creates = () => shop.calls.filter((c) => c.name === 'pay' && c.data.action === 'createQr');

  async function openShopWithTea() {
    render(<Index />);
    await screen.findByText('Clay teapot');
    fireEvent.click(screen.getAllByRole('button', { name: 'Add' })[0]!);
  }

  it('shows the QR code, the amount and the link, then PAID once the server says so; the cart empties', async () => {
    await openShopWithTea();
    fireEvent.click(await screen.findByRole('button', { name: 'Pay by QR code' }));
    fireEvent.click(screen.getByRole('button', { name: 'Pay by QR code' })); // a double tap

    const image = await screen.findByRole<HTMLImageElement>('img', { name: 'QR code for order QR1' });
    expect(image.src).toMatch(/^data:image\/png;base64,/);
    expect(screen.getByText('Scan with WeChat to pay. This page updates once the shop has your payment.')).toBeTruthy();
    expect(screen.getByText('Waiting for payment of ¥12.00…')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Open the payment page' }).getAttribute('href')).toBe(QR_CONTENT);
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Paying…' }).disabled).toBe(true);

    expect(await screen.findByText('PAID ¥12.00 — thank you!', undefined, { timeout: 5000 })).toBeTruthy();
    expect(creates()).toHaveLength(1);
    expect(creates()[0]!.data).toEqual({ action: 'createQr', items: [{ skuId: 'green-tea', quantity: 1 }], requestId: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/), channel: 'wechat' });
    expect(screen.getByText('Cart: 0 items')).toBeTruthy();
  });

  it('says clearly when the order ends unpaid (the payer cancelled on the QR page)', async () => {
    shop.statuses = ['CLOSED'];
    await openShopWithTea();
    fireEvent.click(await screen.findByRole('button', { name: 'Pay by QR code' }));
    expect(await screen.findByText('Order QR1 was not paid (CLOSED).', undefined, { timeout: 5000 })).toBeTruthy();
    expect(screen.getByText('Cart: 1 item')).toBeTruthy();
  });

  it('stop waiting keeps the order: Pay again shows the same order’s code (same requestId), or cancel it', async () => {
    shop.statuses = ['PAYING'];
    await openShopWithTea();
    fireEvent.click(await screen.findByRole('button', { name: 'Pay by QR code' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Stop waiting' }));
    await screen.findByText('Payment cancelled. Order QR1 (¥12.00) is not paid yet.', undefined, { timeout: 5000 });

    fireEvent.click(screen.getByRole('button', { name: 'Pay again' }));
    await screen.findByRole('img', { name: 'QR code for order QR1' });
    expect(creates()).toHaveLength(2);
    expect(creates()[1]!.data.requestId).toBe(creates()[0]!.data.requestId);
    fireEvent.click(screen.getByRole('button', { name: 'Stop waiting' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Cancel order' }, { timeout: 5000 }));
    expect(await screen.findByText('Order QR1 was not paid (CLOSED).')).toBeTruthy();
  });

  it('falls back to the link when the code cannot be drawn', async () => {
    installQrImageRenderer(() => Promise.reject(new Error('no canvas')));
    await openShopWithTea();
    fireEvent.click(await screen.findByRole('button', { name: 'Pay by QR code' }));
    expect(await screen.findByText('The QR code could not be drawn: use the link below.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Open the payment page' }).getAttribute('href')).toBe(QR_CONTENT);
  });

  it('shows the server’s refusal of a QR payment', async () => {
    shop.createError = { code: 'PROVIDER_UNAVAILABLE', message: 'the payment provider could not be reached or gave no clear answer (TIMEOUT); try again', retryable: true };
    await openShopWithTea();
    fireEvent.click(await screen.findByRole('button', { name: 'Pay by QR code' }));
    expect(await screen.findByText(/could not be reached/)).toBeTruthy();
  });

  it('is not offered when the provider has no QR payment', async () => {
    shop.qrPayment = false;
    await openShopWithTea();
    await waitFor(() => expect(shop.calls.some((c) => c.data.action === 'capabilities')).toBe(true));
    expect(screen.queryByRole('button', { name: 'Pay by QR code' })).toBeNull();
  });

  it('is not offered, nor asked about, without a QR renderer (the mini program)', async () => {
    installQrImageRenderer(undefined);
    await openShopWithTea();
    expect(screen.getByRole('button', { name: 'Pay' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Pay by QR code' })).toBeNull();
    expect(shop.calls.some((c) => c.data.action === 'capabilities')).toBe(false);
  });
});
