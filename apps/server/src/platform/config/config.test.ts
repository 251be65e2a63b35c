import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSecretBox } from '../crypto/key-store.ts';
import { SecretKeyError } from '../crypto/secret-box.ts';
import { ConfigError, loadConfig } from './config.ts';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'agency-os-config-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('runs with no configuration at all: embedded database in ./data, loopback, port 3000, demo on', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      env: 'development',
      host: '127.0.0.1',
      port: 3000,
      publicUrl: 'http://127.0.0.1:3000',
      database: { kind: 'pglite', dataDir: path.resolve('data') },
      dataDir: path.resolve('data'),
      redisUrl: undefined,
      secretKey: undefined,
      previousSecretKeys: [],
      demo: true,
      corsOrigins: [],
      trustProxy: false,
      rateLimitPerMinute: 600,
      authRateLimitPerMinute: 30,
      bodyLimit: 1_048_576,
      logLevel: 'info',
      mail: { smtpUrl: undefined, from: 'Agency OS <no-reply@agency-os.local>' },
      oauth: { github: undefined, google: undefined },
    });
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '', LOG_LEVEL: '' })).toMatchObject({
      port: 3000,
      database: { kind: 'pglite' },
      logLevel: 'info',
    });
  });

  it('runs on PostgreSQL when DATABASE_URL is set, without the demo unless asked', () => {
    const url = 'postgres://agency@db.internal:5432/agency';
    expect(loadConfig({ DATABASE_URL: url })).toMatchObject({
      database: { kind: 'postgres', url },
      demo: false,
    });
    expect(loadConfig({ DATABASE_URL: url, AGENCY_DEMO: 'true' }).demo).toBe(true);
    expect(loadConfig({ AGENCY_DEMO: '0' }).demo).toBe(false);
  });

  it('derives the public URL from HOST and PORT, and trims a trailing slash from PUBLIC_URL', () => {
    expect(loadConfig({ HOST: '0.0.0.0', PORT: '8080' }).publicUrl).toBe('http://localhost:8080');
    expect(loadConfig({ HOST: '::1', PORT: '8080' }).publicUrl).toBe('http://[::1]:8080');
    expect(loadConfig({ PUBLIC_URL: 'https://agency.example/' }).publicUrl).toBe('https://agency.example');
  });

  it('reads comma lists', () => {
    const config = loadConfig({
      CORS_ORIGINS: 'https://app.example, https://admin.example,',
      AGENCY_SECRET_KEY_PREVIOUS: 'a,b',
    });
    expect(config.corsOrigins).toEqual(['https://app.example', 'https://admin.example']);
    expect(config.previousSecretKeys).toEqual(['a', 'b']);
  });

  it('names every wrong variable in one error, schema and cross-field problems together', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      DATABASE_URL: 'mysql://root@localhost/agency',
      REDIS_URL: 'http://127.0.0.1:6379',
      LOG_LEVEL: 'loud',
      AGENCY_DEMO: 'maybe',
      BODY_LIMIT_BYTES: '10',
      NODE_ENV: 'staging',
      GITHUB_CLIENT_ID: 'only-the-id',
      TRUST_PROXY: 'proxy.example',
    });
    const named = problems.map((p) => p.split(':')[0]);
    expect(named).toEqual(
      expect.arrayContaining([
        'PORT',
        'DATABASE_URL',
        'REDIS_URL',
        'LOG_LEVEL',
        'AGENCY_DEMO',
        'BODY_LIMIT_BYTES',
        'NODE_ENV',
        'GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET',
        'TRUST_PROXY',
      ]),
    );
    expect(problems).toHaveLength(9);
    expect(problems).toContain('DATABASE_URL: must start with postgres:// or postgresql://');
  });

  it('prints the problems as a list a person can act on', () => {
    try {
      loadConfig({ PORT: '70000', SMTP_URL: 'mail.example' });
      expect.unreachable();
    } catch (error) {
      const message = (error as Error).message;
      expect(message.split('\n')[0]).toBe('Invalid configuration:');
      expect(message).toMatch(/\n {2}- PORT: /);
      expect(message).toMatch(/\n {2}- SMTP_URL: /);
    }
  });

  it('pairs OAuth client ids with their secrets', () => {
    expect(problemsOf({ GITHUB_CLIENT_SECRET: 's' })).toEqual([
      'GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET: set both or neither',
    ]);
    expect(problemsOf({ GOOGLE_CLIENT_ID: 'i' })).toEqual([
      'GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET: set both or neither',
    ]);
    const config = loadConfig({
      GITHUB_CLIENT_ID: 'gh-id',
      GITHUB_CLIENT_SECRET: 'gh-secret',
      GITHUB_OAUTH_URL: 'http://127.0.0.1:9999/',
      GOOGLE_CLIENT_ID: 'g-id',
      GOOGLE_CLIENT_SECRET: 'g-secret',
    });
    expect(config.oauth.github).toEqual({
      clientId: 'gh-id',
      clientSecret: 'gh-secret',
      oauthUrl: 'http://127.0.0.1:9999',
      apiUrl: 'https://api.github.com',
    });
    expect(config.oauth.google).toMatchObject({
      clientId: 'g-id',
      clientSecret: 'g-secret',
      tokenUrl: 'https://oauth2.googleapis.com/token',
    });
  });

  it('reads TRUST_PROXY as off, on, a hop count or a list of proxy addresses', () => {
    const trust = (value?: string) =>
      loadConfig(value === undefined ? {} : { TRUST_PROXY: value }).trustProxy;
    expect(trust()).toBe(false);
    expect(trust('false')).toBe(false);
    expect(trust('true')).toBe(true);
    expect(trust('2')).toBe(2);
    expect(trust('10.0.0.1, 10.1.0.0/16,::1')).toEqual(['10.0.0.1', '10.1.0.0/16', '::1']);
    expect(problemsOf({ TRUST_PROXY: 'yes' })).toEqual([
      'TRUST_PROXY: expected true, false, a hop count or a comma list of IP addresses/CIDRs',
    ]);
  });
});

describe('loadSecretBox', () => {
  it('refuses production without AGENCY_SECRET_KEY, and writes no key of its own', () => {
    const dataDir = tempDir();
    const config = loadConfig({ NODE_ENV: 'production', AGENCY_DATA_DIR: dataDir });
    expect(() => loadSecretBox(config)).toThrow(SecretKeyError);
    expect(() => loadSecretBox(config)).toThrow(
      'AGENCY_SECRET_KEY is required in production (try: openssl rand -base64 32)',
    );
    expect(existsSync(path.join(dataDir, 'secret.key'))).toBe(false);
  });

  it('refuses a key that is not 32 bytes, naming the variable', () => {
    const config = loadConfig({ NODE_ENV: 'production', AGENCY_SECRET_KEY: 'too-short' });
    expect(() => loadSecretBox(config)).toThrow(/^AGENCY_SECRET_KEY must be 32 random bytes/);
    const previous = loadConfig({
      AGENCY_SECRET_KEY: Buffer.alloc(32, 1).toString('base64'),
      AGENCY_SECRET_KEY_PREVIOUS: 'nope',
    });
    expect(() => loadSecretBox(previous)).toThrow(/^AGENCY_SECRET_KEY_PREVIOUS\[0\] must be 32 random bytes/);
  });

  it('in development, generates a private key in the data directory once and keeps using it', () => {
    const dataDir = tempDir();
    const config = loadConfig({ AGENCY_DATA_DIR: dataDir });
    const first = loadSecretBox(config);
    const keyFile = path.join(dataDir, 'secret.key');
    expect(first).toMatchObject({ generated: true, keyFile });
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64')).toHaveLength(32);
    const second = loadSecretBox(config);
    expect(second.generated).toBe(false);
    expect(second.box.currentKeyId).toBe(first.box.currentKeyId);
    expect(second.box.open(first.box.seal('kept'))).toBe('kept');
  });
});
