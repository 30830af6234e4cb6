import type { ReactNode } from 'react';
import { Text, View } from '@tarojs/components';

/** A spinning ring (CSS only): Taro's H5 Button with `loading` throws insertBefore, so nothing here uses it. */
export function Spinner({ light = false }: { light?: boolean }) {
  return <View className={`spinner${light ? ' spinner--light' : ''}`} />;
}

/** A page's placeholder while its first answer is on the way: the spinner and what it waits for. */
export function Loading({ text }: { text: string }) {
  return (
    <View className="loading">
      <Spinner />
      <Text className="loading__text">{text}</Text>
    </View>
  );
}

interface BtnProps {
  className?: string;
  kind?: 'primary' | 'default' | 'warn' | 'plain';
  size?: 'normal' | 'small' | 'mini';
  disabled?: boolean;
  /** Shows a spinner and ignores taps. */
  loading?: boolean;
  onClick?: () => void;
  children: ReactNode;
}

/**
 * The shop's button, WeUI style, drawn with a View: the same look in the mini program and the
 * browser, borders never clipped, and a disabled label that stays readable. Taps are ignored while
 * disabled or loading.
 */
export function Btn({ className = '', kind = 'default', size = 'normal', disabled = false, loading = false, onClick, children }: BtnProps) {
  const off = disabled || loading;
  const classes = ['btn', `btn--${kind}`, `btn--${size}`, off ? 'btn--disabled' : '', className].filter(Boolean).join(' ');
  return (
    <View className={classes} hoverClass={off ? 'none' : 'btn--hover'} onClick={() => !off && onClick?.()}>
      {loading ? <Spinner light={kind === 'primary' || kind === 'warn'} /> : null}
      {children}
    </View>
  );
}
