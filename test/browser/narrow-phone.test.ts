import type { Page } from 'playwright-core';
import { browserShop, checkout, plus, screenshot } from './support/shop-page';

// The local shop on a 320 px wide phone (iPhone SE, small Android): every label of the bottom bars
// stays whole (a word split over two lines reads as two words), and nothing is wider than the screen.
jest.setTimeout(90_000);

/** How many lines the element's text takes on screen. */
function linesOf(page: Page, selector: string): Promise<number> {
  return page.locator(selector).first().evaluate((element) => {
    const range = document.createRange();
    range.selectNodeContents(element);
    return new Set([...range.getClientRects()].filter((rect) => rect.width > 0).map((rect) => Math.round(rect.top))).size;
  });
}

describe('local shop on a 320 px wide phone', () => {
  const at = browserShop('quickpay');

  it('keeps 购物车, 合计： and the total whole on 首页 and 确认订单, and nothing scrolls sideways', async () => {
    const { page } = at;
    await page.setViewportSize({ width: 320, height: 568 });
    try {
      for (const name of ['西湖龙井', '安溪铁观音', '安溪铁观音', '安溪铁观音', '试饮装']) await plus(page, name);
      await expect(page.locator('.cart-bar__total').innerText()).resolves.toBe('¥82.51');
      await screenshot(page, 'narrow-home');
      for (const selector of ['.cart-bar__glyph', '.cart-bar__label', '.cart-bar__total', '.cart-bar__checkout']) {
        expect({ selector, lines: await linesOf(page, selector) }).toEqual({ selector, lines: 1 });
      }
      await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(320);

      await checkout(page);
      await screenshot(page, 'narrow-confirm');
      for (const selector of ['.confirm-bar .cart-bar__label', '.confirm-bar .cart-bar__total', '.confirm__pay']) {
        expect({ selector, lines: await linesOf(page, selector) }).toEqual({ selector, lines: 1 });
      }
      await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(320);
    } finally {
      await page.setViewportSize({ width: 390, height: 844 });
    }
  });
});
