/** Caibao (采宝) open API v1: the gateway module the registry loads. Settings: README.md. */
import type { GatewayModule } from '../registry';
import { CaibaoGateway } from './gateway';
import { settingsFromEnv } from './settings';

export const caibaoModule: GatewayModule = {
  name: 'caibao',
  fromEnv: (env) => new CaibaoGateway(settingsFromEnv(env)),
};

export { CaibaoGateway } from './gateway';
export { settingsFromEnv, SETTINGS_ENV } from './settings';
