import { Text } from '@tarojs/components';
import { statusLabel } from '../strings';
import type { OrderStatus } from '../services/types';

export function StatusBadge({ status }: { status: OrderStatus }) {
  return <Text className={`status-badge status-badge--${status.toLowerCase()}`}>{statusLabel(status)}</Text>;
}
