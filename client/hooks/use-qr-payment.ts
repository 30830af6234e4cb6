import { useEffect, useState } from 'react';
import { payCapabilities } from '../services/api';
import { getQrImageRenderer } from '../services/qr-image';

/**
 * Whether to offer "Pay by QR code": only outside the mini program (where a QR renderer is
 * installed) and only when the shop's provider has QR payment. Unknown (the question failed) = no.
 */
export function useQrPayment(): boolean {
  const [available, setAvailable] = useState(false);
  useEffect(() => {
    if (!getQrImageRenderer()) return undefined;
    let current = true;
    payCapabilities().then(
      ({ qrPayment }) => current && setAvailable(qrPayment),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, []);
  return available;
}
