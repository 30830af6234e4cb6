import { Text, View } from '@tarojs/components';
import { formatFen, lineTotal } from '../services/money';
import type { OrderLineView } from '../../api';
import { Price } from './price';

/** An order's lines: name, ×quantity, unit price and line total. */
export function OrderLines({ lines }: { lines: readonly OrderLineView[] }) {
  return (
    <View className="lines">
      {lines.map((line) => (
        <View key={line.skuId} className="lines__item">
          <View className="lines__thumb">
            <Text>{Array.from(line.name)[0] ?? ''}</Text>
          </View>
          <View className="lines__body">
            <Text className="lines__name">{line.name}</Text>
            <Text className="lines__meta">{`${formatFen(line.unitPrice)} × ${line.quantity}`}</Text>
          </View>
          <Price fen={lineTotal(line.unitPrice, line.quantity)} className="lines__total" />
        </View>
      ))}
    </View>
  );
}
