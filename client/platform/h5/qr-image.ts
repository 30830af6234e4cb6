import QRCode from 'qrcode';
import type { QrImageRenderer } from '../../services/qr-image';

/** A QR code as a PNG data URL, large enough to scan from a screen. */
export const renderQrDataUrl: QrImageRenderer = (text) => QRCode.toDataURL(text, { errorCorrectionLevel: 'M', margin: 2, width: 240 });
