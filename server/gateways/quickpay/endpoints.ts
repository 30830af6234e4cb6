/** QuickPay routes: `POST <base>/<Controller>/<Action>` (an ASP.NET Web API). */
export const ENDPOINTS = {
  /** documented */
  jsapiPay: 'QuickPay/JSAPIPay',
  /** documented */
  query: 'QuickPay/Query',
  /** documented */
  refund: 'QuickPay/Refund',
  /**
   * ASSUMED. The docs mention a 取消支付接口 (cancel payment) but its route was not found. We assume
   * `QuickPay/Cancel` with body `{store_no, order_no}` (the Query body). Change it here only.
   */
  cancel: 'QuickPay/Cancel',
} as const;

export type Endpoint = (typeof ENDPOINTS)[keyof typeof ENDPOINTS];

export function endpointUrl(baseUrl: string, endpoint: Endpoint): string {
  return `${baseUrl}/${endpoint}`;
}
