import { Text } from '@tarojs/components';
import { formatFen } from '../services/money';

/** An amount in fen, shown in yuan. */
export function Price({ fen, className = '' }: { fen: number; className?: string }) {
  return <Text className={`price ${className}`.trim()}>{formatFen(fen)}</Text>;
}
