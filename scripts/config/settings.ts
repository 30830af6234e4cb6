/**
 * Every setting the code reads, grouped as the README and `.env.example` show them. The product's
 * own groups take required and default from their schemas and meanings from meanings.ts; each
 * registered provider contributes its module's declared settings (server/gateways/module.ts), so
 * a provider added to the registry is documented without an edit here.
 */
import * as v from 'valibot';
import { ADMIN_TOKEN_ENV, adminTokenSchema, SETTINGS_ENV, settingsSchema } from '../../server/functions/config';
import type { ProviderName } from '../../server/gateways/contract';
import { providerModules, registeredProviders, type ProviderModule } from '../../server/gateways/registry';
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
  env: Readonly<Record<string, string>>;
  schema: { readonly entries: Readonly<Record<string, v.GenericSchema>> };
}

/** The product's own groups, each read from its schema: before the providers' groups, and after them. */
export function settingsSources(): { before: SettingsSource[]; after: SettingsSource[] } {
  const providers = registeredProviders();
  return {
    before: [
      {
        id: 'general',
        title: 'General',
        note: `read by ${PAYMENT_FUNCTIONS.map((name) => `\`${name}\``).join(', ')}`,
        functions: PAYMENT_FUNCTIONS,
        env: { provider: 'PAY_PROVIDER', ...SETTINGS_ENV },
        schema: v.object({ ...settingsSchema.entries, provider: v.picklist(providers) }),
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
    ],
    after: [
      {
        id: 'deploy',
        title: 'Deploying',
        note: 'read by `npm run deploy` and `npm run upload` only, never by a function',
        functions: [],
        env: DEPLOY_ENV,
        schema: deploySettingsSchema,
      },
    ],
  };
}

/** One variable as the docs show it: the same shape the provider modules declare. */
export type { SettingDoc } from '../../server/gateways/module';

export interface SettingsGroup extends Omit<SettingsSource, 'env' | 'schema'> {
  /** Set on a provider's group. */
  provider?: ProviderName;
  settings: SettingDoc[];
}

/** The allowed values, when the schema is an enum (e.g. PAY_PROVIDER). */
function choices(schema: v.GenericSchema): string {
  return schema.type === 'picklist' ? `: ${(schema as v.PicklistSchema<string[], undefined>).options.map((option) => `\`${option}\``).join(', ')}` : '';
}

function presence(schema: v.GenericSchema): { required: boolean; default?: unknown } {
  if (schema.type !== 'optional') return { required: true };
  return { required: false, default: v.getDefault(schema as v.OptionalSchema<v.GenericSchema, unknown>) };
}

function schemaGroup({ env, schema, ...group }: SettingsSource): SettingsGroup {
  return {
    ...group,
    settings: Object.entries(env).map(([field, variable]) => {
      const fieldSchema = schema.entries[field];
      if (!fieldSchema) throw new Error(`${variable}: no field ${field} in the ${group.id} schema`);
      const { required, default: fallback } = presence(fieldSchema);
      const doc = MEANINGS[variable];
      if (!doc) throw new Error(`${variable} has no meaning in scripts/config/meanings.ts`);
      return { variable, required, ...(fallback !== undefined ? { default: JSON.stringify(fallback).replace(/^"(.*)"$/, '$1') } : {}), secret: doc.secret ?? false, meaning: `${doc.meaning}${choices(fieldSchema)}` };
    }),
  };
}

/** A registered provider's group: its module's own declared settings. */
function providerGroup(module: ProviderModule): SettingsGroup {
  return {
    id: module.name,
    title: module.title,
    note: `\`PAY_PROVIDER=${module.name}\`; details in \`server/gateways/${module.name}/README.md\``,
    functions: PAYMENT_FUNCTIONS,
    provider: module.name,
    settings: [...module.settings],
  };
}

export function settingsGroups(modules: readonly ProviderModule[] = providerModules()): SettingsGroup[] {
  const { before, after } = settingsSources();
  return [...before.map(schemaGroup), ...modules.map(providerGroup), ...after.map(schemaGroup)];
}

/** The variables a function reads, in documentation order. */
export function variablesOf(functionName: string, groups = settingsGroups()): string[] {
  return groups.filter((group) => group.functions.includes(functionName)).flatMap((group) => group.settings.map((s) => s.variable));
}

let secrets: ReadonlySet<string> | undefined;

/** Whether `variable` is documented as a secret: the product's own settings and every registered provider's. */
export function isSecretSetting(variable: string): boolean {
  secrets ??= new Set(settingsGroups().flatMap((group) => group.settings.filter((s) => s.secret).map((s) => s.variable)));
  return secrets.has(variable);
}
