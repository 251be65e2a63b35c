import { randomUUID } from 'node:crypto';
import { AppError, CommonErrors } from '../../platform/errors/app-error.ts';
import type { ChangeContext } from '../../platform/events/actor.ts';
import { publishEvent, recordChange } from '../../platform/events/outbox.ts';
import type { Transactor } from '../../platform/events/transactor.ts';
import type { Db } from '../../platform/db/database.ts';
import { toDeploymentOut } from './deployments.dto.ts';
import type {
  DeploymentFilter,
  DeploymentPatch,
  DeploymentRow,
  DeploymentsRepository,
  NewDeployment,
} from './deployments.repository.ts';
import type { DeploymentState } from './deployments.schema.ts';
import { IntegrationErrors } from './integrations.errors.ts';

/** What a provider or a CI script reports about one deployment. */
export interface RecordDeployment {
  provider: string;
  externalId: string;
  projectName: string;
  state: DeploymentState;
  environment: string;
  url?: string;
  commitSha?: string;
  branch?: string;
  author?: string;
  creatorId?: string;
  filesChanged?: number;
  additions?: number;
  deletions?: number;
  metadata?: Record<string, unknown>;
  createdAt?: Date;
  finishedAt?: Date;
}

export interface UpdateDeployment {
  state?: DeploymentState;
  url?: string;
  metadata?: Record<string, unknown>;
  finishedAt?: Date;
}

/** A finished deployment as the risk model learns from it. */
export interface FinishedDeployment {
  id: string;
  environment: string;
  author: string | null;
  failed: boolean;
  createdAt: Date;
  finishedAt: Date | null;
  filesChanged: number | null;
  additions: number | null;
  deletions: number | null;
}

const finalStates: readonly DeploymentState[] = ['ready', 'error', 'canceled'];
// Fields a second report of the same deployment may change, besides its state.
const reportedFields = [
  'projectName',
  'environment',
  'url',
  'commitSha',
  'branch',
  'author',
  'filesChanged',
  'additions',
  'deletions',
  'metadata',
] as const;

/**
 * The workspace's deployments. Recording is an upsert on provider + external id (a provider reports one
 * deployment several times as it moves); every change is audited and goes out as `deployment.created`,
 * `deployment.<state>` (building, ready, error, canceled, queued) or `deployment.updated`; a final state also
 * as `deployment.finished`.
 */
export class DeploymentsService {
  private readonly repo: DeploymentsRepository;
  private readonly transactor: Transactor;

  constructor(repo: DeploymentsRepository, transactor: Transactor) {
    this.repo = repo;
    this.transactor = transactor;
  }

  async get(workspaceId: string, id: string): Promise<DeploymentRow> {
    const row = await this.repo.find(workspaceId, id);
    if (!row) throw new AppError(IntegrationErrors.DEPLOYMENT_NOT_FOUND);
    return row;
  }

  list(workspaceId: string, filter: DeploymentFilter, page: { offset: number; limit: number }) {
    return this.repo.list(workspaceId, filter, page);
  }

  async record(
    ctx: ChangeContext,
    workspaceId: string,
    input: RecordDeployment,
  ): Promise<{ deployment: DeploymentRow; created: boolean }> {
    return this.transactor.run((tx) => this.recordIn(tx, ctx, workspaceId, input));
  }

  /** `record` in the caller's transaction (a workflow step that starts a deployment records it with its step). */
  async recordIn(
    tx: Db,
    ctx: ChangeContext,
    workspaceId: string,
    input: RecordDeployment,
  ): Promise<{ deployment: DeploymentRow; created: boolean }> {
    const createdAt = input.createdAt ?? ctx.at ?? new Date();
    checkFinish(createdAt, input.finishedAt);
    const repo = this.repo.with(tx);
    const existing = await repo.findBySourceForUpdate(workspaceId, input.provider, input.externalId);
    if (!existing) {
      const inserted = await repo.insert(
        newRow(workspaceId, input, createdAt, ctx.at ?? new Date(), input.finishedAt ?? ctx.at),
      );
      if (inserted) {
        await this.announce(tx, ctx, 'deployment.created', inserted);
        if (input.state !== 'queued') await this.announceState(tx, ctx, inserted);
        return { deployment: inserted, created: true };
      }
    }
    // Reported before (or just now by a concurrent recorder): this report updates it.
    const current =
      existing ?? (await repo.findBySourceForUpdate(workspaceId, input.provider, input.externalId))!;
    const patch = changedFields(current, input);
    return { deployment: await this.change(tx, ctx, current, patch, input), created: false };
  }

  async update(
    ctx: ChangeContext,
    workspaceId: string,
    id: string,
    input: UpdateDeployment,
  ): Promise<DeploymentRow> {
    return this.transactor.run(async (tx) => {
      const current = await this.repo.with(tx).findForUpdate(workspaceId, id);
      if (!current) throw new AppError(IntegrationErrors.DEPLOYMENT_NOT_FOUND);
      checkFinish(current.createdAt, input.finishedAt);
      return this.change(tx, ctx, current, changedFields(current, input), input);
    });
  }

  /**
   * Past deployments in one statement (the demo's history, an import): rows whose provider id is there
   * already are skipped, so importing again adds nothing. One audit row says how many went in.
   */
  async importHistory(ctx: ChangeContext, workspaceId: string, rows: RecordDeployment[]): Promise<number> {
    return this.transactor.run(async (tx) => {
      const inserted = await this.repo.with(tx).insertMany(
        rows.map((input) => {
          const createdAt = input.createdAt ?? new Date();
          const finishedAt = input.finishedAt ?? createdAt;
          return newRow(workspaceId, input, createdAt, finishedAt, finishedAt);
        }),
      );
      if (inserted > 0) {
        await recordChange(tx, ctx, {
          workspaceId,
          action: 'deployment.history_imported',
          objectType: 'workspace',
          objectId: workspaceId,
          after: { imported: inserted },
        });
      }
      return inserted;
    });
  }

  /** The newest finished deployments (ready or failed) that started before `before`, newest first. */
  async history(workspaceId: string, before: Date, limit: number): Promise<FinishedDeployment[]> {
    const rows = await this.repo.finished(workspaceId, before, limit);
    return rows.map((r) => ({
      id: r.id,
      environment: r.environment,
      author: r.author,
      failed: r.state === 'error',
      createdAt: r.createdAt,
      finishedAt: r.finishedAt,
      filesChanged: r.filesChanged,
      additions: r.additions,
      deletions: r.deletions,
    }));
  }

  private async change(
    tx: Db,
    ctx: ChangeContext,
    current: DeploymentRow,
    patch: DeploymentPatch,
    input: { state?: DeploymentState; finishedAt?: Date },
  ): Promise<DeploymentRow> {
    const state = input.state && input.state !== current.state ? input.state : undefined;
    if (state && finalStates.includes(current.state)) {
      throw new AppError(IntegrationErrors.DEPLOYMENT_TRANSITION_INVALID, {
        field: 'state',
        message: `The deployment is ${current.state}; it cannot become ${state}.`,
      });
    }
    if (state) Object.assign(patch, { state, ...finishStamps(state, input.finishedAt ?? ctx.at) });
    if (Object.keys(patch).length === 0) return current;
    const updated = await this.repo.with(tx).update(current.id, patch);
    if (state) await this.announceState(tx, ctx, updated, current);
    else await this.announce(tx, ctx, 'deployment.updated', updated, current);
    return updated;
  }

  /**
   * `deployment.<state>`, and `deployment.finished` once it reaches a final state (ready, error, canceled):
   * one event type that whoever waits for the outcome (a workflow's monitor step) can wait for.
   */
  private async announceState(tx: Db, ctx: ChangeContext, row: DeploymentRow, before?: DeploymentRow) {
    await this.announce(tx, ctx, `deployment.${row.state}`, row, before);
    if (!finalStates.includes(row.state)) return;
    // Follows from the change audited just above: an event, not a second audit row.
    await publishEvent(tx, ctx, {
      workspaceId: row.workspaceId,
      action: 'deployment.finished',
      objectType: 'deployment',
      objectId: row.id,
      payload: toDeploymentOut(row),
    });
  }

  private announce(tx: Db, ctx: ChangeContext, action: string, row: DeploymentRow, before?: DeploymentRow) {
    const after = toDeploymentOut(row);
    return recordChange(tx, ctx, {
      workspaceId: row.workspaceId,
      action,
      objectType: 'deployment',
      objectId: row.id,
      before: before ? toDeploymentOut(before) : null,
      after,
      // Subscribers of the `deployments` channel receive the deployment itself, as seed 001 shows.
      payload: after,
    });
  }
}

function newRow(
  workspaceId: string,
  input: RecordDeployment,
  createdAt: Date,
  updatedAt: Date,
  finishedAt: Date | undefined,
): NewDeployment {
  return {
    id: randomUUID(),
    workspaceId,
    provider: input.provider,
    externalId: input.externalId,
    creatorId: input.creatorId ?? null,
    state: input.state,
    createdAt,
    updatedAt,
    ...finishStamps(input.state, finishedAt),
    projectName: input.projectName,
    environment: input.environment,
    url: input.url ?? null,
    commitSha: input.commitSha ?? null,
    branch: input.branch ?? null,
    author: input.author ?? null,
    filesChanged: input.filesChanged ?? null,
    additions: input.additions ?? null,
    deletions: input.deletions ?? null,
    metadata: input.metadata ?? {},
  };
}

/** The fields of a later report that differ from what is stored (state is handled apart). */
function changedFields(current: DeploymentRow, input: Partial<RecordDeployment>): DeploymentPatch {
  const patch: Record<string, unknown> = {};
  for (const field of reportedFields) {
    const value = input[field];
    if (value === undefined) continue;
    const same = JSON.stringify(value) === JSON.stringify(current[field]);
    if (!same) patch[field] = value;
  }
  return patch as DeploymentPatch;
}

/** A finished deployment carries when it finished, and when it became ready if it did. */
function finishStamps(state: DeploymentState, at: Date | undefined) {
  if (!finalStates.includes(state)) return {};
  const finishedAt = at ?? new Date();
  return { finishedAt, ...(state === 'ready' ? { readyAt: finishedAt } : {}) };
}

function checkFinish(createdAt: Date, finishedAt: Date | undefined) {
  if (finishedAt && finishedAt < createdAt) {
    throw new AppError(CommonErrors.VALIDATION_FAILED, {
      field: 'finished_at',
      message: 'finished_at must not be before the deployment started (created_at).',
    });
  }
}
