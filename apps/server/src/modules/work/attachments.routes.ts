import { createReadStream } from 'node:fs';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors/app-error.ts';
import { permission, publicAccess } from '../../platform/http/access.ts';
import { contentDisposition, LocalDiskStorage } from '../../platform/storage/local-disk-storage.ts';
import { changeContext } from '../identity/index.ts';
import {
  attachmentOut,
  createAttachmentBody,
  toAttachmentOut,
  updateAttachmentBody,
  uploadEnvelopeOut,
} from './attachments.dto.ts';
import type { LocalUrls } from './attachments.service.ts';
import { projectParams, projectPath, queryText, uuidParam } from './dto-common.ts';
import { planeRouteConfig } from './plane/conventions.ts';
import type { PlaneApiDeps } from './plane-api.ts';
import { projectScopeOf } from './request-context.ts';
import { WorkErrors } from './work.errors.ts';
import type { ItemsPath } from './work-items.routes.ts';

const tags = ['plane: attachments'];
// Plane: any authenticated caller, then active membership of the project (guests included).
const config = planeRouteConfig(permission('workspace.view'), { project: 'lite' as const });
// The signature in the link is the credential, as with S3's presigned URLs.
const signed = planeRouteConfig(publicAccess);
const itemParams = projectParams.extend({ issue_id: z.uuid() });
const attachmentParams = itemParams.extend({ attachment_id: z.uuid() });

/** Files served inline by a browser could run script on our origin: they are only ever downloaded as bytes. */
const inlineRisky = /^(text\/html|application\/xhtml\+xml|image\/svg\+xml|text\/xml|application\/xml)$/;

/** This server's upload and download endpoints of one attachment, as the caller reaches this server. */
function localUrls(request: FastifyRequest): LocalUrls {
  const { slug, project_id: projectId, issue_id: issueId } = request.params as Record<string, string>;
  const base = `${request.protocol}://${request.host}/api/v1/workspaces/${slug}/projects/${projectId}/work-items/${issueId}/attachments`;
  return {
    upload: (id) => `${base}/${id}/upload/`,
    download: (id) => `${base}/${id}/download/`,
  };
}

/**
 * Work-item attachments (contract §2.10): `work-items/{id}/attachments/` and `issues/{id}/issue-attachments/`.
 * Upload asks for a presigned form (200), the client posts the file to storage, then PATCH marks it uploaded
 * (204); GET of one answers 302 to a short-lived download link.
 */
export async function attachmentRoutes(root: FastifyInstance, deps: PlaneApiDeps & ItemsPath) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { attachments, workItems, presenter } = deps;
  const segment = deps.itemsPath === 'issues' ? 'issue-attachments' : 'attachments';
  const list = `${projectPath}/${deps.itemsPath}/${uuidParam('issue_id')}/${segment}/`;
  const detail = `${list}${uuidParam('attachment_id')}/`;

  app.get(
    list,
    {
      config,
      schema: {
        tags,
        summary: 'Uploaded attachments of the work item (a bare array)',
        params: itemParams,
        response: { 200: z.array(attachmentOut) },
      },
    },
    async (request) => {
      const item = await workItems.requireItem(projectScopeOf(request), request.params.issue_id);
      const rows = await attachments.list(item);
      return rows.map((row) => presenter.plain(request, row, toAttachmentOut));
    },
  );

  app.post(
    list,
    {
      config,
      schema: {
        tags,
        summary: 'Start an upload: {name, type, size} → a presigned form to post the file to',
        params: itemParams,
        body: createAttachmentBody,
        response: { 200: uploadEnvelopeOut },
      },
    },
    async (request) => {
      const scope = projectScopeOf(request);
      const item = await workItems.requireItem(scope, request.params.issue_id);
      const { attachment, upload } = await attachments.create(
        changeContext(request),
        scope,
        item,
        request.body,
        localUrls(request),
      );
      const { slug, project_id: projectId, issue_id: issueId } = request.params;
      return {
        upload_data: upload,
        asset_id: attachment.id,
        attachment: presenter.plain(request, attachment, toAttachmentOut),
        asset_url: `/api/v1/workspaces/${slug}/projects/${projectId}/work-items/${issueId}/attachments/${attachment.id}/`,
      };
    },
  );

  app.get(
    detail,
    {
      config,
      schema: { tags, summary: 'Redirects (302) to a short-lived download link', params: attachmentParams },
    },
    async (request, reply) => {
      const item = await workItems.requireItem(projectScopeOf(request), request.params.issue_id);
      const url = await attachments.downloadUrl(item, request.params.attachment_id, localUrls(request));
      return reply.redirect(url, 302);
    },
  );

  app.patch(
    detail,
    {
      config,
      schema: {
        tags,
        summary: 'Mark the upload done (204)',
        params: attachmentParams,
        body: updateAttachmentBody,
      },
    },
    async (request, reply) => {
      const scope = projectScopeOf(request);
      const item = await workItems.requireItem(scope, request.params.issue_id);
      await attachments.markUploaded(changeContext(request), scope, item, request.params.attachment_id);
      return reply.status(204).send();
    },
  );

  app.delete(detail, { config, schema: { tags, params: attachmentParams } }, async (request, reply) => {
    const scope = projectScopeOf(request);
    const item = await workItems.requireItem(scope, request.params.issue_id);
    await attachments.delete(changeContext(request), scope, item, request.params.attachment_id);
    return reply.status(204).send();
  });
}

/**
 * Local disk storage's side of the presigned flow: the upload form posts here (multipart, like S3's POST), and
 * download links land here. Each request carries its own HMAC signature and expiry; nothing else is checked.
 */
export async function attachmentTransferRoutes(root: FastifyInstance, deps: PlaneApiDeps) {
  const storage = deps.storage;
  if (!(storage instanceof LocalDiskStorage)) return;
  const app = root.withTypeProvider<ZodTypeProvider>();
  const base = `${projectPath}/work-items/${uuidParam('issue_id')}/attachments/${uuidParam('attachment_id')}`;
  app.addContentTypeParser(
    'multipart/form-data',
    { parseAs: 'buffer', bodyLimit: deps.fileSizeLimit + 64 * 1024 },
    (_request, body, done) => done(null, body),
  );

  app.post(
    `${base}/upload/`,
    {
      config: signed,
      schema: {
        tags,
        summary: 'Receives a file posted with the form of a presigned upload (local disk storage)',
        params: attachmentParams,
      },
    },
    async (request, reply) => {
      const form = await new Request('http://upload.local/', {
        method: 'POST',
        headers: { 'content-type': request.headers['content-type'] ?? '' },
        body: request.body as Buffer,
      })
        .formData()
        .catch(() => {
          throw new AppError(WorkErrors.ATTACHMENT_INVALID, { details: { status: false } });
        });
      const fields: Record<string, string> = {};
      for (const [name, value] of form.entries()) if (typeof value === 'string') fields[name] = value;
      const allowed = storage.verifyUpload(fields);
      if (!allowed) throw new AppError(WorkErrors.UPLOAD_SIGNATURE_INVALID);
      const file = form.get('file');
      if (!file || typeof file === 'string') {
        throw new AppError(WorkErrors.ATTACHMENT_INVALID, { details: { status: false } });
      }
      if (file.size > allowed.maxBytes) {
        throw new AppError(WorkErrors.ATTACHMENT_TOO_LARGE, { details: { status: false } });
      }
      await storage.write(allowed.key, new Uint8Array(await file.arrayBuffer()));
      return reply.status(204).send();
    },
  );

  app.get(
    `${base}/download/`,
    {
      config: signed,
      schema: {
        tags,
        summary: 'Serves a file by a signed download link (local disk storage)',
        params: attachmentParams,
        querystring: z.object({
          key: queryText,
          filename: queryText,
          type: queryText,
          expires: queryText,
          signature: queryText,
        }),
      },
    },
    async (request, reply) => {
      const allowed = storage.verifyDownload(request.query);
      if (!allowed) throw new AppError(WorkErrors.UPLOAD_SIGNATURE_INVALID);
      const found = await storage.stat(allowed.key);
      if (!found) throw new AppError('NOT_FOUND');
      const type = inlineRisky.test(allowed.contentType) ? 'application/octet-stream' : allowed.contentType;
      return reply
        .header('content-type', type)
        .header('content-length', String(found.size))
        .header('content-disposition', contentDisposition(allowed.filename))
        .header('cache-control', 'private, max-age=3600')
        .send(createReadStream(storage.pathOf(allowed.key)));
    },
  );
}
