import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from '../../platform/config/config.ts';
import type { SecretBox } from '../../platform/crypto/secret-box.ts';
import type { Db } from '../../platform/db/database.ts';
import { ActivityRepository } from '../../platform/events/activity.repository.ts';
import type { Transactor } from '../../platform/events/transactor.ts';
import type { Mailer } from '../../platform/mail/mailer.ts';
import { accessGuard } from './access-guard.ts';
import { ApiTokensRepository } from './api-tokens.repository.ts';
import { ApiTokensService } from './api-tokens.service.ts';
import { AuthLoader } from './auth-loader.ts';
import { authRoutes } from './auth.routes.ts';
import { authMethods, authMethodsRoutes } from './auth-methods.routes.ts';
import { InvitationsService } from './invitations.service.ts';
import { meRoutes } from './me.routes.ts';
import { MembersService } from './members.service.ts';
import { RealtimeAccess } from './realtime-access.ts';
import { UsersRepository } from './users.repository.ts';
import { WorkspacesRepository } from './workspaces.repository.ts';
import { workspaceRoutes } from './workspaces.routes.ts';
import { WorkspacesService } from './workspaces.service.ts';

export { IdentityErrors } from './identity.errors.ts';
export type { WorkspaceRole } from './identity.schema.ts';
export { workspaceRoles } from './identity.schema.ts';
export { can, permissions, planeRole, type Permission } from './policy.ts';
export {
  actorOf,
  changeContext,
  principalOf,
  workspaceAccessOf,
  type Principal,
  type WorkspaceAccess,
} from './principal.ts';
export { API_TOKEN_PREFIX } from './api-tokens.service.ts';
export { SESSION_COOKIE } from './auth-settings.ts';
export { pruneExpiredCredentials } from './maintenance.ts';
export { identityRealtimeActions, type RealtimeAccess } from './realtime-access.ts';
export type { AuthLoader };

export interface IdentityDeps {
  db: Db;
  config: Config;
  box: SecretBox;
  mailer: Mailer;
  transactor: Transactor;
  logger: Logger;
}

export interface IdentityModule {
  auth: AuthLoader;
  users: UsersRepository;
  workspaces: WorkspacesService;
  members: MembersService;
  invitations: InvitationsService;
  apiTokens: ApiTokensService;
  /** Who opens a WebSocket and which workspaces they may watch (the realtime server's auth hooks). */
  realtime: RealtimeAccess;
  /** Registers the access guard (on the root instance) and the identity routes. */
  register(app: FastifyInstance): Promise<void>;
}

export function createIdentityModule(deps: IdentityDeps): IdentityModule {
  const workspacesRepo = new WorkspacesRepository(deps.db);
  const users = new UsersRepository(deps.db);
  const auth = new AuthLoader(deps);
  const workspaces = new WorkspacesService(workspacesRepo, deps.transactor);
  const members = new MembersService(workspacesRepo, deps.transactor);
  const invitations = new InvitationsService(
    workspacesRepo,
    members,
    deps.transactor,
    deps.mailer,
    deps.logger,
    deps.config.publicUrl,
  );
  const apiTokens = new ApiTokensService(new ApiTokensRepository(deps.db), workspacesRepo, deps.transactor);
  const activity = new ActivityRepository(deps.db);

  return {
    auth,
    users,
    workspaces,
    members,
    invitations,
    apiTokens,
    realtime: new RealtimeAccess(auth, apiTokens, workspacesRepo),
    async register(app) {
      await app.register(accessGuard, {
        auth,
        apiTokens,
        workspaces: workspacesRepo,
        allowedOrigins: [deps.config.publicUrl, ...deps.config.corsOrigins],
        failedKeysPerMinute: deps.config.authRateLimitPerMinute,
      });
      await app.register(authRoutes, {
        auth,
        publicUrl: deps.config.publicUrl,
        perMinute: deps.config.authRateLimitPerMinute,
      });
      await app.register(authMethodsRoutes, { methods: authMethods(deps.config, deps.mailer.delivers) });
      await app.register(meRoutes, { users, workspaces, apiTokens });
      await app.register(workspaceRoutes, { workspaces, members, invitations, activity });
    },
  };
}
