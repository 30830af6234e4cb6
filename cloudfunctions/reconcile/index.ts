import * as cloud from 'wx-server-sdk';
import { reconcileFunction } from '../../server/functions/reconcile';

/** Timer: settles open payments, closes expired orders. */
export const main = reconcileFunction(cloud);
