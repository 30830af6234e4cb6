/**
 * The H5 build's stand-ins for what only WeChat provides: the cloud (HTTP to the local cloud) and
 * the payment sheet (the sandbox cashier), the subscribe-message dialog (the local cloud's stand-in), plus QR codes for paying by scan outside WeChat. Installed once, before the first page renders, so
 * Taro's H5 stubs (no Taro.cloud; a requestPayment that resolves "暂时不支持 API") are never used.
 * The local shop (sandbox/shop) serves the app, the local cloud and the cashier from one origin.
 */
import { installCloud } from '../../services/cloud';
import { installRequestPayment } from '../../services/payment';
import { installQrImageRenderer } from '../../services/qr-image';
import { installRequestSubscribe } from '../../services/subscribe';
import { createCashierSheet } from './cashier-sheet';
import { createHttpCloud } from './http-cloud';
import { createSubscribeDialog } from './subscribe-dialog';
import { renderQrDataUrl } from './qr-image';

export function installH5Platform(origin = ''): void {
  installCloud(createHttpCloud(origin));
  installRequestPayment(createCashierSheet({ cashierUrl: origin }));
  installQrImageRenderer(renderQrDataUrl);
  installRequestSubscribe(createSubscribeDialog({ cloudUrl: origin }));
}
