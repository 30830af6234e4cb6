/** QuickPay routes: `POST <base>/<Controller>/<Action>` (an ASP.NET Web API help site). */
import { CANCEL_ROUTE } from './assumptions';

export const ENDPOINTS = {
  /** documented: POST QuickPay/JSAPIPay */
  jsapiPay: 'QuickPay/JSAPIPay',
  /** documented: POST QuickPay/Query */
  query: 'QuickPay/Query',
  /** documented: POST QuickPay/Refund */
  refund: 'QuickPay/Refund',
  /** ASSUMED: see assumptions.ts. */
  cancel: CANCEL_ROUTE,
} as const;

export type Endpoint = (typeof ENDPOINTS)[keyof typeof ENDPOINTS];

export function endpointUrl(baseUrl: string, endpoint: string): string {
  return `${baseUrl}/${endpoint}`;
}
