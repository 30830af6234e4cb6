import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { S } from '../strings';

/** The order number, small and grey, with a copy action: a shopper only needs it to quote it. */
export function OrderNo({ orderNo }: { orderNo: string }) {
  const copy = () => {
    Taro.setClipboardData({ data: orderNo }).then(
      () => Taro.showToast({ title: S.copied, icon: 'none' }),
      () => undefined,
    );
  };
  return (
    <View className="order-no">
      <Text className="order-no__label">{S.orderNo}</Text>
      <Text className="order-no__value">{orderNo}</Text>
      <Text className="order-no__copy" onClick={copy}>
        {S.copy}
      </Text>
    </View>
  );
}
