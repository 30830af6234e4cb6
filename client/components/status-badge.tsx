import { Text } from '@tarojs/components';
import { statusLabel } from '../strings';
import type { OrderStatus } from '../services/types';

export function StatusBadge({ status, className = '' }: { status: OrderStatus; className?: string }) {
  return <Text className={`status-badge status-badge--${status.toLowerCase()} ${className}`.trim()}>{statusLabel(status)}</Text>;
}
