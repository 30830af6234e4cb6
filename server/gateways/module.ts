/**
 * What a provider module declares, beside `fromEnv`: everything the rest of the product needs to
 * know about a provider without naming it: its settings (the configuration docs and `.env.example`
 * are generated from them), where our merchant id is found, its order-number rule and its
 * capabilities. The registry (registry.ts) holds one module per provider.
 */
import * as v from 'valibot';
import { readEnvGroup, type Env } from '../platform/config';
import { registerSecret } from '../platform/log';
import type { PaymentGateway, ProviderName } from './contract';

/**
 * What a setting is for, where other code needs to find it without knowing its name: the API base
 * URL and the call deadline (tests point and shorten them), the notify URL (the local shop fills
 * it), our merchant id as answers report it, the order-number prefix.
 */
export type SettingRole = 'baseUrl' | 'timeoutMs' | 'notifyUrl' | 'merchantId' | 'orderNoPrefix';

/** One environment variable, as the configuration docs show it. */
export interface SettingDoc {
  variable: string;
  required: boolean;
  /** The default as text, when there is one. */
  default?: string;
  /** Never logged, never in an error or a response. */
  secret: boolean;
  meaning: string;
  example?: string;
  role?: SettingRole;
}

export interface Capabilities {
  /** `createQr`: a QR code the shopper scans outside WeChat. */
  qr: boolean;
  /** `queryRefund`: each refund has its own number that can be queried. */
  refundNumbers: boolean;
  /** How many refunds one order may take. */
  refundsPerOrder: 'one' | 'many';
  /** Notifications are signed (a state to apply) or only a hint to query. */
  signedNotifications: boolean;
}

/** Order (and refund) numbers the provider accepts. The prefix, when any, is a setting (role `orderNoPrefix`). */
export interface OrderNoRule {
  maxLength: number;
  /** Characters allowed, as the provider documents them. */
  pattern: RegExp;
}

export interface GatewayModule {
  readonly name: ProviderName;
  /** Reads and validates this provider's settings from the environment; CONFIG_INVALID names the variable. */
  fromEnv(env: Env): PaymentGateway;
}

export interface ProviderModule extends GatewayModule {
  /** The provider's name as people read it (the configuration docs' heading). */
  readonly title: string;
  /** Every variable the provider reads, in the order the docs list them. */
  readonly settings: readonly SettingDoc[];
  readonly orderNo: OrderNoRule;
  readonly capabilities: Capabilities;
}

/** How a setting is documented, beside its schema: the variable and its meaning. */
export interface SettingText {
  variable: string;
  meaning: string;
  secret?: boolean;
  example?: string;
  role?: SettingRole;
}

type Field = v.GenericSchema;
type Shape = Record<string, Field>;

function defaultOf(field: Field): string | undefined {
  const value: unknown = 'default' in field ? v.getDefault(field as v.OptionalSchema<Field, unknown>) : undefined;
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

/**
 * The settings docs of a schema: `required` and `default` are read from the schema itself, so the
 * docs cannot drift from what `fromEnv` accepts.
 */
export function describeSettings<S extends Shape>(schema: { readonly entries: S }, texts: { [K in keyof S]: SettingText }): SettingDoc[] {
  return Object.entries(texts).map(([key, text]) => {
    const field = schema.entries[key] as Field;
    const fallback = defaultOf(field);
    const required = field.type !== 'optional' && field.type !== 'nullish' && field.type !== 'exact_optional';
    const doc: SettingDoc = { variable: text.variable, required, secret: text.secret ?? false, meaning: text.meaning };
    if (fallback !== undefined) doc.default = fallback;
    if (text.example !== undefined) doc.example = text.example;
    if (text.role) doc.role = text.role;
    return doc;
  });
}

/** Reads a provider's settings: secrets are registered before anything (even a failed parse) can log them. */
export function readSettings<S extends Shape, T>(env: Env, texts: { [K in keyof S]: SettingText }, schema: v.GenericSchema<unknown, T> & { readonly entries: S }): T {
  for (const text of Object.values(texts)) if (text.secret) registerSecret(env[text.variable]);
  const variables = Object.fromEntries(Object.entries(texts).map(([key, text]) => [key, text.variable]));
  return readEnvGroup(env, variables, schema);
}

/** The variable that plays `role` in a provider's settings, if any. */
export function settingFor(module: Pick<ProviderModule, 'settings'>, role: SettingRole): string | undefined {
  return module.settings.find((s) => s.role === role)?.variable;
}
