/**
 * The identifiers every action and the server's own records share. Apart from actions.ts so that
 * code needing one format (the catalog's skuId) does not construct every action's schema at load.
 */
import { z } from 'zod';

export const ORDER_NO = z.string().regex(/^[A-Za-z0-9]{1,32}$/, 'must be 1-32 letters or digits');
export const SKU_ID = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 letters, digits, _ or -');
export const REQUEST_ID = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8-64 letters, digits, _ or - (one per checkout, reused on retry)');
