import { assertChromium, CHROMIUM_PATH } from './support/chromium';

// Without chromium the browser tests must fail loudly with the fix, never pass or skip quietly.
describe('the browser tests’ chromium', () => {
  it('fails with what to do when the binary is missing', () => {
    expect(() => assertChromium('/nonexistent/chromium')).toThrow(
      'Chromium is missing (/nonexistent/chromium): run `node scripts/ensure-chromium.mjs` as root (apt-get install chromium), or set CHROMIUM_PATH.',
    );
  });

  it('is installed here', () => {
    expect(() => assertChromium(CHROMIUM_PATH)).not.toThrow();
  });
});
