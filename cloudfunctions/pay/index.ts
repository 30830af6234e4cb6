import * as cloud from 'wx-server-sdk';
import { payFunction } from '../../server/functions/pay';

/** Creates the order and its payment for a cart; answers an order's status. Called by the mini program. */
export const main = payFunction(cloud);
