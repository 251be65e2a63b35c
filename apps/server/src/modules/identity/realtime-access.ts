import type { DomainEvent } from '../../platform/events/dispatcher.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import type {
  HandshakeInput,
  RealtimeAction,
  RealtimeIdentity,
  RealtimeWorkspace,
} from '../../platform/realtime/realtime-server.ts';
import type { ApiTokensService } from './api-tokens.service.ts';
import type { AuthLoader } from './auth-loader.ts';
import { SESSION_COOKIE } from './auth-settings.ts';
import type { WorkspaceRow } from './workspaces.repository.ts';
import { can } from './policy.ts';
import type { WorkspacesRepository } from './workspaces.repository.ts';

/**
 * The WebSocket handshake's caller, found the way the HTTP access guard finds it: an API token (the
 * `X-API-Key` header, or `auth.apiKey` from a browser, which cannot set headers on a WebSocket), else the
 * session cookie. Workspaces are open to their members (any role: `workspace.view`) within a token's scope.
 */
export class RealtimeAccess {
  private readonly auth: AuthLoader;
  private readonly apiTokens: ApiTokensService;
  private readonly workspaces: WorkspacesRepository;

  constructor(auth: AuthLoader, apiTokens: ApiTokensService, workspaces: WorkspacesRepository) {
    this.auth = auth;
    this.apiTokens = apiTokens;
    this.workspaces = workspaces;
  }

  async authenticate(
    input: HandshakeInput,
  ): Promise<{ identity: RealtimeIdentity; viaCookie: boolean } | undefined> {
    const header = input.headers['x-api-key'];
    const apiKey = typeof header === 'string' && header !== '' ? header : input.auth.apiKey;
    if (typeof apiKey === 'string' && apiKey !== '') {
      const result = await this.apiTokens.check(apiKey);
      if (!result.ok) throw new AppError('INVALID_API_KEY');
      return {
        identity: {
          userId: result.user.id,
          credentialId: result.token.id,
          workspaceScope: result.token.workspaceId,
        },
        viaCookie: false,
      };
    }
    const cookie = input.headers.cookie;
    if (!cookie?.includes(SESSION_COOKIE)) return undefined;
    const session = await (await this.auth.get()).api.getSession({ headers: new Headers({ cookie }) });
    if (!session) return undefined;
    return {
      identity: { userId: session.user.id, credentialId: session.session.id, workspaceScope: null },
      viaCookie: true,
    };
  }

  async findWorkspace(
    identity: RealtimeIdentity,
    ref: { slug: string } | { id: string },
  ): Promise<(RealtimeWorkspace & { row: WorkspaceRow }) | undefined> {
    let membership;
    if ('slug' in ref) {
      membership = await this.workspaces.findMembershipBySlug(ref.slug, identity.userId);
    } else {
      const [workspace, member] = await Promise.all([
        this.workspaces.findById(ref.id),
        this.workspaces.findMember(ref.id, identity.userId),
      ]);
      membership = workspace && member ? { workspace, role: member.role } : undefined;
    }
    if (!membership || !can(membership.role, 'workspace.view')) return undefined;
    if (identity.workspaceScope && identity.workspaceScope !== membership.workspace.id) return undefined;
    const { workspace, role } = membership;
    return { id: workspace.id, slug: workspace.slug, role, row: workspace };
  }
}

/**
 * What identity changes mean for open sockets: a membership change re-checks the user's access to the
 * workspace; a revoked session or API token closes the sockets it opened.
 */
export function identityRealtimeActions(event: DomainEvent): RealtimeAction[] {
  switch (event.type) {
    case 'workspace.member.removed':
    case 'workspace.member.left':
    case 'workspace.member.role_changed': {
      const userId = userOf(event);
      return event.workspaceId && userId
        ? [{ kind: 'reauthorize', workspaceId: event.workspaceId, userId }]
        : [];
    }
    case 'api_token.revoked':
    case 'session.revoked':
      return [{ kind: 'disconnect', credentialId: event.aggregateId }];
    default:
      return [];
  }
}

function userOf(event: DomainEvent): string | undefined {
  const { before, after } = event.payload as {
    before?: { user_id?: unknown };
    after?: { user_id?: unknown };
  };
  const userId = after?.user_id ?? before?.user_id;
  return typeof userId === 'string' ? userId : undefined;
}
