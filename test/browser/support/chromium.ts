/**
 * Debian's chromium driven by playwright-core (TOOLCHAIN.md: `npx playwright install` cannot work
 * here). Each launch gets a fresh user-data-dir: a new browser profile is a new shopper. A missing
 * chromium FAILS the browser tests with the fix to apply; it never skips them.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function assertChromium(executable = CHROMIUM_PATH): void {
  if (!existsSync(executable)) {
    throw new Error(`Chromium is missing (${executable}): run \`node scripts/ensure-chromium.mjs\` as root (apt-get install chromium), or set CHROMIUM_PATH.`);
  }
}

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  /** Messages from the page's console errors and uncaught exceptions (a test can assert there are none). */
  errors: string[];
  close(): Promise<void>;
}

/** A phone-sized browser window with a profile of its own. */
export async function openBrowser(): Promise<BrowserSession> {
  assertChromium();
  const profile = mkdtempSync(path.join(tmpdir(), 'shop-browser-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: FLAGS,
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 1,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  return {
    context,
    page,
    errors,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
