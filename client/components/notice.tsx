import { Text, View } from '@tarojs/components';

/** A message for the shopper: `error` for what went wrong, `info` for what is happening. */
export function Notice({ kind, children }: { kind: 'error' | 'info' | 'success'; children: string }) {
  return (
    <View className={`notice notice--${kind}`}>
      <Text className="notice__text">{children}</Text>
    </View>
  );
}
