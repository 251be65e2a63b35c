import { randomBytes, randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import type { ChangeContext } from '../../platform/events/actor.ts';
import { recordChange } from '../../platform/events/outbox.ts';
import type { ObjectStorage, UploadForm } from '../../platform/storage/object-storage.ts';
import type { ActivitiesRepository } from './activities.repository.ts';
import type { AttachmentInput } from './attachments.dto.ts';
import type { AttachmentRow, AttachmentsRepository } from './attachments.repository.ts';
import type { Writer } from './db-errors.ts';
import type { ProjectScope } from './project-access.ts';
import { WorkErrors } from './work.errors.ts';
import { activityRows } from './work-item-history.ts';
import type { WorkItemRecord } from './work-items.repository.ts';

/** The file types Plane accepts as attachments (its ATTACHMENT_MIME_TYPES). */
export const attachmentTypes = new Set([
  // images
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/svg+xml',
  'image/webp',
  'image/tiff',
  'image/bmp',
  // documents
  'application/pdf',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.ms-powerpoint',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation',
  'application/vnd.oasis.opendocument.graphics',
  'application/rtf',
  'text/plain',
  'text/markdown',
  'text/csv',
  'application/json',
  'application/xml',
  'text/xml',
  // audio
  'audio/mpeg',
  'audio/wav',
  'audio/ogg',
  'audio/midi',
  'audio/x-midi',
  'audio/aac',
  'audio/flac',
  'audio/x-m4a',
  // video
  'video/mp4',
  'video/mpeg',
  'video/ogg',
  'video/webm',
  'video/quicktime',
  'video/x-msvideo',
  'video/x-ms-wmv',
  // archives
  'application/zip',
  'application/x-rar-compressed',
  'application/x-tar',
  'application/gzip',
  'application/x-7z-compressed',
  // fonts
  'font/ttf',
  'font/otf',
  'font/woff',
  'font/woff2',
  'application/octet-stream',
]);

/** Upload forms and download links stay valid this long. */
const LINK_SECONDS = 3600;

export interface AttachmentsDeps {
  transactor: Writer;
  attachments: AttachmentsRepository;
  activities: ActivitiesRepository;
  storage: ObjectStorage;
  fileSizeLimit: number;
}

/** Where this server receives direct uploads and serves signed downloads of one attachment (local storage). */
export interface LocalUrls {
  upload(attachmentId: string): string;
  download(attachmentId: string): string;
}

/** `name` as a safe last part of a storage key: `1f3a…-launch_plan.pdf`. */
function assetKey(workspaceId: string, name: string): string {
  const safe =
    name
      .replace(/[^A-Za-z0-9._-]+/g, '_')
      .replace(/^[._]+/, '')
      .slice(-100) || 'file';
  return `${workspaceId}/${randomBytes(16).toString('hex')}-${safe}`;
}

const invalid = (code: string) => new AppError(code, { details: { status: false } });

/** Work-item attachments by Plane's presigned-upload flow (contract §2.10). */
export class AttachmentsService {
  private readonly deps: AttachmentsDeps;

  constructor(deps: AttachmentsDeps) {
    this.deps = deps;
  }

  async list(item: WorkItemRecord): Promise<AttachmentRow[]> {
    return this.deps.attachments.listUploaded(item.id);
  }

  /** Step 1: the row and an upload form for the client; nothing is stored yet. */
  async create(
    ctx: ChangeContext,
    scope: ProjectScope,
    item: WorkItemRecord,
    input: AttachmentInput,
    urls: LocalUrls,
  ): Promise<{ attachment: AttachmentRow; upload: UploadForm }> {
    const { storage, fileSizeLimit } = this.deps;
    if (!input.name?.trim() || input.size === undefined) throw invalid(WorkErrors.ATTACHMENT_INVALID);
    const type = input.type?.trim() || 'application/octet-stream';
    if (!attachmentTypes.has(type)) throw invalid(WorkErrors.ATTACHMENT_TYPE_INVALID);
    if (input.size > fileSizeLimit) throw invalid(WorkErrors.ATTACHMENT_TOO_LARGE);
    const id = randomUUID();
    const asset = assetKey(item.workspaceId, input.name.trim());
    const upload = await storage.presignUpload({
      key: asset,
      contentType: type,
      maxBytes: fileSizeLimit,
      expiresInSeconds: LINK_SECONDS,
      localUrl: urls.upload(id),
    });
    const attachment = await this.deps.transactor.run(async (tx) => {
      const attachments = this.deps.attachments.with(tx);
      const { external_source: source, external_id: externalId } = input;
      if (source && externalId) {
        const clash = await attachments.findByExternal(scope.project.id, source, externalId);
        if (clash) throw new AppError(WorkErrors.ATTACHMENT_EXTERNAL_TAKEN, { details: { id: clash.id } });
      }
      const row = await attachments.insert({
        id,
        workspaceId: item.workspaceId,
        projectId: item.projectId,
        workItemId: item.id,
        name: input.name!.trim(),
        type,
        size: input.size!,
        asset,
        storageMetadata: { storage: storage.kind },
        externalSource: source ?? null,
        externalId: externalId ?? null,
        createdBy: scope.userId,
      });
      await recordChange(tx, ctx, {
        workspaceId: item.workspaceId,
        action: 'work_item.attachment.requested',
        objectType: 'work_item_attachment',
        objectId: row.id,
        after: { work_item_id: item.id, name: row.name, type: row.type, size: row.size },
      });
      return row;
    });
    return { attachment, upload };
  }

  /**
   * Step 2: the client says the upload is done. The file must be in storage; its real size is kept, and the
   * work item's history shows the new attachment.
   */
  async markUploaded(
    ctx: ChangeContext,
    scope: ProjectScope,
    item: WorkItemRecord,
    id: string,
  ): Promise<void> {
    const current = await this.find(item, id);
    const stored = await this.deps.storage.stat(current.asset);
    if (!stored) throw invalid(WorkErrors.ATTACHMENT_NOT_UPLOADED);
    await this.deps.transactor.run(async (tx) => {
      const row = await this.deps.attachments
        .with(tx)
        .update(id, { isUploaded: true, size: stored.size, updatedBy: scope.userId });
      if (current.isUploaded) return;
      await this.history(tx, ctx, item, row, 'created');
    });
  }

  /** A short-lived link to the file; 400 while it is not uploaded. */
  async downloadUrl(item: WorkItemRecord, id: string, urls: LocalUrls): Promise<string> {
    const attachment = await this.find(item, id);
    if (!attachment.isUploaded) throw invalid(WorkErrors.ATTACHMENT_NOT_UPLOADED);
    return this.deps.storage.presignDownload({
      key: attachment.asset,
      filename: attachment.name,
      contentType: attachment.type,
      expiresInSeconds: LINK_SECONDS,
      localUrl: urls.download(id),
    });
  }

  async delete(ctx: ChangeContext, scope: ProjectScope, item: WorkItemRecord, id: string): Promise<void> {
    const current = await this.find(item, id);
    await this.deps.transactor.run(async (tx) => {
      const row = await this.deps.attachments
        .with(tx)
        .update(id, { deletedAt: new Date().toISOString(), updatedBy: scope.userId });
      await this.history(tx, ctx, item, row, 'deleted');
    });
    // After the commit: a failure here leaves an orphan file, never a row without its file.
    await this.deps.storage.delete(current.asset).catch(() => undefined);
  }

  private async find(item: WorkItemRecord, id: string): Promise<AttachmentRow> {
    const attachment = await this.deps.attachments.find(item.id, id);
    if (!attachment) throw new AppError('NOT_FOUND');
    return attachment;
  }

  private async history(
    tx: Db,
    ctx: ChangeContext,
    item: WorkItemRecord,
    attachment: AttachmentRow,
    verb: 'created' | 'deleted',
  ): Promise<void> {
    await this.deps.activities.with(tx).insert(
      activityRows(ctx, item, [
        verb === 'created'
          ? {
              verb,
              field: 'attachment',
              oldValue: null,
              newValue: attachment.name,
              comment: 'uploaded a new attachment',
              newIdentifier: attachment.id,
            }
          : {
              verb,
              field: 'attachment',
              oldValue: attachment.name,
              newValue: null,
              comment: 'deleted an attachment',
              oldIdentifier: attachment.id,
            },
      ]),
    );
    await recordChange(tx, ctx, {
      workspaceId: item.workspaceId,
      action: verb === 'created' ? 'work_item.attachment.uploaded' : 'work_item.attachment.deleted',
      objectType: 'work_item_attachment',
      objectId: attachment.id,
      before: verb === 'deleted' ? { work_item_id: item.id, name: attachment.name } : null,
      after:
        verb === 'created' ? { work_item_id: item.id, name: attachment.name, size: attachment.size } : null,
    });
  }
}
