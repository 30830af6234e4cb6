/**
 * The client's seam to drawing a QR code: installed by the H5 platform (the `qrcode` package) and
 * never in the mini program, which pays in-app and so has no QR payment (nor the package bundled).
 */

/** Renders text as a QR code image: resolves a data URL for an <Image>. */
export type QrImageRenderer = (text: string) => Promise<string>;

let installed: QrImageRenderer | undefined;

export function installQrImageRenderer(renderer: QrImageRenderer | undefined): void {
  installed = renderer;
}

/** Undefined where QR payment is not offered (the mini program). */
export function getQrImageRenderer(): QrImageRenderer | undefined {
  if (process.env.TARO_ENV === 'weapp') return undefined;
  return installed;
}
