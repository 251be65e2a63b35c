import { Octokit } from '@octokit/core';
import { hash as argon2Hash, verify as argon2Verify } from '@node-rs/argon2';
import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { genericOAuth, magicLink, type GenericOAuthConfig } from 'better-auth/plugins';
import type { Logger } from 'pino';
import type { Config } from '../../platform/config/config.ts';
import type { Db } from '../../platform/db/database.ts';
import type { SecretBox } from '../../platform/crypto/secret-box.ts';
import type { Actor } from '../../platform/events/actor.ts';
import { recordChange } from '../../platform/events/outbox.ts';
import type { Transactor } from '../../platform/events/transactor.ts';
import type { Mailer } from '../../platform/mail/mailer.ts';
import { CLIENT_IP_HEADER, MAGIC_LINK_TTL_SECONDS } from './auth-settings.ts';
import { accounts, sessions, users, verifications } from './identity.schema.ts';

// OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane.
const argon2Options = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };
const tokenColumns = ['accessToken', 'refreshToken', 'idToken'] as const;

export interface AuthDeps {
  db: Db;
  config: Config;
  box: SecretBox;
  mailer: Mailer;
  transactor: Transactor;
  logger: Logger;
}

export function createAuth({ db, config, box, mailer, transactor, logger }: AuthDeps) {
  const audit = (
    actor: Actor,
    action: string,
    objectType: string,
    objectId: string,
    after?: Record<string, unknown>,
  ) =>
    transactor
      .run((tx) =>
        recordChange(
          tx,
          { actor },
          { workspaceId: null, action, objectType, objectId, after: after ?? null },
        ),
      )
      .catch((error: unknown) => logger.error({ err: error, action }, 'could not record identity change'));
  const sealTokens = async <T extends Record<string, unknown>>(account: T) => {
    const data: Record<string, unknown> = { ...account };
    for (const column of tokenColumns) {
      const value = data[column];
      if (typeof value === 'string' && value !== '') data[column] = box.seal(value);
    }
    return { data: data as T };
  };

  return betterAuth({
    appName: 'Agency OS',
    baseURL: config.publicUrl,
    basePath: '/api/auth',
    secret: box.derive('better-auth').toString('base64'),
    trustedOrigins: [config.publicUrl, ...config.corsOrigins],
    database: drizzleAdapter(db, {
      provider: 'pg',
      schema: { user: users, session: sessions, account: accounts, verification: verifications },
    }),
    telemetry: { enabled: false },
    // The library's own messages (failed sign-ins, refused OAuth callbacks) belong in the structured log.
    // Level 'info' also stops it echoing API errors to the console; its chatty info lines become debug.
    logger: {
      level: 'info',
      log: (level, message, ...args) => {
        const err = args.find((arg): arg is Error => arg instanceof Error);
        logger[level === 'info' ? 'debug' : level]({ component: 'auth', ...(err ? { err } : {}) }, message);
      },
    },
    // Our own limiter (per IP on these routes, Redis-backed when configured) replaces the library's.
    rateLimit: { enabled: false },
    advanced: {
      cookiePrefix: 'agency_os',
      useSecureCookies: config.publicUrl.startsWith('https://'),
      // better-auth turns its Origin (CSRF) and callback-URL checks off when NODE_ENV=test; keep them on
      // everywhere, so that tests exercise the protection production runs with.
      disableOriginCheck: false,
      database: { generateId: 'uuid' },
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
    },
    session: { expiresIn: 60 * 60 * 24 * 14, updateAge: 60 * 60 * 24 },
    emailAndPassword: {
      enabled: true,
      minPasswordLength: 8,
      maxPasswordLength: 256,
      revokeSessionsOnPasswordReset: true,
      password: {
        hash: (password) => argon2Hash(password, argon2Options),
        verify: ({ hash, password }) => argon2Verify(hash, password),
      },
    },
    plugins: [
      magicLink({
        expiresIn: MAGIC_LINK_TTL_SECONDS,
        storeToken: 'hashed',
        sendMagicLink: async ({ email, url }) => {
          await mailer.send({
            to: email,
            kind: 'magic_link',
            subject: 'Your Agency OS sign-in link',
            text: `Sign in to Agency OS: ${url}\n\nThe link works once, for 10 minutes. If you did not ask for it, ignore this mail.`,
          });
        },
      }),
      ...oauthPlugins(config),
    ],
    // The library runs these once its transaction has committed and waits for them: the audit row is written
    // before the answer goes out.
    databaseHooks: {
      user: {
        create: {
          after: async (user) =>
            await audit({ type: 'user', id: user.id }, 'user.created', 'user', user.id, {
              email: user.email,
              name: user.name,
            }),
        },
      },
      session: {
        create: {
          after: async (session) =>
            await audit({ type: 'user', id: session.userId }, 'session.created', 'session', session.id),
        },
        delete: {
          after: async (session) =>
            await audit({ type: 'user', id: session.userId }, 'session.revoked', 'session', session.id),
        },
      },
      account: {
        create: {
          before: sealTokens,
          after: async (account) =>
            await audit({ type: 'user', id: account.userId }, 'account.linked', 'account', account.id, {
              provider: account.providerId,
            }),
        },
        update: {
          before: sealTokens,
          after: async (account) => {
            if (account.providerId === 'credential') {
              await audit(
                { type: 'user', id: account.userId },
                'user.password_changed',
                'user',
                account.userId,
              );
            }
          },
        },
      },
    },
  });
}

export type Auth = ReturnType<typeof createAuth>;

/**
 * GitHub and Google as standard OAuth 2.0 authorization-code providers whose endpoints come from the
 * configuration, so GitHub Enterprise, Google-compatible IdPs and our loopback test providers all work.
 */
function oauthPlugins(config: Config) {
  const providers: GenericOAuthConfig[] = [];
  const { github, google } = config.oauth;
  if (github) {
    providers.push({
      providerId: 'github',
      name: 'GitHub',
      clientId: github.clientId,
      clientSecret: github.clientSecret,
      authorizationUrl: `${github.oauthUrl}/login/oauth/authorize`,
      tokenUrl: `${github.oauthUrl}/login/oauth/access_token`,
      scopes: ['read:user', 'user:email'],
      getUserInfo: (tokens) => githubUser(github.apiUrl, tokens.accessToken),
    });
  }
  if (google) {
    providers.push({
      providerId: 'google',
      name: 'Google',
      clientId: google.clientId,
      clientSecret: google.clientSecret,
      authorizationUrl: google.authorizationUrl,
      tokenUrl: google.tokenUrl,
      userInfoUrl: google.userInfoUrl,
      scopes: ['openid', 'email', 'profile'],
      pkce: true,
    });
  }
  return providers.length > 0 ? [genericOAuth({ config: providers })] : [];
}

/** GitHub's profile, with the primary verified address from /user/emails when the profile hides it. */
async function githubUser(apiUrl: string, accessToken: string | undefined) {
  if (!accessToken) return null;
  const octokit = new Octokit({ auth: accessToken, baseUrl: apiUrl, userAgent: 'agency-os' });
  const { data: profile } = await octokit.request('GET /user');
  const emails = await octokit
    .request('GET /user/emails')
    .then((r) => r.data)
    .catch(() => []);
  const primary = emails.find((e) => e.primary && e.verified) ?? emails.find((e) => e.verified);
  const email = primary?.email ?? profile.email;
  if (!email) return null;
  return {
    id: String(profile.id),
    name: profile.name ?? profile.login,
    email,
    image: profile.avatar_url,
    emailVerified: primary?.verified ?? false,
  };
}
