import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import type { ChangeContext } from '../../platform/events/actor.ts';
import { recordChange } from '../../platform/events/outbox.ts';
import type { ActivitiesRepository } from './activities.repository.ts';
import type { Writer } from './db-errors.ts';
import type { LinkRow, LinksRepository, NewLink } from './links.repository.ts';
import type { ProjectScope } from './project-access.ts';
import type { Window } from './projects.repository.ts';
import { WorkErrors } from './work.errors.ts';
import { activityRows } from './work-item-history.ts';
import type { WorkItemRecord } from './work-items.repository.ts';

export interface LinkInput {
  title?: string | null;
  url?: string;
  metadata?: Record<string, unknown>;
}

export class LinksService {
  private readonly transactor: Writer;
  private readonly links: LinksRepository;
  private readonly activities: ActivitiesRepository;

  constructor(transactor: Writer, links: LinksRepository, activities: ActivitiesRepository) {
    this.transactor = transactor;
    this.links = links;
    this.activities = activities;
  }

  async list(item: WorkItemRecord, window: Window): Promise<{ rows: LinkRow[]; total: number }> {
    const [rows, total] = await Promise.all([this.links.list(item.id, window), this.links.count(item.id)]);
    return { rows, total };
  }

  async get(item: WorkItemRecord, id: string): Promise<LinkRow> {
    const link = await this.links.find(item.id, id);
    if (!link) throw new AppError('NOT_FOUND');
    return link;
  }

  async create(
    ctx: ChangeContext,
    scope: ProjectScope,
    item: WorkItemRecord,
    input: LinkInput & { url: string },
  ) {
    checkUrl(input.url);
    return this.transactor.run(async (tx) => {
      const links = this.links.with(tx);
      if (await links.findByUrl(item.id, input.url)) throw new AppError(WorkErrors.LINK_EXISTS);
      const link = await links.insert({
        id: randomUUID(),
        workspaceId: item.workspaceId,
        projectId: item.projectId,
        workItemId: item.id,
        title: input.title ?? null,
        url: input.url,
        metadata: input.metadata ?? {},
        createdBy: scope.userId,
      });
      await this.history(tx, ctx, item, link, 'created', { newValue: link.url });
      return link;
    });
  }

  /** Plane does not re-check duplicates on update. */
  async update(ctx: ChangeContext, scope: ProjectScope, item: WorkItemRecord, id: string, input: LinkInput) {
    const before = await this.get(item, id);
    if (input.url !== undefined) checkUrl(input.url);
    const patch: Partial<NewLink> = {};
    if (input.title !== undefined) patch.title = input.title;
    if (input.url !== undefined) patch.url = input.url;
    if (input.metadata !== undefined) patch.metadata = input.metadata;
    return this.transactor.run(async (tx) => {
      const link = await this.links.with(tx).update(id, { ...patch, updatedBy: scope.userId });
      await this.history(tx, ctx, item, link, 'updated', { oldValue: before.url, newValue: link.url });
      return link;
    });
  }

  async delete(ctx: ChangeContext, scope: ProjectScope, item: WorkItemRecord, id: string): Promise<void> {
    await this.get(item, id);
    await this.transactor.run(async (tx) => {
      const link = await this.links
        .with(tx)
        .update(id, { deletedAt: new Date().toISOString(), updatedBy: scope.userId });
      await this.history(tx, ctx, item, link, 'deleted', { oldValue: link.url });
    });
  }

  private async history(
    tx: Db,
    ctx: ChangeContext,
    item: WorkItemRecord,
    link: LinkRow,
    verb: 'created' | 'updated' | 'deleted',
    values: { oldValue?: string; newValue?: string },
  ): Promise<void> {
    await this.activities.with(tx).insert(
      activityRows(ctx, item, [
        {
          verb,
          field: 'link',
          oldValue: values.oldValue ?? null,
          newValue: values.newValue ?? null,
          comment: `${verb} a link`,
          ...(verb === 'deleted' ? { oldIdentifier: link.id } : { newIdentifier: link.id }),
        },
      ]),
    );
    await recordChange(tx, ctx, {
      workspaceId: item.workspaceId,
      action: `work_item.link.${verb}`,
      objectType: 'work_item_link',
      objectId: link.id,
      after: { work_item_id: item.id, url: link.url, title: link.title },
    });
  }
}

function checkUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AppError('VALIDATION_FAILED', { field: 'url', message: 'Invalid URL format.' });
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new AppError('VALIDATION_FAILED', { field: 'url', message: 'Invalid URL scheme.' });
  }
}
