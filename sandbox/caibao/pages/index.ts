/**
 * The sandbox's own transcription of Caibao's public v1 pages, one file per page (written from
 * the pages, never from the adapter, so a misreading on one side is caught by the other).
 */
import { MP_PAGE } from './mp';
import { QUERY_PAGE } from './query';
import { REFUND_PAGE } from './refund';
import { REVERSE_PAGE } from './reverse';
import { SCAN_PAGE } from './scan';
import type { CommandPage } from './table';

export const COMMAND_PAGES: Readonly<Record<string, CommandPage>> = {
  'open.pay.mp': MP_PAGE,
  'open.pay.scan': SCAN_PAGE,
  'open.pay.query': QUERY_PAGE,
  'open.pay.refund': REFUND_PAGE,
  'open.pay.reverse': REVERSE_PAGE,
};

export { answerSignedNames, requestSignedNames, type CommandPage, type Param } from './table';
export { GATEWAY_PATH, SUBJECT_MAX_CHARS, VERSIONS } from './conventions';
export { REVERSE_REFUSALS } from './reverse';
export { ORDER_STATUS_NUMBER, PAYMENT_CHANNEL_NUMBER, PAYMENT_WAYS, REFUND_STATUS, type PaymentWay } from './terms';
export { ACKNOWLEDGEMENT, CB_ORDER_NO_MAX, NOTIFICATION_FIELDS, NOTIFIED_CHANNELS, NOTIFIED_STATUSES, RETRY_DELAYS_MS } from './notification';
