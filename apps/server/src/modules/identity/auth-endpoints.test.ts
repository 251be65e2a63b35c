import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { newUser } from '../../../test/factories.ts';
import { isServedAuthEndpoint } from './auth.routes.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('the /api/auth surface', () => {
  it('serves the sign-in endpoints the product uses', () => {
    expect(isServedAuthEndpoint('POST', '/api/auth/sign-in/email')).toBe(true);
    expect(isServedAuthEndpoint('GET', '/api/auth/magic-link/verify')).toBe(true);
    expect(isServedAuthEndpoint('GET', '/api/auth/callback/github')).toBe(true);
    expect(isServedAuthEndpoint('GET', '/api/auth/get-session/')).toBe(true);
  });

  it('answers 404 for the library endpoints that would hand out stored OAuth tokens or link accounts', async () => {
    const user = await newUser(t);
    for (const path of [
      'get-access-token',
      'refresh-token',
      'account-info',
      'link-social',
      'unlink-account',
      'delete-user',
    ]) {
      for (const method of ['GET', 'POST'] as const) {
        const response = await t.request({
          method,
          url: `/api/auth/${path}`,
          headers: { cookie: user.cookie },
          ...(method === 'POST' ? { payload: { providerId: 'github' } } : {}),
        });
        expect(response.statusCode, `${method} ${path}`).toBe(404);
        expect(response.json().error.code).toBe('ROUTE_NOT_FOUND');
      }
    }
    const me = await t.request({ method: 'GET', url: '/api/me', headers: { cookie: user.cookie } });
    expect(me.statusCode).toBe(200);
  });
});

describe('guessing API keys', () => {
  it('refuses an address with 429 once it has sent too many rejected keys, while others go on', async () => {
    const strict = await createTestApp({ AUTH_RATE_LIMIT_PER_MINUTE: '5' });
    try {
      const guess = (remoteAddress: string, key: string) =>
        strict.app.inject({ method: 'GET', url: '/api/me', remoteAddress, headers: { 'x-api-key': key } });
      // Counters live in Redis across runs when it is configured: take addresses no earlier run used.
      const guesser = `127.1.${randomInt(256)}.${randomInt(256)}`;
      const bystander = `127.2.${randomInt(256)}.${randomInt(256)}`;
      const statuses: number[] = [];
      for (let i = 0; i < 8; i++)
        statuses.push((await guess(guesser, `plane_api_${'0'.repeat(31)}${i}`)).statusCode);
      expect(statuses.slice(0, 5)).toEqual([403, 403, 403, 403, 403]);
      expect(statuses.slice(-1)).toEqual([429]);
      const { user } = await (
        await strict.container.identity.auth.get()
      ).api.signUpEmail({
        body: {
          email: `keys-${randomInt(1e9)}@example.test`,
          password: 'long-enough-password',
          name: 'Key Owner',
        },
      });
      const { token } = await strict.container.identity.apiTokens.create(
        { actor: { type: 'user', id: user.id } },
        user.id,
        {
          label: 'ok',
        },
      );
      expect((await guess(guesser, token)).statusCode).toBe(429);
      expect((await guess(bystander, token)).statusCode).toBe(200);
    } finally {
      await strict.close();
    }
  });
});
