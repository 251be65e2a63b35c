import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import type { ChangeContext } from '../../platform/events/actor.ts';
import { recordChange } from '../../platform/events/outbox.ts';
import type { Writer } from './db-errors.ts';
import { changedKeys, mapFields } from './fields-map.ts';
import type { LabelRow, LabelsRepository, NewLabel } from './labels.repository.ts';
import type { ProjectScope } from './project-access.ts';
import type { Window } from './projects.repository.ts';
import { WorkErrors } from './work.errors.ts';
import { sortOrderAfter } from './plane/ordering.ts';

export interface LabelInput {
  name?: string;
  color?: string;
  description?: string;
  parent?: string | null;
  external_source?: string | null;
  external_id?: string | null;
}

const columns = {
  name: 'name',
  color: 'color',
  description: 'description',
  parent: 'parentId',
  external_source: 'externalSource',
  external_id: 'externalId',
} as const satisfies Partial<Record<keyof LabelInput, keyof NewLabel>>;

export class LabelsService {
  private readonly transactor: Writer;
  private readonly labels: LabelsRepository;

  constructor(transactor: Writer, labels: LabelsRepository) {
    this.transactor = transactor;
    this.labels = labels;
  }

  /** Labels of an archived project are not listed (Plane filters them out). */
  async list(scope: ProjectScope, window: Window): Promise<{ rows: LabelRow[]; total: number }> {
    if (scope.project.archivedAt) return { rows: [], total: 0 };
    const [rows, total] = await Promise.all([
      this.labels.list(scope.project.id, window),
      this.labels.count(scope.project.id),
    ]);
    return { rows, total };
  }

  async get(scope: ProjectScope, id: string): Promise<LabelRow> {
    const label = await this.labels.find(scope.project.id, id);
    if (!label) throw new AppError('NOT_FOUND');
    return label;
  }

  async create(
    ctx: ChangeContext,
    scope: ProjectScope,
    input: LabelInput & { name: string },
  ): Promise<LabelRow> {
    const projectId = scope.project.id;
    return this.transactor.run(async (tx) => {
      const labels = this.labels.with(tx);
      await this.checkExternal(labels, projectId, input.external_source, input.external_id, undefined);
      const sameName = await labels.findByName(projectId, input.name);
      if (sameName) throw new AppError(WorkErrors.LABEL_NAME_TAKEN, { details: { id: sameName.id } });
      if (input.parent) await this.checkParent(labels, projectId, undefined, input.parent);
      const highest = await labels.maxSortOrder(projectId);
      const label = await labels.insert({
        ...(mapFields(input, columns) as Partial<NewLabel>),
        id: randomUUID(),
        workspaceId: scope.project.workspaceId,
        projectId,
        name: input.name,
        sortOrder: sortOrderAfter(highest),
        createdBy: scope.userId,
      });
      await record(tx, ctx, 'label.created', label, undefined);
      return label;
    });
  }

  async update(ctx: ChangeContext, scope: ProjectScope, id: string, input: LabelInput): Promise<LabelRow> {
    const before = await this.get(scope, id);
    const patch = mapFields(input, columns) as Partial<NewLabel>;
    if (changedKeys(before, patch).length === 0) return before;
    return this.transactor.run(async (tx) => {
      const labels = this.labels.with(tx);
      if (input.name !== undefined && (await labels.findByName(before.projectId, input.name, id))) {
        throw new AppError(WorkErrors.PAYLOAD_INVALID);
      }
      // Plane checks the external pair on update only when both fields are sent; the 409 names the patched row.
      if (input.external_source && input.external_id) {
        await this.checkExternal(labels, before.projectId, input.external_source, input.external_id, id);
      }
      if (input.parent) await this.checkParent(labels, before.projectId, id, input.parent);
      const label = await labels.update(id, { ...patch, updatedBy: scope.userId });
      await record(tx, ctx, 'label.updated', label, before);
      return label;
    });
  }

  async delete(ctx: ChangeContext, scope: ProjectScope, id: string): Promise<void> {
    const label = await this.get(scope, id);
    await this.transactor.run(async (tx) => {
      await this.labels.with(tx).softDelete(id, scope.userId);
      await record(tx, ctx, 'label.deleted', undefined, label);
    });
  }

  private async checkExternal(
    labels: LabelsRepository,
    projectId: string,
    source: string | null | undefined,
    externalId: string | null | undefined,
    patchedId: string | undefined,
  ): Promise<void> {
    if (!source || !externalId) return;
    const clash = await labels.findByExternal(projectId, source, externalId, patchedId);
    if (clash)
      throw new AppError(WorkErrors.LABEL_EXTERNAL_TAKEN, { details: { id: patchedId ?? clash.id } });
  }

  /** A parent must be another label of the project, and not one of the label's own descendants. */
  private async checkParent(
    labels: LabelsRepository,
    projectId: string,
    labelId: string | undefined,
    parentId: string,
  ): Promise<void> {
    const invalid = () =>
      new AppError('VALIDATION_FAILED', {
        field: 'parent',
        message: `Invalid pk "${parentId}" - object does not exist.`,
      });
    let current = await labels.find(projectId, parentId);
    if (!current) throw invalid();
    for (let depth = 0; current && depth < 100; depth++) {
      if (current.id === labelId) {
        throw new AppError('VALIDATION_FAILED', {
          field: 'parent',
          message: 'A label cannot be its own ancestor.',
        });
      }
      current = current.parentId ? await labels.find(projectId, current.parentId) : undefined;
    }
  }
}

const snapshot = (l: LabelRow) => ({ name: l.name, color: l.color, parent: l.parentId });

async function record(
  tx: Db,
  ctx: ChangeContext,
  action: string,
  after: LabelRow | undefined,
  before: LabelRow | undefined,
): Promise<void> {
  const label = (after ?? before)!;
  await recordChange(tx, ctx, {
    workspaceId: label.workspaceId,
    action,
    objectType: 'label',
    objectId: label.id,
    before: before ? snapshot(before) : null,
    after: after ? snapshot(after) : null,
  });
}
