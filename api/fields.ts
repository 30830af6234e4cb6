/**
 * The identifiers every action and the server's own records share. Apart from actions.ts so that
 * code needing one format (the catalog's skuId) does not construct every action's schema at load.
 */
import * as v from 'valibot';

export const ORDER_NO = v.pipe(v.string(), v.regex(/^[A-Za-z0-9]{1,32}$/, 'must be 1-32 letters or digits'));
export const SKU_ID = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 letters, digits, _ or -'));
export const REQUEST_ID = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8-64 letters, digits, _ or - (one per checkout, reused on retry)'));
export const REFUND_NO = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,32}$/, 'must be 1-32 letters, digits, _ or -'));
/** A refund's amount in fen (the `refund` function's and the merchant console's). */
export const REFUND_AMOUNT = v.pipe(v.number(), v.integer('must be a whole number of fen'), v.minValue(1), v.maxValue(Number.MAX_SAFE_INTEGER, 'is too large'));
