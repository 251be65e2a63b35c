import { randomUUID } from 'node:crypto';
import type { SecretBox } from '../../platform/crypto/secret-box.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import type { ChangeContext } from '../../platform/events/actor.ts';
import { recordChange } from '../../platform/events/outbox.ts';
import type { Transactor } from '../../platform/events/transactor.ts';
import { callDeployHook } from './deploy-hook-call.ts';
import type { DeployHookRow, DeployHooksRepository } from './deploy-hooks.repository.ts';
import type { DeploymentRow } from './deployments.repository.ts';
import type { DeploymentsService } from './deployments.service.ts';
import { IntegrationErrors } from './integrations.errors.ts';

export interface NewDeployHookInput {
  name: string;
  provider: string;
  projectName: string;
  url: string;
}

/** A deployment to start through a hook; the idempotency key names it, however often it is asked for. */
export interface TriggerDeploy {
  hookId: string;
  idempotencyKey: string;
  environment: string;
  ref?: string | null;
  commitSha?: string | null;
  branch?: string | null;
  author?: string | null;
  /** Whatever else the deployment record should carry (the workflow execution that started it…). */
  metadata?: Record<string, unknown>;
}

export interface TriggeredDeploy {
  deployment: DeploymentRow;
  hookStatus: number;
}

/**
 * Deploy hooks: stored sealed, shown by name and host only, and called to start a deployment, which is then
 * recorded in the deployment store (queued) under the provider's id for it, or the idempotency key.
 */
export class DeployHooksService {
  private readonly repo: DeployHooksRepository;
  private readonly transactor: Transactor;
  private readonly box: SecretBox;
  private readonly deployments: DeploymentsService;

  constructor(deps: {
    repo: DeployHooksRepository;
    transactor: Transactor;
    box: SecretBox;
    deployments: DeploymentsService;
  }) {
    this.repo = deps.repo;
    this.transactor = deps.transactor;
    this.box = deps.box;
    this.deployments = deps.deployments;
  }

  find(workspaceId: string, id: string): Promise<DeployHookRow | undefined> {
    return this.repo.find(workspaceId, id);
  }

  list(workspaceId: string): Promise<DeployHookRow[]> {
    return this.repo.list(workspaceId);
  }

  async create(ctx: ChangeContext, workspaceId: string, input: NewDeployHookInput): Promise<DeployHookRow> {
    return this.transactor.run(async (tx) => {
      const created = await this.repo.with(tx).insert({
        id: randomUUID(),
        workspaceId,
        name: input.name,
        provider: input.provider,
        projectName: input.projectName,
        url: this.box.seal(input.url),
        urlHost: new URL(input.url).origin,
        createdBy: ctx.actor.type === 'user' ? ctx.actor.id : null,
      });
      if (!created) throw new AppError(IntegrationErrors.DEPLOY_HOOK_NAME_TAKEN, { field: 'name' });
      await recordChange(tx, ctx, {
        workspaceId,
        action: 'deploy_hook.created',
        objectType: 'deploy_hook',
        objectId: created.id,
        after: { name: created.name, provider: created.provider, url_host: created.urlHost },
      });
      return created;
    });
  }

  async delete(ctx: ChangeContext, workspaceId: string, id: string): Promise<void> {
    await this.transactor.run(async (tx) => {
      if (!(await this.repo.with(tx).delete(workspaceId, id))) {
        throw new AppError(IntegrationErrors.DEPLOY_HOOK_NOT_FOUND);
      }
      await recordChange(tx, ctx, {
        workspaceId,
        action: 'deploy_hook.deleted',
        objectType: 'deploy_hook',
        objectId: id,
        after: null,
      });
    });
  }

  /**
   * Calls the hook, then records the deployment as queued, in the caller's transaction: the caller's
   * checkpoint and the record commit together. A crash between the call and the commit calls the hook again
   * with the same key; the record is one row either way (provider + external id).
   */
  async trigger(tx: Db, ctx: ChangeContext, workspaceId: string, request: TriggerDeploy) {
    const hook = await this.repo.with(tx).find(workspaceId, request.hookId);
    if (!hook) throw new AppError(IntegrationErrors.DEPLOY_HOOK_NOT_FOUND, { field: 'hook_id' });
    const answer = await callDeployHook(this.box.open(hook.url), request.idempotencyKey, {
      environment: request.environment,
      ref: request.ref ?? null,
      commit_sha: request.commitSha ?? null,
      branch: request.branch ?? null,
    });
    const { deployment } = await this.deployments.recordIn(tx, ctx, workspaceId, {
      provider: hook.provider,
      externalId: answer.providerId ?? request.idempotencyKey,
      projectName: hook.projectName,
      state: 'queued',
      environment: request.environment,
      ...(request.commitSha ? { commitSha: request.commitSha } : {}),
      ...(request.branch ? { branch: request.branch } : {}),
      ...(request.author ? { author: request.author } : {}),
      metadata: {
        ...request.metadata,
        deploy_hook_id: hook.id,
        idempotency_key: request.idempotencyKey,
        ...(request.ref ? { ref: request.ref } : {}),
      },
    });
    return { deployment, hookStatus: answer.status } satisfies TriggeredDeploy;
  }
}
