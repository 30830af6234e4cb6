/**
 * One refund per order (assumptions.ts): before sending, the adapter queries; it sends nothing
 * while the order is not plainly "paid, nothing refunded". The settings point at a closed port,
 * so any request actually sent would fail PROVIDER_UNAVAILABLE instead of answering.
 */
import { generateKeyPairSync } from 'node:crypto';
import { CaibaoGateway } from '../../../server/gateways/caibao/gateway';
import type { ProviderOrderState } from '../../../server/gateways/contract';
import { toFen } from '../../../server/platform/money';

const publicKey = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
const gateway = new CaibaoGateway({
  baseUrl: 'http://127.0.0.1:9',
  app: 'app1',
  operatorId: 'op1',
  key: 'unit-key',
  publicKey,
  notifyUrl: 'http://127.0.0.1:9/notify',
  timeoutMs: 500,
});
const request = { orderNo: 'N1', refundNo: 'R1', orderAmount: toFen(1000), refundAmount: toFen(1000) };

function caibaoSays(state: Partial<ProviderOrderState>): void {
  jest.spyOn(gateway, 'query').mockResolvedValue({ orderNo: 'N1', status: 'PAID', rawStatus: '2', amount: toFen(1000), refundedAmount: toFen(0), ...state });
}

afterEach(() => jest.restoreAllMocks());

describe('Caibao refund: query first, never send on a guess', () => {
  it.each([
    ['REFUNDING', 'REFUNDING'],
    ['UNKNOWN', '3'],
  ] as const)('a query that reads %s is PENDING and nothing is sent', async (status, rawStatus) => {
    caibaoSays({ status, rawStatus });
    await expect(gateway.refund(request)).resolves.toMatchObject({ status: 'PENDING', rawStatus });
  });

  it('the same amount already refunded is the earlier attempt: SUCCEEDED, nothing sent', async () => {
    caibaoSays({ status: 'REFUNDED', rawStatus: '7', refundedAmount: toFen(1000) });
    await expect(gateway.refund(request)).resolves.toMatchObject({ status: 'SUCCEEDED' });
  });

  it('another amount already refunded is a CONFLICT', async () => {
    caibaoSays({ status: 'PARTIALLY_REFUNDED', rawStatus: '6', refundedAmount: toFen(300) });
    await expect(gateway.refund(request)).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('paid with nothing refunded: the refund is sent (here: to a closed port)', async () => {
    caibaoSays({});
    await expect(gateway.refund(request)).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE' });
  });
});
