import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import type { ChangeContext } from '../../platform/events/actor.ts';
import { recordChange } from '../../platform/events/outbox.ts';
import type { Writer } from './db-errors.ts';
import { changedKeys, mapFields } from './fields-map.ts';
import type { ProjectScope } from './project-access.ts';
import type { Window } from './projects.repository.ts';
import { slugify } from './slug.ts';
import type { StateGroup } from './states.schema.ts';
import type { NewState, StateRow, StatesRepository } from './states.repository.ts';
import { WorkErrors } from './work.errors.ts';

export interface StateInput {
  name?: string;
  color?: string;
  description?: string;
  group?: StateGroup;
  default?: boolean;
  external_source?: string | null;
  external_id?: string | null;
}

const columns = {
  name: 'name',
  color: 'color',
  description: 'description',
  group: 'group',
  default: 'isDefault',
  external_source: 'externalSource',
  external_id: 'externalId',
} as const satisfies Partial<Record<keyof StateInput, keyof NewState>>;

const SEQUENCE_STEP = 15000;

export class StatesService {
  private readonly transactor: Writer;
  private readonly states: StatesRepository;

  constructor(transactor: Writer, states: StatesRepository) {
    this.transactor = transactor;
    this.states = states;
  }

  /** An archived project shows no states (Plane's list filters them out). */
  async list(scope: ProjectScope, window: Window): Promise<{ rows: StateRow[]; total: number }> {
    if (scope.project.archivedAt) return { rows: [], total: 0 };
    const [rows, total] = await Promise.all([
      this.states.list(scope.project.id, window),
      this.states.count(scope.project.id),
    ]);
    return { rows, total };
  }

  async get(scope: ProjectScope, id: string): Promise<StateRow> {
    const state = await this.states.find(scope.project.id, id);
    if (!state) throw new AppError('NOT_FOUND');
    return state;
  }

  async create(ctx: ChangeContext, scope: ProjectScope, input: StateInput & { name: string; color: string }) {
    refuseTriage(input.group);
    const projectId = scope.project.id;
    return this.transactor.run(async (tx) => {
      const states = this.states.with(tx);
      if (input.external_source && input.external_id) {
        const clash = await states.findByExternal(projectId, input.external_source, input.external_id);
        if (clash) throw new AppError(WorkErrors.STATE_EXTERNAL_TAKEN, { details: { id: clash.id } });
      }
      const sameName = await states.findByName(projectId, input.name);
      if (sameName) throw new AppError(WorkErrors.STATE_NAME_TAKEN, { details: { id: sameName.id } });
      const [state] = await states.insert([
        {
          ...(mapFields(input, columns) as Partial<NewState>),
          id: randomUUID(),
          workspaceId: scope.project.workspaceId,
          projectId,
          name: input.name,
          color: input.color,
          slug: slugify(input.name),
          group: input.group ?? 'backlog',
          sequence: (await states.maxSequence(projectId)) + SEQUENCE_STEP,
          createdBy: scope.userId,
        },
      ]);
      if (state!.isDefault) await states.clearDefault(projectId, state!.id);
      await record(tx, ctx, 'state.created', state!, undefined);
      return state!;
    });
  }

  async update(ctx: ChangeContext, scope: ProjectScope, id: string, input: StateInput): Promise<StateRow> {
    refuseTriage(input.group);
    const before = await this.get(scope, id);
    if (input.default === false && before.isDefault) throw new AppError(WorkErrors.DEFAULT_STATE_REQUIRED);
    const patch: Partial<NewState> = mapFields(input, columns) as Partial<NewState>;
    if (input.name !== undefined) patch.slug = slugify(input.name);
    if (changedKeys(before, patch).length === 0) return before;
    return this.transactor.run(async (tx) => {
      const states = this.states.with(tx);
      if (input.name !== undefined && (await states.findByName(before.projectId, input.name, id))) {
        throw new AppError(WorkErrors.PAYLOAD_INVALID);
      }
      const source = input.external_source ?? before.externalSource;
      if (input.external_id && input.external_id !== before.externalId && source) {
        if (await states.findByExternal(before.projectId, source, input.external_id, id)) {
          throw new AppError(WorkErrors.STATE_EXTERNAL_TAKEN, { details: { id } });
        }
      }
      const state = await states.update(id, { ...patch, updatedBy: scope.userId });
      if (input.default === true) await states.clearDefault(before.projectId, id);
      await record(tx, ctx, 'state.updated', state, before);
      return state;
    });
  }

  async delete(ctx: ChangeContext, scope: ProjectScope, id: string): Promise<void> {
    const state = await this.get(scope, id);
    if (state.isDefault) throw new AppError(WorkErrors.DEFAULT_STATE_UNDELETABLE);
    await this.transactor.run(async (tx) => {
      const states = this.states.with(tx);
      if (await states.isInUse(id)) throw new AppError(WorkErrors.STATE_NOT_EMPTY);
      await states.update(id, { deletedAt: new Date().toISOString(), updatedBy: scope.userId });
      await record(tx, ctx, 'state.deleted', undefined, state);
    });
  }
}

function refuseTriage(group: StateGroup | undefined): void {
  if (group === 'triage') {
    throw new AppError('VALIDATION_FAILED', {
      field: 'non_field_errors',
      message: 'Cannot create triage state',
    });
  }
}

const snapshot = (s: StateRow) => ({ name: s.name, color: s.color, group: s.group, default: s.isDefault });

async function record(
  tx: Db,
  ctx: ChangeContext,
  action: string,
  after: StateRow | undefined,
  before: StateRow | undefined,
): Promise<void> {
  const state = (after ?? before)!;
  await recordChange(tx, ctx, {
    workspaceId: state.workspaceId,
    action,
    objectType: 'state',
    objectId: state.id,
    before: before ? snapshot(before) : null,
    after: after ? snapshot(after) : null,
  });
}
