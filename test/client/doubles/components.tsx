// Test double for @tarojs/components (mapped in jest.config.js, client project only): the same component
// names rendered as plain DOM elements, so pages render in jsdom. Add a component when a page starts using it.
import type { MouseEventHandler, ReactNode } from 'react';

interface Props {
  id?: string;
  className?: string;
  children?: ReactNode;
  onClick?: MouseEventHandler;
  /** Looks only (the pressed state in WeChat): not rendered. */
  hoverClass?: string;
}

interface ButtonProps extends Props {
  disabled?: boolean;
  loading?: boolean;
  size?: string;
  type?: string;
  openType?: string;
  plain?: boolean;
}

export function View({ children, hoverClass: _hover, ...props }: Props) {
  return <div {...props}>{children}</div>;
}

export function Text({ children, hoverClass: _hover, ...props }: Props) {
  return <span {...props}>{children}</span>;
}

// Like WeChat, a disabled button ignores taps; `size`/`type`/`loading` are looks only and show as data attributes.
export function Button({ children, disabled, loading, size, type, openType, plain: _plain, hoverClass: _hover, ...props }: ButtonProps) {
  return (
    <button type="button" disabled={disabled} data-loading={loading ? 'true' : undefined} data-size={size} data-type={type} data-open-type={openType} {...props}>
      {children}
    </button>
  );
}

// An image with its label as the alt text (Taro's `ariaLabel`), so tests find it by role.
export function Image({ src, className, ariaLabel }: { src: string; className?: string; mode?: string; ariaLabel?: string }) {
  return <img src={src} className={className} alt={ariaLabel ?? ''} />;
}
