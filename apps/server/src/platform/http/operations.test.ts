import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUser, newWorkspace } from '../../../test/factories.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { createTestDatabase } from '../../../test/test-database.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const dependencies = process.env.TEST_REDIS_URL ? { database: 'ok', redis: 'ok' } : { database: 'ok' };

describe('operations endpoints', () => {
  it('/health answers while the process runs', async () => {
    const response = await t.request({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('/ready answers 200 when every dependency answers', async () => {
    const response = await t.request({ method: 'GET', url: '/ready' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ready', checks: dependencies });
  });

  it('/ready answers 503 naming the check that fails once the database is gone', async () => {
    const database = await createTestDatabase();
    let closing: Promise<void> | undefined;
    // Closed here and again by the app's shutdown: the second close must be a no-op.
    const closeOnce = () => (closing ??= database.close());
    const broken = await createTestApp({}, { ...database, close: closeOnce });
    try {
      await closeOnce();
      const response = await broken.request({ method: 'GET', url: '/ready' });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toEqual({
        status: 'not_ready',
        checks: { ...dependencies, database: 'unavailable' },
      });
      const health = await broken.request({ method: 'GET', url: '/health' });
      expect(health.statusCode).toBe(200);
    } finally {
      await broken.close();
    }
  });

  it('/metrics counts requests and their latency by route pattern, not by URL', async () => {
    const owner = await newUser(t);
    const workspace = await newWorkspace(t, owner);
    await t.request({ method: 'GET', url: '/health' });
    await t.request({
      method: 'GET',
      url: `/api/workspaces/${workspace.slug}`,
      headers: { cookie: owner.cookie },
    });
    await t.request({
      method: 'GET',
      url: '/api/workspaces/no-such-workspace',
      headers: { cookie: owner.cookie },
    });

    const response = await t.request({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = response.body;
    expect(text).toMatch(/^http_requests_total\{method="GET",route="\/health",status="200"\} [1-9]\d*$/m);
    expect(text).toMatch(
      /^http_requests_total\{method="GET",route="\/api\/workspaces\/:slug",status="200"\} 1$/m,
    );
    expect(text).toMatch(
      /^http_requests_total\{method="GET",route="\/api\/workspaces\/:slug",status="4\d\d"\} 1$/m,
    );
    expect(text).toMatch(
      /^http_request_duration_seconds_bucket\{le="\+Inf",method="GET",route="\/api\/workspaces\/:slug",status="200"\} 1$/m,
    );
    expect(text).toMatch(
      /^http_request_duration_seconds_count\{method="POST",route="\/api\/workspaces",status="201"\} \d+$/m,
    );
    expect(text).toContain('# TYPE http_request_errors_total counter');
    expect(text).toContain('process_resident_memory_bytes');
    expect(text).not.toContain(workspace.slug);
    expect(text).not.toContain('no-such-workspace');
  });

  it('/api/openapi.json is an OpenAPI 3.1 document of the identity routes', async () => {
    const response = await t.request({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const doc = response.json<{
      openapi: string;
      info: { title: string };
      paths: Record<string, Record<string, { tags?: string[]; requestBody?: unknown }>>;
      components: { securitySchemes: Record<string, { type: string; in: string; name: string }> };
    }>();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.title).toBe('Agency OS API');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/me',
        '/api/me/api-tokens',
        '/api/me/api-tokens/{token_id}',
        '/api/workspaces',
        '/api/workspaces/{slug}',
        '/api/workspaces/{slug}/members',
        '/api/workspaces/{slug}/members/{user_id}',
        '/api/workspaces/{slug}/invitations',
        '/api/workspaces/{slug}/activity',
        '/api/invitations/accept',
        '/health',
        '/ready',
      ]),
    );
    expect(Object.keys(doc.paths['/api/workspaces/{slug}']!).sort()).toEqual(['delete', 'get', 'patch']);
    expect(doc.paths['/api/workspaces']!.post!.requestBody).toBeDefined();
    expect(doc.components.securitySchemes.apiKey).toEqual({
      type: 'apiKey',
      in: 'header',
      name: 'X-API-Key',
    });
    expect(Object.keys(doc.paths)).not.toContain('/metrics');
  });

  it('/api/docs serves the API reference page for that document', async () => {
    const redirect = await t.request({ method: 'GET', url: '/api/docs' });
    expect(redirect.statusCode).toBe(301);
    expect(redirect.headers.location).toBe('/api/docs/');
    const response = await t.request({ method: 'GET', url: '/api/docs/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.body).toContain('/api/openapi.json');
    expect(response.body).toMatch(/<script[^>]*src="[^"]*"/);
  });
});
