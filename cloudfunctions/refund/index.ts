import * as cloud from 'wx-server-sdk';
import { refundFunction } from '../../server/functions/refund';

/** Merchant refunds; trusted callers with the admin token only (never a shopper). */
export const main = refundFunction(cloud);
