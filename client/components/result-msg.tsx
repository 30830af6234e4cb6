import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';
import { Spinner } from './button';

export type ResultIcon = 'success' | 'warn' | 'waiting' | 'info';

interface Props {
  icon: ResultIcon;
  title: string;
  amount?: ReactNode;
  description?: string;
  className?: string;
  children?: ReactNode;
}

/** A WeUI message page: a big icon, a title, the amount, a line of explanation and the actions below. */
export function ResultMsg({ icon, title, amount, description, className = '', children }: Props) {
  return (
    <View className={`msg msg--${icon} ${className}`.trim()}>
      <View className="msg__icon-area">{icon === 'waiting' ? <Spinner /> : <View className={`msg__icon msg__icon--${icon}`} />}</View>
      <Text className="msg__title">{title}</Text>
      {amount ? <View className="msg__amount">{amount}</View> : null}
      {description ? <Text className="msg__desc">{description}</Text> : null}
      <View className="msg__actions">{children}</View>
    </View>
  );
}
