import { useEffect, useState } from 'react';
import { Image, Text, View } from '@tarojs/components';
import { formatFen } from '../services/money';
import { getQrImageRenderer } from '../services/qr-image';
import { ActionButton } from './action-button';
import { Notice } from './notice';

interface Props {
  orderNo: string;
  amount: number;
  qrContent: string;
  onStopWaiting: () => void;
}

/** The QR code content as an image (drawn on this device; nothing leaves it). */
function useQrImage(content: string): { src?: string; error?: boolean } {
  const [image, setImage] = useState<{ src?: string; error?: boolean }>({});
  useEffect(() => {
    let current = true;
    const render = getQrImageRenderer();
    if (!render) {
      setImage({ error: true });
      return undefined;
    }
    render(content).then(
      (src) => current && setImage({ src }),
      () => current && setImage({ error: true }),
    );
    return () => {
      current = false;
    };
  }, [content]);
  return image;
}

/** Paying by QR code: the code, the amount, what to do, and (for a desktop) the code's link. */
export function QrPanel({ orderNo, amount, qrContent, onStopWaiting }: Props) {
  const image = useQrImage(qrContent);
  return (
    <View className="checkout qr-panel">
      <Text className="qr-panel__amount">{formatFen(amount)}</Text>
      {image.src ? <Image className="qr-panel__image" src={image.src} mode="scaleToFill" ariaLabel={`QR code for order ${orderNo}`} /> : null}
      {image.error ? <Notice kind="error">The QR code could not be drawn: use the link below.</Notice> : null}
      <Text className="qr-panel__hint">Scan with WeChat to pay. This page updates once the shop has your payment.</Text>
      <Text className="checkout__order-no">{`Order ${orderNo}`}</Text>
      <View className="qr-panel__link">
        <Text>On this computer? </Text>
        <a className="qr-panel__open" href={qrContent} target="_blank" rel="noreferrer">
          Open the payment page
        </a>
      </View>
      <Notice kind="info">{`Waiting for payment of ${formatFen(amount)}…`}</Notice>
      <View className="checkout__actions">
        <ActionButton className="qr-panel__stop" size="mini" onClick={onStopWaiting}>
          Stop waiting
        </ActionButton>
      </View>
    </View>
  );
}
