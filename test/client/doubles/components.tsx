// Test double for @tarojs/components (mapped in jest.config.js, client project only): the same component
// names rendered as plain DOM elements, so pages render in jsdom. Add a component when a page starts using it.
import type { MouseEventHandler, ReactNode } from 'react';

interface Props {
  id?: string;
  className?: string;
  children?: ReactNode;
  onClick?: MouseEventHandler;
}

export function View({ children, ...props }: Props) {
  return <div {...props}>{children}</div>;
}

export function Text({ children, ...props }: Props) {
  return <span {...props}>{children}</span>;
}

export function Button({ children, ...props }: Props) {
  return (
    <button type="button" {...props}>
      {children}
    </button>
  );
}
