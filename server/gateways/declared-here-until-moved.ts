/**
 * INTERIM: what the Caibao and Tencent modules do not declare yet (settings, order-number rule,
 * capabilities), declared here from their READMEs so that everything iterating the registry works
 * today. When each adapter moves onto the pipeline, its `index.ts` exports a full ProviderModule,
 * its block below is deleted and its registry line becomes `name: nameModule`.
 */
import type { GatewayModule, ProviderModule, SettingDoc } from './module';
import { caibaoModule } from './caibao';
import { tencentModule } from './tencent';

const setting = (variable: string, meaning: string, extra: Partial<SettingDoc> = {}): SettingDoc => ({ variable, required: true, secret: false, meaning, ...extra });

const declare = (module: GatewayModule, declarations: Omit<ProviderModule, keyof GatewayModule>): ProviderModule => ({ ...declarations, name: module.name, fromEnv: (env) => module.fromEnv(env) });

export const caibaoDeclared = declare(caibaoModule, {
  settings: [
    setting('CAIBAO_BASE_URL', 'API base; requests go to `<base>/gatewayOpen.htm`', { role: 'baseUrl' }),
    setting('CAIBAO_APP', '`app`: the integrator id (接入商标识)'),
    setting('CAIBAO_OPERATOR_ID', '`operator_id`: the collecting cashier account'),
    setting('CAIBAO_KEY', 'The MD5 signing key', { secret: true }),
    setting('CAIBAO_PUBLIC_KEY', "Caibao's RSA public key that signs answers and notifications (bare base64 as Caibao publishes it, or PEM)"),
    setting('CAIBAO_NOTIFY_URL', 'Public URL of `payNotify`, sent as `notify_url`', { role: 'notifyUrl' }),
    setting('CAIBAO_TIMEOUT_MS', 'Deadline of one call', { required: false, default: '10000', role: 'timeoutMs' }),
  ],
  orderNo: { maxLength: 32, pattern: /^[\x21-\x7e]+$/ },
  capabilities: { qr: true, refundNumbers: false, refundsPerOrder: 'one', signedNotifications: true },
});

export const tencentDeclared = declare(tencentModule, {
  settings: [
    setting('TENCENT_BASE_URL', 'e.g. `https://pay.qcloud.com`; requests go to `<base>/cpay/<endpoint>`', { role: 'baseUrl' }),
    setting('TENCENT_OUT_MCH_ID', "Service provider's external account (`out_mch_id`)"),
    setting('TENCENT_OUT_SUB_MCH_ID', "Sub-merchant's external account (`out_sub_mch_id`)", { role: 'merchantId' }),
    setting('TENCENT_OUT_SHOP_ID', "Shop's external account (`out_shop_id`)"),
    setting('TENCENT_AUTHEN_KEY', 'The authen key (HMAC-SHA256)', { secret: true }),
    setting('TENCENT_ORDER_PREFIX', 'The cloud-pay order prefix from the console; every order number starts with it', { role: 'orderNoPrefix' }),
    setting('TENCENT_SPBILL_IP', 'IPv4 sent as `spbill_create_ip` when the shopper’s is unknown'),
    setting('TENCENT_DEVICE_ID', "`order_client.device_id`: the merchant's terminal id (String(64)), required by refund"),
    setting('TENCENT_TIMEOUT_MS', 'Deadline of one call', { required: false, default: '10000', role: 'timeoutMs' }),
  ],
  orderNo: { maxLength: 32, pattern: /^[\x21-\x7e]+$/ },
  capabilities: { qr: false, refundNumbers: true, refundsPerOrder: 'many', signedNotifications: true },
});
