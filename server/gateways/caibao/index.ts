/** Caibao (采宝) open API v1: the provider module the registry loads. Settings: README.md. */
import type { ProviderModule } from '../module';
import { LOCAL_ORDER_NO } from './assumptions';
import { CaibaoGateway } from './gateway';
import { CAIBAO_SETTINGS, settingsFromEnv } from './settings';

export const caibaoModule: ProviderModule = {
  name: 'caibao',
  title: 'Caibao',
  fromEnv: (env) => new CaibaoGateway(settingsFromEnv(env)),
  settings: CAIBAO_SETTINGS,
  orderNo: LOCAL_ORDER_NO,
  capabilities: { qr: true, refundNumbers: false, refundsPerOrder: 'one', signedNotifications: true },
};

export { CaibaoGateway } from './gateway';
export { CAIBAO_SETTINGS, settingsFromEnv, SETTINGS_ENV } from './settings';
