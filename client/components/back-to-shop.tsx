import { backToShop } from '../services/navigation';
import { ActionButton } from './action-button';

/** The browser shop has no navigation bar: its pages offer the way back themselves (WeChat draws its own). */
export function BackToShop() {
  if (process.env.TARO_ENV !== 'h5') return null;
  return (
    <ActionButton className="back-to-shop" size="mini" onClick={backToShop}>
      ‹ Shop
    </ActionButton>
  );
}
