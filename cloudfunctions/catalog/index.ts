import * as cloud from 'wx-server-sdk';
import { catalogFunction } from '../../server/functions/catalog';

/** The products on sale. Called by the mini program. */
export const main = catalogFunction(cloud);
