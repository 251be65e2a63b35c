import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { repoRoot } from './server.ts';

export const baseURL = () => inject('baseURL');
export const screenshotDir = path.join(repoRoot, 'test-results/screenshots');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Debian's Chromium, headless. Playwright gives every launch a new empty profile (user-data-dir) of its
 * own; the flags keep the browser from reaching for the network or updates.
 */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(chromiumPath))
    throw new Error(`${chromiumPath} is missing: run scripts/install-chromium.sh`);
  return chromium.launch({
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
}

/** A separate person: own cookies and storage, a laptop-sized window, clipboard allowed for copy buttons. */
export async function newPerson(browser: Browser, options: { colorScheme?: 'light' | 'dark' } = {}) {
  const context = await browser.newContext({
    baseURL: baseURL(),
    viewport: { width: 1280, height: 800 },
    colorScheme: options.colorScheme ?? 'light',
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  await context.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return { context, page, errors };
}

/** Fails on uncaught script errors and on anything the Content-Security-Policy blocked. */
export async function expectHealthyPage(page: Page, errors: string[]): Promise<void> {
  const csp = await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
  expect(csp, 'CSP violations').toEqual([]);
  expect(errors, 'uncaught errors in the page').toEqual([]);
}

/** axe-core on the page as it is now: no serious or critical violations of WCAG 2.1 A/AA. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const cspBefore = await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp.length);
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            c: Document,
            o: object,
          ): Promise<{
            violations: Array<{
              id: string;
              impact: string | null;
              help: string;
              nodes: Array<{ target: unknown }>;
            }>;
          }>;
        };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => JSON.stringify(n.target)).slice(0, 3),
    }));
  });
  // axe itself probes for eval, which the CSP rightly blocks: that report is the tool's, not the app's.
  await page.evaluate((n) => (window as unknown as { __csp: string[] }).__csp.splice(n), cspBefore);
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious, `accessibility violations on ${screen}`).toEqual([]);
}

/** Saves what the window shows (as a person sees it) for review under test-results/screenshots (git-ignored). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({
    path: path.join(screenshotDir, `${name}.png`),
    fullPage: false,
    animations: 'disabled',
  });
}

/** Every main screen gets the same three checks. */
export async function reviewScreen(page: Page, errors: string[], name: string): Promise<void> {
  await expectAccessible(page, name);
  await expectHealthyPage(page, errors);
  await screenshot(page, name);
}

let counter = 0;
export function newIdentity(prefix: string) {
  const id = `${Date.now().toString(36)}${(++counter).toString(36)}${process.pid.toString(36)}`;
  return {
    name: `${prefix[0]!.toUpperCase()}${prefix.slice(1)} Example`,
    email: `${prefix}-${id}@example.test`,
    password: `pw-${id}-long-enough`,
    slug: `${prefix}-${id}`,
  };
}
export type Identity = ReturnType<typeof newIdentity>;

/** The newest mail of a kind to an address, from the development mailbox (loopback servers only). */
export async function latestMail(to: string, kind: string): Promise<{ text: string }> {
  const response = await fetch(`${baseURL()}/api/dev/mailbox?to=${encodeURIComponent(to)}&kind=${kind}`);
  const mails = (await response.json()) as Array<{ text: string }>;
  if (!mails[0]) throw new Error(`no ${kind} mail to ${to}`);
  return mails[0];
}

export const firstUrl = (text: string) => /https?:\/\/\S+/.exec(text)?.[0] ?? '';

export async function signUp(page: Page, who: Identity, path = '/signup'): Promise<void> {
  await page.goto(path);
  await page.getByLabel('Full name', { exact: true }).fill(who.name);
  await page.getByLabel('Work e-mail', { exact: true }).fill(who.email);
  await page.getByLabel('Password', { exact: true }).fill(who.password);
  await page.getByRole('button', { name: 'Create account' }).click();
}

export async function createWorkspace(page: Page, name: string, slug: string): Promise<void> {
  await page.getByLabel('Workspace name', { exact: true }).fill(name);
  await page.getByLabel('Workspace URL', { exact: true }).fill(slug);
  await page.getByRole('button', { name: 'Create workspace' }).click();
  await page.waitForURL(`**/${slug}`);
}

export async function closeAll(...contexts: BrowserContext[]): Promise<void> {
  await Promise.all(contexts.map((c) => c.close()));
}
