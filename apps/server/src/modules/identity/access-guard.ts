import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../../platform/errors/app-error.ts';
import type { ApiTokensService } from './api-tokens.service.ts';
import type { AuthLoader } from './auth-loader.ts';
import { SESSION_COOKIE } from './auth-settings.ts';
import { can, isPermission } from './policy.ts';
import type { Principal, WorkspaceAccess } from './principal.ts';
import type { WorkspacesRepository } from './workspaces.repository.ts';

export interface AccessGuardDeps {
  auth: AuthLoader;
  apiTokens: ApiTokensService;
  workspaces: WorkspacesRepository;
  allowedOrigins: string[];
  /** Rejected API keys tolerated per client IP and minute before the IP is refused outright. */
  failedKeysPerMinute: number;
}

type FailureLimiter = (
  request: FastifyRequest,
  options?: { increment?: boolean },
) => Promise<{ isAllowed: true } | { isAllowed: false; isExceeded: boolean }>;

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

interface Caller {
  principal: Principal;
  /** Set when the caller's membership in the route's workspace came back with the credential. */
  loaded?: { membership: WorkspaceAccess | undefined };
}

/**
 * Runs before anything else on every route: finds the caller (X-API-Key or session cookie), enforces the
 * route's declared access, checks the Origin of cookie-authenticated writes (CSRF), and loads the caller's
 * role in the workspace named by `:slug`. Permission is checked before any object lookup, as Plane does.
 */
export const accessGuard = fp<AccessGuardDeps>(async (app: FastifyInstance, deps) => {
  const origins = new Set(deps.allowedOrigins.map((o) => new URL(o).origin));
  // Rejected requests never reach the per-caller limiter (it runs after authentication), so guessing keys is
  // counted here, per client IP, in the same store (Redis when configured).
  const failures: FailureLimiter = app.createRateLimit({
    max: deps.failedKeysPerMinute,
    timeWindow: 60_000,
    keyGenerator: (request: FastifyRequest) => `auth-fail:${request.ip}`,
  });

  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config?.access;
    if (!access || access.kind === 'public') return;
    const slug = access.kind === 'permission' ? slugOf(request) : undefined;
    const caller = await resolveCaller(request, deps, failures, slug);
    if (!caller) throw new AppError('UNAUTHENTICATED');
    const { principal } = caller;
    request.principal = principal;
    request.rateLimitKey =
      principal.kind === 'api_key' ? `key:${principal.token.id}` : `user:${principal.user.id}`;
    if (principal.kind === 'session' && !safeMethods.has(request.method)) checkOrigin(request, origins);
    if (access.kind === 'permission') await authorize(request, caller, access.permission, slug, deps);
  });
});

function slugOf(request: FastifyRequest): string | undefined {
  const slug = (request.params as { slug?: unknown }).slug;
  return typeof slug === 'string' ? slug : undefined;
}

async function resolveCaller(
  request: FastifyRequest,
  deps: AccessGuardDeps,
  failures: FailureLimiter,
  slug: string | undefined,
): Promise<Caller | undefined> {
  const apiKey = request.headers['x-api-key'];
  if (typeof apiKey === 'string' && apiKey !== '') {
    const seen = await failures(request, { increment: false });
    if (!seen.isAllowed && seen.isExceeded) {
      request.log.warn(
        { security: 'authentication_throttled' },
        'too many rejected API keys from this address',
      );
      throw new AppError('RATE_LIMITED');
    }
    const result = await deps.apiTokens.check(apiKey, slug);
    if (!result.ok) {
      await failures(request);
      request.log.warn(
        { security: 'authentication_failed', reason: `api_key_${result.reason}` },
        'API key rejected',
      );
      throw new AppError('INVALID_API_KEY');
    }
    const { user } = result;
    return {
      principal: {
        kind: 'api_key',
        user: { id: user.id, email: user.email, name: user.name, timezone: user.timezone },
        token: result.token,
      },
      loaded: slug === undefined ? undefined : { membership: result.membership },
    };
  }
  if (!request.headers.cookie?.includes(SESSION_COOKIE)) return undefined;
  const session = await (
    await deps.auth.get()
  ).api.getSession({
    headers: new Headers({ cookie: request.headers.cookie }),
  });
  if (!session) return undefined;
  const { user } = session;
  return {
    principal: {
      kind: 'session',
      user: { id: user.id, email: user.email, name: user.name },
      sessionId: session.session.id,
    },
  };
}

function checkOrigin(request: FastifyRequest, allowed: Set<string>): void {
  const source = request.headers.origin ?? refererOrigin(request.headers.referer);
  if (source && allowed.has(source)) return;
  request.log.warn({ security: 'csrf_rejected', origin: source ?? null }, 'cross-site request rejected');
  throw new AppError('CSRF_REJECTED');
}

function refererOrigin(referer: string | undefined): string | undefined {
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return undefined;
  }
}

async function authorize(
  request: FastifyRequest,
  { principal, loaded }: Caller,
  permission: string,
  slug: string | undefined,
  deps: AccessGuardDeps,
) {
  if (!isPermission(permission)) throw new Error(`Route declares unknown permission ${permission}`);
  const membership = loaded
    ? loaded.membership
    : slug !== undefined
      ? await deps.workspaces.findMembershipBySlug(slug, principal.user.id)
      : undefined;
  const tokenScope = principal.kind === 'api_key' ? principal.token.workspaceId : null;
  const inScope = membership && (!tokenScope || tokenScope === membership.workspace.id);
  if (!inScope || !can(membership.role, permission)) {
    request.log.warn(
      {
        security: 'authorization_denied',
        user: principal.user.id,
        workspace: slug ?? null,
        role: membership?.role ?? null,
        permission,
      },
      'authorization denied',
    );
    throw new AppError('FORBIDDEN');
  }
  request.workspaceAccess = membership;
}
