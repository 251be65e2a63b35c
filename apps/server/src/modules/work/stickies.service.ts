import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import type { ChangeContext } from '../../platform/events/actor.ts';
import { recordChange } from '../../platform/events/outbox.ts';
import type { Writer } from './db-errors.ts';
import { mapFields } from './fields-map.ts';
import { sanitizeRichText, stripHtml } from './plane/html.ts';
import type { WorkspaceScope } from './project-access.ts';
import type { Window } from './projects.repository.ts';
import type { NewSticky, StickiesRepository, StickyRow } from './stickies.repository.ts';
import { WorkErrors } from './work.errors.ts';
import { sortOrderAfter } from './plane/ordering.ts';

/** Sticky fields a client may write (Plane's names); the workspace and the owner come from the request. */
export interface StickyInput {
  name?: string | null;
  description?: Record<string, unknown>;
  description_html?: string;
  description_binary?: string | null;
  logo_props?: Record<string, unknown>;
  color?: string | null;
  background_color?: string | null;
  sort_order?: number;
}

const columns = {
  name: 'name',
  description: 'description',
  description_binary: 'descriptionBinary',
  logo_props: 'logoProps',
  color: 'color',
  background_color: 'backgroundColor',
  sort_order: 'sortOrder',
} as const satisfies Partial<Record<keyof StickyInput, keyof NewSticky>>;

/** Plane's stickies (contract §2.15): each member's own notes in a workspace; nobody else reads them. */
export class StickiesService {
  private readonly transactor: Writer;
  private readonly stickies: StickiesRepository;

  constructor(transactor: Writer, stickies: StickiesRepository) {
    this.transactor = transactor;
    this.stickies = stickies;
  }

  async list(scope: WorkspaceScope, query: string | undefined, window: Window) {
    const { id } = scope.workspace;
    const [rows, total] = await Promise.all([
      this.stickies.list(id, scope.userId, query, window),
      this.stickies.count(id, scope.userId, query),
    ]);
    return { rows, total };
  }

  /** Someone else's sticky is not found, exactly like one that does not exist. */
  async get(scope: WorkspaceScope, id: string): Promise<StickyRow> {
    const sticky = await this.stickies.find(scope.workspace.id, scope.userId, id);
    if (!sticky) throw new AppError(WorkErrors.STICKY_NOT_FOUND);
    return sticky;
  }

  async create(ctx: ChangeContext, scope: WorkspaceScope, input: StickyInput): Promise<StickyRow> {
    return this.transactor.run(async (tx) => {
      const stickies = this.stickies.with(tx);
      const highest =
        input.sort_order === undefined ? await stickies.maxSortOrder(scope.workspace.id, scope.userId) : null;
      const sticky = await stickies.insert({
        ...(mapFields(input, columns) as Partial<NewSticky>),
        ...html(input.description_html ?? '<p></p>'),
        id: randomUUID(),
        workspaceId: scope.workspace.id,
        ownerId: scope.userId,
        sortOrder: input.sort_order ?? sortOrderAfter(highest),
        createdBy: scope.userId,
      });
      await record(tx, ctx, 'sticky.created', sticky);
      return sticky;
    });
  }

  async update(
    ctx: ChangeContext,
    scope: WorkspaceScope,
    id: string,
    input: StickyInput,
  ): Promise<StickyRow> {
    await this.get(scope, id);
    const patch: Partial<NewSticky> = {
      ...(mapFields(input, columns) as Partial<NewSticky>),
      ...(input.description_html === undefined ? {} : html(input.description_html)),
    };
    return this.transactor.run(async (tx) => {
      const sticky = await this.stickies.with(tx).update(id, { ...patch, updatedBy: scope.userId });
      await record(tx, ctx, 'sticky.updated', sticky);
      return sticky;
    });
  }

  async delete(ctx: ChangeContext, scope: WorkspaceScope, id: string): Promise<void> {
    await this.get(scope, id);
    await this.transactor.run(async (tx) => {
      const sticky = await this.stickies
        .with(tx)
        .update(id, { deletedAt: new Date().toISOString(), updatedBy: scope.userId });
      await record(tx, ctx, 'sticky.deleted', sticky);
    });
  }
}

function html(value: string): Pick<NewSticky, 'descriptionHtml' | 'descriptionStripped'> {
  const clean = sanitizeRichText(value) || '<p></p>';
  return { descriptionHtml: clean, descriptionStripped: stripHtml(clean) };
}

/** The audit names the sticky, never its text: stickies are private notes. */
async function record(tx: Db, ctx: ChangeContext, action: string, sticky: StickyRow): Promise<void> {
  await recordChange(tx, ctx, {
    workspaceId: sticky.workspaceId,
    action,
    objectType: 'sticky',
    objectId: sticky.id,
    after: action === 'sticky.deleted' ? null : { owner_id: sticky.ownerId },
  });
}
