import { randomUUID } from 'node:crypto';
import type { ChangeContext } from '../../platform/events/actor.ts';
import { recordChange } from '../../platform/events/outbox.ts';
import type { Transactor } from '../../platform/events/transactor.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { TOUCH_INTERVAL_MS, type ApiTokenRow, type ApiTokensRepository } from './api-tokens.repository.ts';
import { IdentityErrors } from './identity.errors.ts';
import { hashToken, newSecretToken } from './tokens.ts';
import type { WorkspaceAccess } from './principal.ts';
import type { WorkspacesRepository } from './workspaces.repository.ts';

/** Plane's token format, so tokens look familiar to anyone moving scripts over. */
export const API_TOKEN_PREFIX = 'plane_api_';

export interface CreateApiTokenInput {
  label: string;
  workspaceSlug?: string;
  expiresAt?: Date;
  isService?: boolean;
}

export type ApiKeyCheck =
  | {
      ok: true;
      token: ApiTokenRow;
      user: { id: string; email: string; name: string; timezone: string };
      /** Asked for with a workspace slug: the owner's membership there, undefined when not a member. */
      membership?: WorkspaceAccess;
    }
  | { ok: false; reason: 'unknown' | 'revoked' | 'expired' };

export class ApiTokensService {
  private readonly repo: ApiTokensRepository;
  private readonly workspaces: WorkspacesRepository;
  private readonly transactor: Transactor;

  constructor(repo: ApiTokensRepository, workspaces: WorkspacesRepository, transactor: Transactor) {
    this.repo = repo;
    this.workspaces = workspaces;
    this.transactor = transactor;
  }

  /** Creates a token for the user; the plain token is returned here and never again. */
  async create(
    ctx: ChangeContext,
    userId: string,
    input: CreateApiTokenInput,
  ): Promise<{ token: string; row: ApiTokenRow }> {
    let workspaceId: string | null = null;
    if (input.workspaceSlug) {
      const membership = await this.workspaces.findMembershipBySlug(input.workspaceSlug, userId);
      if (!membership) throw new AppError(IdentityErrors.WORKSPACE_NOT_FOUND, { field: 'workspace' });
      workspaceId = membership.workspace.id;
    }
    if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) {
      throw new AppError('VALIDATION_FAILED', {
        field: 'expires_at',
        message: 'expires_at must be in the future.',
      });
    }
    const token = newSecretToken(API_TOKEN_PREFIX);
    const row = await this.transactor.run(async (tx) => {
      const created = await this.repo.with(tx).insert({
        id: randomUUID(),
        userId,
        workspaceId,
        label: input.label,
        tokenHash: hashToken(token),
        tokenHint: token.slice(-4),
        isService: input.isService ?? false,
        expiresAt: input.expiresAt ?? null,
      });
      await recordChange(tx, ctx, {
        workspaceId,
        action: 'api_token.created',
        objectType: 'api_token',
        objectId: created.id,
        after: {
          label: created.label,
          user_id: userId,
          expires_at: created.expiresAt?.toISOString() ?? null,
        },
      });
      return created;
    });
    return { token, row };
  }

  list(userId: string): Promise<ApiTokenRow[]> {
    return this.repo.listForUser(userId);
  }

  async revoke(ctx: ChangeContext, userId: string, id: string): Promise<void> {
    await this.transactor.run(async (tx) => {
      const repo = this.repo.with(tx);
      const row = await repo.findForUser(userId, id);
      if (!row) throw new AppError(IdentityErrors.API_TOKEN_NOT_FOUND);
      await repo.revoke(id, new Date());
      await recordChange(tx, ctx, {
        workspaceId: row.workspaceId,
        action: 'api_token.revoked',
        objectType: 'api_token',
        objectId: id,
        before: { label: row.label, user_id: userId },
      });
    });
  }

  /**
   * Resolves an X-API-Key value; a valid token's last use is recorded. Given the slug of the workspace a
   * request names, the owner's membership there comes back from the same round trip. Nothing is cached:
   * a token revoked or expired a moment ago is refused on the next request.
   */
  async check(rawKey: string, workspaceSlug?: string): Promise<ApiKeyCheck> {
    const hash = hashToken(rawKey);
    const found =
      workspaceSlug === undefined
        ? await this.repo.findByHashWithUser(hash)
        : await this.repo.findByHashInWorkspace(hash, workspaceSlug);
    if (!found) return { ok: false, reason: 'unknown' };
    const { token: row } = found;
    if (row.revokedAt) return { ok: false, reason: 'revoked' };
    const now = new Date();
    if (row.expiresAt && row.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expired' };
    // The row just read says whether the once-a-minute touch is due: skip the UPDATE round trip when not.
    if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= TOUCH_INTERVAL_MS) {
      await this.repo.touch(row.id, now);
    }
    return { ok: true, ...found };
  }
}
