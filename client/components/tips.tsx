import { Text, View } from '@tarojs/components';

/** A message for the shopper: `error` for what went wrong, `info` for what is happening. */
export function Tips({ kind, children, className = '' }: { kind: 'error' | 'info' | 'warn'; children: string; className?: string }) {
  return (
    <View className={`tips tips--${kind} ${className}`.trim()}>
      <Text className="tips__text">{children}</Text>
    </View>
  );
}
