import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';

const oauthEnv = {
  GITHUB_CLIENT_ID: 'gh-client',
  GITHUB_CLIENT_SECRET: 'gh-secret',
  GOOGLE_CLIENT_ID: 'google-client',
  GOOGLE_CLIENT_SECRET: 'google-secret',
};

let plain: TestApp;
let production: TestApp;
beforeAll(async () => {
  plain = await createTestApp();
  production = await createTestApp({ NODE_ENV: 'production', ...oauthEnv });
});
afterAll(async () => {
  await plain.close();
  await production.close();
});

describe('GET /api/auth-methods', () => {
  it('offers password and magic link, and no OAuth button when no provider is configured', async () => {
    const response = await plain.request({ method: 'GET', url: '/api/auth-methods' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ password: true, magic_link: true, oauth: [] });
  });

  it('lists configured providers without sign-in, and hides magic links where mail reaches no one', async () => {
    const response = await production.request({ method: 'GET', url: '/api/auth-methods' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      password: true,
      magic_link: false,
      oauth: [
        { id: 'github', name: 'GitHub' },
        { id: 'google', name: 'Google' },
      ],
    });
    expect(response.body).not.toContain('secret');
  });
});
