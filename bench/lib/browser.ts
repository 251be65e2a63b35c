import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { deferCleanup } from './cleanup.ts';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Debian's Chromium, headless, launched as apps/web/e2e/harness.ts launches it (a fresh profile, no network
 * beyond what the page asks for, no updates); closed by the runner's clean-up whatever happens.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath))
    throw new Error(`${chromiumPath} is missing: run scripts/install-chromium.sh`);
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  deferCleanup(() => browser.close());
  return browser;
}
