import { beforeAll, describe, expect, it } from 'vitest';
import { newApiToken } from '../../../test/factories.ts';
import { httpError, ownerWithWorkspace, planeWorkspace, raw } from '../../../test/plane-kit.ts';

// Plane's per-API-key throttle (contract §1.4), with small limits so a test can reach them: in memory on
// PGlite runs, in Redis (shared by instances) when TEST_REDIS_URL is set.
const { server, owner, workspace } = await planeWorkspace({
  API_KEY_RATE_LIMIT: '3/minute',
  SERVICE_API_KEY_RATE_LIMIT: '5/minute',
});
let url: string;

beforeAll(async () => {
  url = `/api/v1/workspaces/${workspace.slug}/projects/`;
});

describe('API key throttle', () => {
  it('counts down X-RateLimit-Remaining, then answers 429 with Retry-After and Plane’s body', async () => {
    const { token } = await newApiToken(server.t, owner.user);
    const remaining: string[] = [];
    for (let i = 0; i < 3; i++) {
      const before = Math.floor(Date.now() / 1000);
      const response = await raw(server, 'GET', url, { key: token });
      expect(response.status).toBe(200);
      remaining.push(response.headers.get('x-ratelimit-remaining')!);
      const reset = Number(response.headers.get('x-ratelimit-reset'));
      expect(reset).toBeGreaterThanOrEqual(before + 60);
      expect(reset).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + 60);
    }
    expect(remaining).toEqual(['2', '1', '0']);
    const refused = await raw(server, 'GET', url, { key: token });
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({ error_code: 5900, error_message: 'RATE_LIMIT_EXCEEDED' });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60);
  });

  it('surfaces 429 through the SDK as HttpError', async () => {
    const caller = (await ownerWithWorkspace(server)).owner;
    for (let i = 0; i < 3; i++) await caller.sdk.users.me();
    await httpError(caller.sdk.users.me(), 429, { error_code: 5900, error_message: 'RATE_LIMIT_EXCEEDED' });
  });

  it('does not count or label refused authentication and permission, but does count a 404', async () => {
    const { token } = await newApiToken(server.t, owner.user);
    const outside = await raw(server, 'GET', '/api/v1/workspaces/not-mine/projects/', { key: token });
    expect(outside.status).toBe(403);
    expect(outside.headers.get('x-ratelimit-remaining')).toBeNull();
    const missing = await raw(server, 'GET', `${url}00000000-0000-4000-8000-000000000000/`, { key: token });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('x-ratelimit-remaining')).toBe('2');
  });

  it('gives every key its own budget, and service tokens the higher limit', async () => {
    const { token: service } = await server.t.container.identity.apiTokens.create(
      { actor: { type: 'user', id: owner.user.id } },
      owner.user.id,
      { label: 'service', isService: true },
    );
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await raw(server, 'GET', url, { key: service })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const { token: fresh } = await newApiToken(server.t, owner.user);
    expect((await raw(server, 'GET', url, { key: fresh })).headers.get('x-ratelimit-remaining')).toBe('2');
  });
});
