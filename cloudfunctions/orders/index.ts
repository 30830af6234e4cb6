import * as cloud from 'wx-server-sdk';
import { ordersFunction } from '../../server/functions/orders';

/** The shopper's own orders: list, get, cancel. Called by the mini program. */
export const main = ordersFunction(cloud);
