import * as cloud from 'wx-server-sdk';
import { payNotifyFunction } from '../../server/functions/pay-notify';

/** Payment notifications from the provider, via the HTTP access service. */
export const main = payNotifyFunction(cloud);
