import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import type { ChangeContext } from '../../platform/events/actor.ts';
import { recordChange } from '../../platform/events/outbox.ts';
import type { ActivitiesRepository } from './activities.repository.ts';
import type { CommentRow, CommentsRepository, NewComment } from './comments.repository.ts';
import type { Writer } from './db-errors.ts';
import type { PeopleDirectory } from './directory.ts';
import { mapFields } from './fields-map.ts';
import type { NotificationsService } from './notifications.service.ts';
import { sanitizeRichText, stripHtml } from './plane/html.ts';
import type { ProjectScope } from './project-access.ts';
import type { Window } from './projects.repository.ts';
import { WorkErrors } from './work.errors.ts';
import { activityRows } from './work-item-history.ts';
import type { WorkItemRecord } from './work-items.repository.ts';

export interface CommentInput {
  comment_html?: string;
  comment_json?: unknown;
  access?: 'INTERNAL' | 'EXTERNAL';
  external_source?: string | null;
  external_id?: string | null;
  created_at?: string;
  created_by?: string;
}

const columns = {
  comment_json: 'commentJson',
  access: 'access',
  external_source: 'externalSource',
  external_id: 'externalId',
} as const satisfies Partial<Record<keyof CommentInput, keyof NewComment>>;

export interface CommentsDeps {
  transactor: Writer;
  comments: CommentsRepository;
  activities: ActivitiesRepository;
  people: PeopleDirectory;
  /** Tells followers and mentioned people, inside the comment's transaction. */
  notifications?: NotificationsService;
}

/** Comments on a work item. Any project member may write, edit or delete any comment (as in Plane CE). */
export class CommentsService {
  private readonly deps: CommentsDeps;

  constructor(deps: CommentsDeps) {
    this.deps = deps;
  }

  async list(item: WorkItemRecord, window: Window): Promise<{ rows: CommentRow[]; total: number }> {
    const [rows, total] = await Promise.all([
      this.deps.comments.list(item.id, window),
      this.deps.comments.count(item.id),
    ]);
    return { rows, total };
  }

  async get(item: WorkItemRecord, id: string): Promise<CommentRow> {
    const comment = await this.deps.comments.find(item.id, id);
    if (!comment) throw new AppError('NOT_FOUND');
    return comment;
  }

  async create(ctx: ChangeContext, scope: ProjectScope, item: WorkItemRecord, input: CommentInput) {
    if (input.created_by) await this.checkAuthor(scope, input.created_by);
    const actorId = input.created_by ?? scope.userId;
    const nameable = await this.deps.notifications?.nameable(scope, input.comment_html);
    return this.deps.transactor.run(async (tx) => {
      const comments = this.deps.comments.with(tx);
      if (input.external_source && input.external_id) {
        const clash = await comments.findByExternal(item.projectId, input.external_source, input.external_id);
        if (clash) throw new AppError(WorkErrors.COMMENT_EXTERNAL_TAKEN, { details: { id: clash.id } });
      }
      const comment = await comments.insert({
        ...(mapFields(input, columns) as Partial<NewComment>),
        ...html(input.comment_html ?? '<p></p>'),
        id: randomUUID(),
        workspaceId: item.workspaceId,
        projectId: item.projectId,
        workItemId: item.id,
        actorId,
        createdBy: actorId,
        ...(input.created_at ? { createdAt: input.created_at } : {}),
      });
      await this.history(tx, ctx, item, comment, 'created', 'created a comment');
      await this.deps.notifications?.commentSaved(tx, ctx, scope, item, comment, { nameable });
      return comment;
    });
  }

  async update(
    ctx: ChangeContext,
    scope: ProjectScope,
    item: WorkItemRecord,
    id: string,
    input: CommentInput,
  ) {
    const before = await this.get(item, id);
    const nameable = await this.deps.notifications?.nameable(scope, input.comment_html);
    return this.deps.transactor.run(async (tx) => {
      const comments = this.deps.comments.with(tx);
      const source = input.external_source ?? before.externalSource;
      if (input.external_id && input.external_id !== before.externalId && source) {
        if (await comments.findByExternal(item.projectId, source, input.external_id, id)) {
          throw new AppError(WorkErrors.COMMENT_EXTERNAL_TAKEN, { details: { id } });
        }
      }
      const patch: Partial<NewComment> = mapFields(input, columns) as Partial<NewComment>;
      if (input.comment_html !== undefined) {
        Object.assign(patch, html(input.comment_html));
        if (patch.commentHtml !== before.commentHtml) patch.editedAt = new Date().toISOString();
      }
      const comment = await comments.update(id, { ...patch, updatedBy: scope.userId });
      await this.history(tx, ctx, item, comment, 'updated', 'updated a comment');
      if (input.comment_html !== undefined) {
        await this.deps.notifications?.commentSaved(tx, ctx, scope, item, comment, {
          previousHtml: before.commentHtml,
          nameable,
        });
      }
      return comment;
    });
  }

  async delete(ctx: ChangeContext, scope: ProjectScope, item: WorkItemRecord, id: string): Promise<void> {
    await this.get(item, id);
    await this.deps.transactor.run(async (tx) => {
      const comment = await this.deps.comments
        .with(tx)
        .update(id, { deletedAt: new Date().toISOString(), updatedBy: scope.userId });
      await this.history(tx, ctx, item, comment, 'deleted', 'deleted a comment');
    });
  }

  private async checkAuthor(scope: ProjectScope, userId: string): Promise<void> {
    const members = await this.deps.people.workspaceMembers(scope.workspace);
    if (!members.some((m) => m.id === userId)) {
      throw new AppError('VALIDATION_FAILED', {
        field: 'created_by',
        message: `Invalid pk "${userId}" - object does not exist.`,
      });
    }
  }

  /** The work item's history keeps comment changes (Plane hides the `comment` field from its activity list). */
  private async history(
    tx: Db,
    ctx: ChangeContext,
    item: WorkItemRecord,
    comment: CommentRow,
    verb: string,
    text: string,
  ): Promise<void> {
    await this.deps.activities.with(tx).insert(
      activityRows(ctx, item, [
        {
          verb,
          field: 'comment',
          oldValue: null,
          newValue: verb === 'deleted' ? null : comment.commentStripped,
          comment: text,
          commentId: comment.id,
        },
      ]),
    );
    await recordChange(tx, ctx, {
      workspaceId: item.workspaceId,
      action: `work_item.comment.${verb}`,
      objectType: 'work_item_comment',
      objectId: comment.id,
      after: { work_item_id: item.id, access: comment.access },
    });
  }
}

function html(value: string): Pick<NewComment, 'commentHtml' | 'commentStripped'> {
  return { commentHtml: sanitizeRichText(value), commentStripped: stripHtml(value) };
}
