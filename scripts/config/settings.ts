/**
 * Every setting the code reads, grouped as the README and `.env.example` show them, with whether
 * it is required and its default taken from the code's own zod schemas. `settingsSources()` is the
 * one place that knows where the schemas live.
 */
import { z, ZodDefault, ZodEffects, ZodEnum, ZodOptional, ZodPipeline, type ZodObject, type ZodRawShape, type ZodTypeAny } from 'zod';
import { ADMIN_TOKEN_ENV, adminTokenSchema, SETTINGS_ENV, settingsSchema } from '../../server/functions/config';
import { SETTINGS_ENV as CAIBAO_ENV, settingsSchema as caibaoSchema } from '../../server/gateways/caibao/settings';
import type { ProviderName } from '../../server/gateways/contract';
import { QUICKPAY_ENV, quickpayConfigSchema } from '../../server/gateways/quickpay/config';
import { registeredProviders } from '../../server/gateways/registry';
import { ENV_VARIABLES as TENCENT_ENV, SettingsSchema as tencentSchema } from '../../server/gateways/tencent/config';
import { MERCHANT_ENV, merchantSettingsSchema } from '../../server/merchant/settings';
import { PAID_MESSAGE_ENV, paidMessageSettingsSchema } from '../../server/shopper/paid-message';
import { DEPLOY_ENV, deploySettingsSchema } from '../deploy/settings';
import type { SettingDoc } from '../../server/gateways/module';
import { MEANINGS } from './meanings';

/** The functions that read a group's variables (the deploy tools read the `deploy` group). */
const PAYMENT_FUNCTIONS = ['pay', 'payNotify', 'orders', 'reconcile', 'refund', 'merchant'];

export interface SettingsSource {
  id: string;
  title: string;
  /** Shown under the title. */
  note: string;
  /** Cloud functions that read these variables; empty for the deploy tools' own. */
  functions: readonly string[];
  provider?: ProviderName;
  env: Readonly<Record<string, string>>;
  schema: ZodObject<ZodRawShape>;
}

export function settingsSources(): SettingsSource[] {
  const providers = registeredProviders();
  const providerSource = (provider: ProviderName, title: string, env: Record<string, string>, schema: ZodObject<ZodRawShape>): SettingsSource => ({
    id: provider,
    title,
    note: `\`PAY_PROVIDER=${provider}\`; details in \`server/gateways/${provider}/README.md\``,
    functions: PAYMENT_FUNCTIONS,
    provider,
    env,
    schema,
  });
  const sources: SettingsSource[] = [
    {
      id: 'general',
      title: 'General',
      note: `read by ${PAYMENT_FUNCTIONS.map((name) => `\`${name}\``).join(', ')}`,
      functions: PAYMENT_FUNCTIONS,
      env: { provider: 'PAY_PROVIDER', ...SETTINGS_ENV },
      schema: settingsSchema.extend({ provider: z.enum(providers as [ProviderName, ...ProviderName[]]) }),
    },
    { id: 'refund', title: 'Refunds by trusted code', note: 'read by `refund`', functions: ['refund'], env: ADMIN_TOKEN_ENV, schema: adminTokenSchema },
    {
      id: 'paid-message',
      title: 'Payment-succeeded subscribe message',
      note: 'off unless `PAID_MESSAGE_TEMPLATE_ID` is set; read wherever an order can become paid',
      functions: PAYMENT_FUNCTIONS,
      env: PAID_MESSAGE_ENV,
      schema: paidMessageSettingsSchema,
    },
    { id: 'merchant', title: 'Merchant console', note: 'read by `merchant`', functions: ['merchant'], env: MERCHANT_ENV, schema: merchantSettingsSchema },
    providerSource('quickpay', 'QuickPay', QUICKPAY_ENV, quickpayConfigSchema),
    providerSource('caibao', 'Caibao', CAIBAO_ENV, caibaoSchema),
    providerSource('tencent', 'Tencent Cloud Pay', TENCENT_ENV, tencentSchema),
    {
      id: 'deploy',
      title: 'Deploying',
      note: 'read by `npm run deploy` and `npm run upload` only, never by a function',
      functions: [],
      env: DEPLOY_ENV,
      schema: deploySettingsSchema,
    },
  ];
  return sources.filter((source) => !source.provider || providers.includes(source.provider));
}

/** One variable as the docs show it: the same shape the provider modules declare. */
export type { SettingDoc } from '../../server/gateways/module';

export interface SettingsGroup extends Omit<SettingsSource, 'env' | 'schema'> {
  settings: SettingDoc[];
}

/** The allowed values, when the schema is an enum (e.g. PAY_PROVIDER). */
function choices(schema: ZodTypeAny): string {
  return schema instanceof ZodEnum ? `: ${(schema.options as string[]).map((v) => `\`${v}\``).join(', ')}` : '';
}

function presence(schema: ZodTypeAny): { required: boolean; default?: unknown } {
  if (schema instanceof ZodDefault) return { required: false, default: (schema._def as { defaultValue: () => unknown }).defaultValue() };
  if (schema instanceof ZodOptional) return { required: false };
  if (schema instanceof ZodEffects) return presence((schema._def as { schema: ZodTypeAny }).schema);
  if (schema instanceof ZodPipeline) return presence((schema._def as { in: ZodTypeAny }).in);
  return { required: true };
}

export function settingsGroups(): SettingsGroup[] {
  return settingsSources().map(({ env, schema, ...group }) => ({
    ...group,
    settings: Object.entries(env).map(([field, variable]) => {
      const fieldSchema = schema.shape[field];
      if (!fieldSchema) throw new Error(`${variable}: no field ${field} in the ${group.id} schema`);
      const { required, default: fallback } = presence(fieldSchema);
      const doc = MEANINGS[variable];
      if (!doc) throw new Error(`${variable} has no meaning in scripts/config/meanings.ts`);
      return { variable, required, ...(fallback !== undefined ? { default: JSON.stringify(fallback).replace(/^"(.*)"$/, '$1') } : {}), secret: doc.secret ?? false, meaning: `${doc.meaning}${choices(fieldSchema)}` };
    }),
  }));
}

/** The variables a function reads, in documentation order. */
export function variablesOf(functionName: string, groups = settingsGroups()): string[] {
  return groups.filter((group) => group.functions.includes(functionName)).flatMap((group) => group.settings.map((s) => s.variable));
}
