import { Text, View } from '@tarojs/components';
import { S } from '../strings';

interface Props {
  value: number;
  max: number;
  disabled?: boolean;
  onChange: (value: number) => void;
}

/** − count + ; only + shows while nothing is chosen (the WeChat shop pattern). */
export function Stepper({ value, max, disabled = false, onChange }: Props) {
  const canAdd = !disabled && value < max;
  return (
    <View className="stepper">
      {value > 0 ? (
        <>
          <View className={`stepper__less${disabled ? ' stepper__btn--off' : ''}`} onClick={() => !disabled && onChange(value - 1)}>
            <Text className="stepper__sign">−</Text>
            <Text className="sr-only">{S.less}</Text>
          </View>
          <Text className="stepper__count">{value}</Text>
        </>
      ) : null}
      <View className={`stepper__more${canAdd ? '' : ' stepper__btn--off'}`} onClick={() => canAdd && onChange(value + 1)}>
        <Text className="stepper__sign">+</Text>
        <Text className="sr-only">{value > 0 ? S.more : S.add}</Text>
      </View>
    </View>
  );
}
