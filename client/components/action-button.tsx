import { Button, type ButtonProps } from '@tarojs/components';

/**
 * The shop's button. Taro's H5 button renders `disabled={false}` as the attribute `disabled="false"`,
 * which its stylesheet (and a shopper) reads as disabled: the flags are passed only when true.
 */
export function ActionButton({ disabled, loading, ...props }: ButtonProps) {
  return <Button {...props} disabled={disabled ? true : undefined} loading={loading ? true : undefined} />;
}
