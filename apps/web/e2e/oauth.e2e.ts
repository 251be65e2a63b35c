import { createServer, type Server } from 'node:http';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAll, launchBrowser, newPerson, reviewScreen } from './harness.ts';
import { startServer, type RunningServer } from './server.ts';

// A stand-in for GitHub's consent page on loopback: it records where the browser was sent.
let provider: Server;
let providerUrl: string;
const consentRequests: URL[] = [];
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  provider = createServer((request, response) => {
    consentRequests.push(new URL(request.url ?? '/', providerUrl));
    response
      .writeHead(200, { 'content-type': 'text/html' })
      .end('<!doctype html><title>Authorize</title><h1>Authorize Agency OS</h1>');
  });
  await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
  providerUrl = `http://127.0.0.1:${(provider.address() as { port: number }).port}`;
  server = await startServer({
    GITHUB_CLIENT_ID: 'e2e-client',
    GITHUB_CLIENT_SECRET: 'e2e-secret',
    GITHUB_OAUTH_URL: providerUrl,
    GITHUB_API_URL: providerUrl,
  });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  provider?.close();
});

describe('sign-in with a configured OAuth provider', () => {
  it('shows the provider button and sends the browser to its consent page', async () => {
    const { context, page, errors } = await newPerson(browser);
    await page.goto(`${server.url}/login`);
    const button = page.getByRole('button', { name: 'Continue with GitHub' });
    await expect.poll(() => button.isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Continue with Google' }).count()).toBe(0);
    await reviewScreen(page, errors, 'sign-in-oauth');

    await button.click();
    await page.waitForURL(`${providerUrl}/**`);
    const consent = new URL(page.url());
    expect(consentRequests.some((r) => r.pathname === consent.pathname && r.search === consent.search)).toBe(
      true,
    );
    expect(consent.pathname).toBe('/login/oauth/authorize');
    expect(consent.searchParams.get('client_id')).toBe('e2e-client');
    expect(consent.searchParams.get('redirect_uri')).toBe(`${server.url}/api/auth/callback/github`);
    expect(consent.searchParams.get('state')).toBeTruthy();
    await closeAll(context);
  });
});
