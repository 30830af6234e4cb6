/**
 * Every operation each provider sandbox serves, by the name its fault switchboard knows it by, and
 * the scenario that makes the functions call it. A fourth provider adds its lines here.
 */
import type { ProviderName } from '../server/gateways/contract';

export type Scenario = 'create' | 'createQr' | 'query' | 'close' | 'refund' | 'refundQuery' | 'notify';

export interface Operation {
  /** The switchboard's endpoint name; undefined for notifications (faulted by the notifier and crash points). */
  endpoint?: string;
  scenario: Scenario;
}

export const OPERATIONS: Record<ProviderName, readonly Operation[]> = {
  quickpay: [
    { endpoint: '/QuickPay/JSAPIPay', scenario: 'create' },
    { endpoint: '/QuickPay/Query', scenario: 'query' },
    { endpoint: '/QuickPay/Cancel', scenario: 'close' },
    { endpoint: '/QuickPay/Refund', scenario: 'refund' },
    { scenario: 'notify' },
  ],
  caibao: [
    { endpoint: 'open.pay.mp', scenario: 'create' },
    { endpoint: 'open.pay.scan', scenario: 'createQr' },
    { endpoint: 'open.pay.query', scenario: 'query' },
    { endpoint: 'open.pay.reverse', scenario: 'close' },
    { endpoint: 'open.pay.refund', scenario: 'refund' },
    { scenario: 'notify' },
  ],
  tencent: [
    { endpoint: 'official_account_pay', scenario: 'create' },
    { endpoint: 'query_order', scenario: 'query' },
    { endpoint: 'close_order', scenario: 'close' },
    { endpoint: 'refund', scenario: 'refund' },
    { endpoint: 'query_refund_order', scenario: 'refundQuery' },
    { scenario: 'notify' },
  ],
};

/** Each provider's own refusal, as its sandbox renders a `status` fault. */
export const REFUSAL: Record<ProviderName, unknown> = {
  quickpay: { code: 'FAIL', msg: 'soak: refused' },
  caibao: { errorCode: '20', errorMsg: 'soak: refused' },
  tencent: { status: 104, description: 'soak: refused' },
};
