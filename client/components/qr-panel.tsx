import { useEffect, useState } from 'react';
import { Image, Text, View } from '@tarojs/components';
import { formatFen } from '../services/money';
import { getQrImageRenderer } from '../services/qr-image';
import { S } from '../strings';
import { Btn, Spinner } from './button';
import { OrderNo } from './order-no';
import { Tips } from './tips';

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

/** Paying by QR code: the amount, the code, what to do, and (for a desktop) the code's link. */
export function QrPanel({ orderNo, amount, qrContent, onStopWaiting }: Props) {
  const image = useQrImage(qrContent);
  return (
    <View className="card qr-panel">
      <Text className="qr-panel__title">{S.payByQr}</Text>
      <Text className="qr-panel__amount">{formatFen(amount)}</Text>
      {image.src ? <Image className="qr-panel__image" src={image.src} mode="scaleToFill" ariaLabel={S.qrAlt(orderNo)} /> : null}
      {image.error ? <Tips kind="error">{S.qrFailed}</Tips> : null}
      <Text className="qr-panel__hint">{S.qrHint}</Text>
      <View className="qr-panel__waiting">
        <Spinner />
      </View>
      <View className="qr-panel__link">
        <a className="qr-panel__open" href={qrContent} target="_blank" rel="noreferrer">
          {S.qrOpen}
        </a>
      </View>
      <OrderNo orderNo={orderNo} />
      <Btn className="qr-panel__stop" size="small" onClick={onStopWaiting}>
        {S.qrStop}
      </Btn>
    </View>
  );
}
