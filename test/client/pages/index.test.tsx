import { fireEvent, render, screen } from '@testing-library/react';
import Index from '../../../client/pages/index/index';

describe('shop home page', () => {
  it('shows the shop title and an empty cart', () => {
    render(<Index />);

    expect(screen.getByText('Mini Shop')).toBeTruthy();
    expect(screen.getByText('Cart: 0 items')).toBeTruthy();
  });

  it('counts items added with the button', () => {
    render(<Index />);
    const add = screen.getByRole('button', { name: 'Add to cart' });

    fireEvent.click(add);
    expect(screen.getByText('Cart: 1 item')).toBeTruthy();

    fireEvent.click(add);
    expect(screen.getByText('Cart: 2 items')).toBeTruthy();
  });
});
