/**
 * Settings of the client, fixed at build time (config/index.ts passes them from the environment).
 * PAID_MESSAGE_TEMPLATE_ID is the "payment succeeded" subscribe message template, the same id the
 * server's `PAID_MESSAGE_TEMPLATE_ID` sends with; empty: the shop does not ask for it.
 */
export const PAID_TEMPLATE_ID: string = process.env.PAID_MESSAGE_TEMPLATE_ID ?? '';
