import type { QuickpayConfig } from '../../../server/gateways/quickpay';
import { toFen } from '../../../server/platform/money';
import type { GatewayError, PaymentOrder, Payer } from '../../../server/gateways/contract';
import { classify, StageFailure } from '../../../server/gateways/pipeline';

export const config: QuickpayConfig = {
  baseUrl: 'http://127.0.0.1:1',
  storeNo: 'STORE0001',
  authHeader: 'X-QuickPay-Key',
  authValue: 'unit-test-credential-0000',
  notifyUrl: 'http://127.0.0.1:2/notify',
  timeoutMs: 1_000,
};

export const payer: Payer = { appId: 'wx0123456789abcdef', openId: 'o-openid-123' };

export const order = (overrides: Partial<PaymentOrder> = {}): PaymentOrder => ({
  orderNo: 'ORD20240101000001',
  amount: toFen(1234),
  description: 'Demo Shop - Green tea x2',
  lines: [{ skuId: 'tea', name: 'Green tea', unitPrice: toFen(617), quantity: 2 }],
  ...overrides,
});

/** Runs `fn`, returns what it threw. */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
}

/** Runs a stage function, returns the GatewayError the pipeline makes of what it threw. */
export function stageError(fn: () => unknown, operation = 'QuickPay/Query'): GatewayError {
  const err = thrown(fn);
  if (!(err instanceof StageFailure)) throw new Error(`expected a StageFailure, got ${String(err)}`);
  return classify('quickpay', operation, err.fact);
}
