import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUser } from './factories.ts';
import { createTestApp, type TestApp } from './test-app.ts';

// A small stand-in for apps/web/dist, so these tests say exactly which files exist.
const dist = mkdtempSync(path.join(tmpdir(), 'agency-os-web-'));
const indexHtml =
  '<!doctype html><html><body><div id="root"></div><script type="module" src="/assets/index-abc123.js"></script></body></html>';
mkdirSync(path.join(dist, 'assets'));
writeFileSync(path.join(dist, 'index.html'), indexHtml);
writeFileSync(path.join(dist, 'assets', 'index-abc123.js'), 'console.log("app")');
writeFileSync(path.join(dist, 'theme-init.js'), 'void 0');
const missingDist = path.join(dist, 'not-built');

let t: TestApp;
let unbuilt: TestApp;
beforeAll(async () => {
  t = await createTestApp({ WEB_DIST_DIR: dist });
  unbuilt = await createTestApp({ WEB_DIST_DIR: missingDist });
});
afterAll(async () => {
  await t.close();
  await unbuilt.close();
  rmSync(dist, { recursive: true, force: true });
});

const get = (url: string, app = t) => app.request({ method: 'GET', url });

describe('the web app at /', () => {
  it('serves index.html at / with a strict Content-Security-Policy and no caching', async () => {
    const response = await get('/');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.body).toBe(indexHtml);
    expect(response.headers['cache-control']).toBe('no-cache');
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
  });

  it('answers every page path of the app with index.html, so deep links and reloads work', async () => {
    for (const url of ['/login', '/northwind/members', '/invitations/abc123def456?x=1', '/me']) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(200);
      expect(response.body, url).toBe(indexHtml);
    }
  });

  it('serves hashed assets for good and other files for revalidation', async () => {
    const asset = await get('/assets/index-abc123.js');
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-type']).toContain('javascript');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const script = await get('/theme-init.js');
    expect(script.statusCode).toBe(200);
    expect(script.headers['cache-control']).toBe('no-cache');
  });

  it('answers a missing file or an unknown server path with the API 404, not the app', async () => {
    for (const url of ['/assets/gone-123.js', '/api/nothing-here', '/api', '/health/deep']) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(404);
      expect(response.json(), url).toEqual({
        error: { code: 'ROUTE_NOT_FOUND', message: expect.any(String) },
      });
    }
  });

  it('never serves a file outside the build folder', async () => {
    for (const url of ['/../package.json', '/%2e%2e/%2e%2e/etc/passwd', '/assets/..%2f..%2fpackage.json']) {
      const response = await get(url);
      expect(response.body, url).not.toContain('"dependencies"');
      expect(response.body, url).not.toContain('root:');
    }
  });

  it('leaves the API, health and metrics as they were', async () => {
    expect((await get('/health')).json()).toMatchObject({ status: 'ok' });
    expect((await get('/api/workspaces')).statusCode).toBe(401);
    expect((await get('/metrics')).headers['content-type']).toContain('text/plain');
  });

  it('keeps workspace URLs clear of the server paths beside the app', async () => {
    const owner = await newUser(t);
    for (const slug of ['health', 'ready', 'metrics', 'api', 'login']) {
      const response = await t.request({
        method: 'POST',
        url: '/api/workspaces',
        headers: { cookie: owner.cookie },
        payload: { slug, name: 'Shadow' },
      });
      expect(response.statusCode, slug).toBe(409);
      expect(response.json().error, slug).toMatchObject({ code: 'WORKSPACE_SLUG_TAKEN', field: 'slug' });
    }
  });

  it('says how to build the app when it has not been built', async () => {
    const response = await get('/northwind', unbuilt);
    expect(response.statusCode).toBe(503);
    expect(response.body).toContain('npm run build --workspace @agency-os/web');
  });
});
