import * as cloud from 'wx-server-sdk';
import { merchantFunction } from '../../server/functions/merchant';

/** The merchant console: orders, history, refunds, daily summary, reconciliation. ADMIN_OPENIDS only. */
export const main = merchantFunction(cloud);
