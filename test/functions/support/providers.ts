/** What the function tests need to know of each provider sandbox, beyond the common interface. */
import type { ProviderName } from '../../../server/gateways/contract';
import type { RunningSandboxes } from '../../../sandbox';

export interface ProviderProfile {
  name: ProviderName;
  /** The fault switchboard's name for the create endpoint. */
  createEndpoint: string;
  /** The fault switchboard's name for the refund endpoint. */
  refundEndpoint: string;
  /** The adapter's time-out variable (tests keep it short so a "timeout" fault resolves quickly). */
  timeoutEnv: string;
  /** The variable holding the adapter's base URL (pointed at the proxy). */
  baseUrlEnv: string;
  /** The payload of the sandbox's `status` fault that refuses a create call. */
  createRefusal: unknown;
  /** The adapter allows one refund per order (Caibao's ONE_REFUND_PER_ORDER assumption). */
  oneRefundPerOrder: boolean;
  /** Orders the sandbox holds. */
  providerOrders(sandboxes: RunningSandboxes): number;
  /** Make the sandbox's order carry another amount (a provider that disagrees with us). */
  tamperAmount(sandboxes: RunningSandboxes, orderNo: string, amount: number): void;
  /** The credential values that must never reach a response or a log line. */
  secrets(env: Record<string, string>): string[];
}

export const PROFILES: Partial<Record<ProviderName, ProviderProfile>> = {
  quickpay: {
    name: 'quickpay',
    createEndpoint: '/QuickPay/JSAPIPay',
    refundEndpoint: '/QuickPay/Refund',
    timeoutEnv: 'QUICKPAY_TIMEOUT_MS',
    createRefusal: { code: 'FAIL', msg: 'store suspended' },
    oneRefundPerOrder: false,
    baseUrlEnv: 'QUICKPAY_BASE_URL',
    providerOrders: (s) => s.providers.quickpay?.orders.list().length ?? 0,
    tamperAmount: (s, orderNo, amount) => {
      const order = s.providers.quickpay?.orders.find(orderNo);
      if (!order) throw new Error(`sandbox has no order ${orderNo}`);
      order.amount = amount;
    },
    secrets: (env) => [env.QUICKPAY_AUTH_VALUE ?? ''],
  },
  caibao: {
    name: 'caibao',
    createEndpoint: 'open.pay.mp',
    refundEndpoint: 'open.pay.refund',
    timeoutEnv: 'CAIBAO_TIMEOUT_MS',
    baseUrlEnv: 'CAIBAO_BASE_URL',
    createRefusal: { errorCode: '20', errorMsg: 'merchant suspended' },
    oneRefundPerOrder: true,
    providerOrders: (s) => s.providers.caibao?.orders.all().length ?? 0,
    tamperAmount: (s, orderNo, amount) => {
      const order = s.providers.caibao?.orders.byLocal(orderNo);
      if (!order) throw new Error(`sandbox has no order ${orderNo}`);
      order.amount = amount;
    },
    secrets: (env) => [env.CAIBAO_KEY ?? ''],
  },
  tencent: {
    name: 'tencent',
    createEndpoint: 'official_account_pay',
    refundEndpoint: 'refund',
    timeoutEnv: 'TENCENT_TIMEOUT_MS',
    baseUrlEnv: 'TENCENT_BASE_URL',
    createRefusal: { status: 104, description: 'sub-merchant suspended' },
    oneRefundPerOrder: false,
    providerOrders: (s) => s.providers.tencent?.orders.all().length ?? 0,
    tamperAmount: (s, orderNo, amount) => {
      const order = s.providers.tencent?.orders.get(orderNo) as { totalFee: number } | undefined;
      if (!order) throw new Error(`sandbox has no order ${orderNo}`);
      order.totalFee = amount;
    },
    secrets: (env) => [env.TENCENT_AUTHEN_KEY ?? ''],
  },
};
