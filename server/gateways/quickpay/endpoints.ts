/** QuickPay routes: `POST <base>/<Controller>/<Action>` (an ASP.NET Web API). */
import { ASSUMED_CANCEL_ENDPOINT } from './assumed-cancel';

export const ENDPOINTS = {
  /** documented */
  jsapiPay: 'QuickPay/JSAPIPay',
  /** documented */
  query: 'QuickPay/Query',
  /** documented */
  refund: 'QuickPay/Refund',
  /** ASSUMED: see assumed-cancel.ts. */
  cancel: ASSUMED_CANCEL_ENDPOINT,
} as const;

export type Endpoint = (typeof ENDPOINTS)[keyof typeof ENDPOINTS];

export function endpointUrl(baseUrl: string, endpoint: Endpoint): string {
  return `${baseUrl}/${endpoint}`;
}
