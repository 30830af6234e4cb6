/**
 * The shop's API, defined once: order statuses, the answers (views), the actions each function
 * takes and the error codes. Imported by the client (client/services/*) and the server
 * (server/functions/*, server/platform/errors.ts). Pure data and valibot schemas: safe in the mini program bundle.
 */
export * from './statuses';
export * from './errors';
export * from './views';
export * from './actions';
