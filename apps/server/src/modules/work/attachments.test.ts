import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Project, WorkItem } from '@makeplane/plane-node-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkspace } from '../../../test/factories.ts';
import { startFakeS3, type FakeS3 } from '../../../test/fakes/s3.ts';
import {
  httpError,
  memberCaller,
  ownerWithWorkspace,
  planeWorkspace,
  raw,
  startPlaneServer,
  type Caller,
  type PlaneServer,
} from '../../../test/plane-kit.ts';

// Work-item attachments by Plane's presigned flow (contract §2.10, Appendix A #62–66) on local disk storage.
const LIMIT = 4096;
const { server, owner, workspace } = await planeWorkspace({ FILE_SIZE_LIMIT: String(LIMIT) });
let guest: Caller;
let bystander: Caller;
let stranger: Caller;
let project: Project;
let item: WorkItem;
let base: string;

interface Envelope {
  upload_data: { url: string; fields: Record<string, string> };
  asset_id: string;
  attachment: { id: string; is_uploaded: boolean; asset: string; attributes: Record<string, unknown> };
  asset_url: string;
}

/** Posts the file as a browser would: the form's fields first, the file last. */
async function upload(form: Envelope['upload_data'], content: string | Uint8Array, type = 'text/plain') {
  const body = new FormData();
  for (const [name, value] of Object.entries(form.fields)) body.append(name, value);
  body.append('file', new Blob([content], { type }), 'file');
  const response = await fetch(form.url, { method: 'POST', body });
  const text = await response.text();
  const json = response.headers.get('content-type')?.includes('json');
  return { status: response.status, body: text ? (json ? (JSON.parse(text) as unknown) : text) : undefined };
}

async function start(caller: Caller, body: Record<string, unknown>): Promise<Envelope> {
  return (await caller.sdk.workItems.attachments.create(
    workspace.slug,
    project.id,
    item.id,
    body as never,
  )) as unknown as Envelope;
}

beforeAll(async () => {
  ({ owner: stranger } = await ownerWithWorkspace(server));
  guest = await memberCaller(server, workspace, 'guest');
  bystander = await memberCaller(server, workspace, 'member');
  project = await owner.sdk.projects.create(workspace.slug, { name: 'Files', identifier: 'FIL' });
  base = `/api/v1/workspaces/${workspace.slug}/projects/${project.id}`;
  await raw(server, 'POST', `${base}/members/`, {
    key: owner.token,
    body: { member: guest.user.id, role: 5 },
  });
  item = await owner.sdk.workItems.create(workspace.slug, project.id, { name: 'Needs the brief' });
});

describe('attachments', () => {
  it('uploads by the presigned flow, confirms, lists and downloads through the SDK', async () => {
    const envelope = await start(owner, { name: 'brief.txt', type: 'text/plain', size: 11 });
    expect(envelope).toMatchObject({
      asset_id: envelope.attachment.id,
      attachment: {
        is_uploaded: false,
        attributes: { name: 'brief.txt', type: 'text/plain', size: 11 },
        entity_type: 'ISSUE_ATTACHMENT',
        issue: item.id,
        project: project.id,
        workspace: workspace.id,
      },
      asset_url: `${base}/work-items/${item.id}/attachments/${envelope.asset_id}/`,
    });
    expect(envelope.upload_data.url.startsWith(server.baseUrl)).toBe(true);
    expect(envelope.attachment.asset).toMatch(new RegExp(`^${workspace.id}/[0-9a-f]{32}-brief\\.txt$`));

    // Not there yet: nothing to confirm or download, and the list shows only finished uploads.
    const early = await raw(
      server,
      'PATCH',
      `${base}/work-items/${item.id}/attachments/${envelope.asset_id}/`,
      {
        key: owner.token,
        body: {},
      },
    );
    expect(early).toMatchObject({
      status: 400,
      body: { error: 'The asset is not uploaded yet.', status: false },
    });
    expect(await owner.sdk.workItems.attachments.list(workspace.slug, project.id, item.id)).toEqual([]);

    expect(await upload(envelope.upload_data, 'hello brief')).toEqual({ status: 204, body: undefined });
    await owner.sdk.workItems.attachments.update(workspace.slug, project.id, item.id, envelope.asset_id, {});
    const listed = await owner.sdk.workItems.attachments.list(workspace.slug, project.id, item.id);
    expect(listed).toEqual([
      expect.objectContaining({
        id: envelope.asset_id,
        is_uploaded: true,
        size: 11,
        created_by: owner.user.id,
      }),
    ]);

    // The SDK follows the 302 to the signed link and gets the file itself.
    const content = await owner.sdk.workItems.attachments.retrieve(
      workspace.slug,
      project.id,
      item.id,
      envelope.asset_id,
    );
    expect(content).toBe('hello brief');

    const redirect = await fetch(`${server.baseUrl}${envelope.asset_url}`, {
      headers: { 'x-api-key': owner.token },
      redirect: 'manual',
    });
    expect(redirect.status).toBe(302);
    const link = redirect.headers.get('location')!;
    const file = await fetch(link);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toContain('filename="brief.txt"');
    expect(await file.text()).toBe('hello brief');
    // A link whose signed parts were changed opens nothing.
    const forged = new URL(link);
    forged.searchParams.set('filename', 'other.txt');
    expect((await fetch(forged)).status).toBe(403);

    const history = await owner.sdk.workItems.activities.list(workspace.slug, project.id, item.id);
    expect(history.results).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ verb: 'created', field: 'attachment', new_value: 'brief.txt' }),
      ]),
    );
    const old = await raw(server, 'GET', `${base}/issues/${item.id}/issue-attachments/`, {
      key: owner.token,
    });
    expect(old).toMatchObject({ status: 200, body: [{ id: envelope.asset_id }] });
  });

  it('refuses forged or altered upload forms and files over the limit, storing nothing', async () => {
    const envelope = await start(owner, { name: 'plan.pdf', type: 'application/pdf', size: 100 });
    const tampered = {
      ...envelope.upload_data,
      fields: { ...envelope.upload_data.fields, key: `${workspace.id}/elsewhere.pdf` },
    };
    expect(await upload(tampered, 'x')).toMatchObject({ status: 403 });
    const tooBig = await upload(envelope.upload_data, new Uint8Array(LIMIT + 1), 'application/pdf');
    expect(tooBig).toMatchObject({ status: 400, body: { error: 'File size exceeds the limit.' } });
    const stored = path.join(server.t.config.dataDir, 'uploads', envelope.attachment.asset);
    expect(existsSync(stored)).toBe(false);
    expect(existsSync(path.join(server.t.config.dataDir, 'uploads', workspace.id, 'elsewhere.pdf'))).toBe(
      false,
    );
  });

  it("answers Plane's errors for bad upload requests", async () => {
    const create = (body: Record<string, unknown>) =>
      owner.sdk.workItems.attachments.create(workspace.slug, project.id, item.id, body as never);
    await httpError(create({ name: 'a.txt', type: 'text/plain' }), 400, {
      error: 'Invalid request.',
      status: false,
    });
    await httpError(create({ type: 'text/plain', size: 3 }), 400, {
      error: 'Invalid request.',
      status: false,
    });
    await httpError(create({ name: 'a.exe', type: 'application/x-msdownload', size: 3 }), 400, {
      error: 'Invalid file type.',
      status: false,
    });
    await httpError(create({ name: 'big.txt', type: 'text/plain', size: LIMIT + 1 }), 400, {
      error: 'File size exceeds the limit.',
      status: false,
    });
    const first = await start(owner, {
      name: 'x.txt',
      type: 'text/plain',
      size: 1,
      external_source: 'drive',
      external_id: 'f-1',
    });
    await httpError(
      create({ name: 'y.txt', type: 'text/plain', size: 1, external_source: 'drive', external_id: 'f-1' }),
      409,
      { id: first.asset_id },
    );
  });

  it('serves script-capable files only as downloads', async () => {
    const envelope = await start(owner, { name: 'logo.svg', type: 'image/svg+xml', size: 40 });
    await upload(envelope.upload_data, '<svg><script>alert(1)</script></svg>', 'image/svg+xml');
    await owner.sdk.workItems.attachments.update(workspace.slug, project.id, item.id, envelope.asset_id, {});
    const redirect = await fetch(`${server.baseUrl}${envelope.asset_url}`, {
      headers: { 'x-api-key': owner.token },
      redirect: 'manual',
    });
    const file = await fetch(redirect.headers.get('location')!);
    expect(file.headers.get('content-type')).toBe('application/octet-stream');
    expect(file.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('lets any project member, guests included, attach; others are refused before any lookup', async () => {
    const envelope = await start(guest, { name: 'notes.md', type: 'text/markdown', size: 5 });
    expect(envelope.attachment.is_uploaded).toBe(false);
    const other = `${base}/work-items/${item.id}/attachments/`;
    expect((await raw(server, 'GET', other, { key: bystander.token })).status).toBe(403);
    expect(
      (await raw(server, 'POST', other, { key: stranger.token, body: { name: 'a', size: 1 } })).status,
    ).toBe(403);
    expect((await raw(server, 'GET', other)).status).toBe(401);
  });

  it('deletes an attachment, its file and its place in the list, and records it', async () => {
    const envelope = await start(owner, { name: 'old.csv', type: 'text/csv', size: 3 });
    await upload(envelope.upload_data, 'a,b', 'text/csv');
    await owner.sdk.workItems.attachments.update(workspace.slug, project.id, item.id, envelope.asset_id, {});
    const stored = path.join(server.t.config.dataDir, 'uploads', envelope.attachment.asset);
    expect(existsSync(stored)).toBe(true);
    await owner.sdk.workItems.attachments.delete(workspace.slug, project.id, item.id, envelope.asset_id);
    expect(existsSync(stored)).toBe(false);
    const listed = await owner.sdk.workItems.attachments.list(workspace.slug, project.id, item.id);
    expect(listed.map((a) => a.id)).not.toContain(envelope.asset_id);
    await httpError(
      owner.sdk.workItems.attachments.retrieve(workspace.slug, project.id, item.id, envelope.asset_id),
      404,
    );
    const history = await owner.sdk.workItems.activities.list(workspace.slug, project.id, item.id);
    expect(history.results).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ verb: 'deleted', field: 'attachment', old_value: 'old.csv' }),
      ]),
    );
  });
});

describe('attachments on an S3-compatible store', () => {
  let s3: FakeS3;
  let s3Server: PlaneServer;
  let who: Caller;
  let slug: string;
  let projectId: string;
  let itemId: string;

  beforeAll(async () => {
    s3 = await startFakeS3();
    s3Server = await startPlaneServer({
      FILE_SIZE_LIMIT: String(LIMIT),
      S3_BUCKET: s3.bucket,
      S3_REGION: s3.region,
      S3_ENDPOINT: s3.endpoint,
      S3_ACCESS_KEY_ID: s3.accessKeyId,
      S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
    });
    let space: TestWorkspace;
    ({ owner: who, workspace: space } = await ownerWithWorkspace(s3Server));
    slug = space.slug;
    projectId = (await who.sdk.projects.create(slug, { name: 'Cloud', identifier: 'CLD' })).id;
    itemId = (await who.sdk.workItems.create(slug, projectId, { name: 'Stored in S3' })).id;
  });
  afterAll(async () => {
    await s3Server?.close();
    await s3?.close();
  });

  it('uploads with a presigned POST policy, confirms by HEAD, downloads by a presigned GET, deletes', async () => {
    const envelope = (await who.sdk.workItems.attachments.create(slug, projectId, itemId, {
      name: 'report.pdf',
      type: 'application/pdf',
      size: 9,
    } as never)) as unknown as Envelope;
    expect(envelope.upload_data.url).toBe(`${s3.endpoint}/${s3.bucket}`);
    expect(envelope.upload_data.fields).toMatchObject({
      key: envelope.attachment.asset,
      'Content-Type': 'application/pdf',
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
    });
    // The policy pins the type and the size: S3 refuses anything else.
    const otherType = {
      ...envelope.upload_data,
      fields: { ...envelope.upload_data.fields, 'Content-Type': 'text/html' },
    };
    expect((await upload(otherType, '%PDF-1.7', 'text/html')).status).toBe(403);
    expect((await upload(envelope.upload_data, new Uint8Array(LIMIT + 1), 'application/pdf')).status).toBe(
      400,
    );
    expect(s3.refusals).toEqual(['AccessDenied', 'EntityTooLarge']);
    expect(s3.objects.size).toBe(0);
    await httpError(
      who.sdk.workItems.attachments.update(slug, projectId, itemId, envelope.asset_id, {}),
      400,
      {
        error: 'The asset is not uploaded yet.',
      },
    );

    expect((await upload(envelope.upload_data, '%PDF-1.7', 'application/pdf')).status).toBe(204);
    await who.sdk.workItems.attachments.update(slug, projectId, itemId, envelope.asset_id, {});
    const [listed] = await who.sdk.workItems.attachments.list(slug, projectId, itemId);
    expect(listed).toMatchObject({ id: envelope.asset_id, is_uploaded: true, size: 8 });

    const redirect = await fetch(`${s3Server.baseUrl}${envelope.asset_url}`, {
      headers: { 'x-api-key': who.token },
      redirect: 'manual',
    });
    expect(redirect.status).toBe(302);
    const link = redirect.headers.get('location')!;
    expect(link.startsWith(`${s3.endpoint}/${s3.bucket}/`)).toBe(true);
    const file = await fetch(link);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toContain('filename="report.pdf"');
    expect(await file.text()).toBe('%PDF-1.7');
    const forged = new URL(link);
    forged.searchParams.set('response-content-disposition', 'inline');
    expect((await fetch(forged)).status).toBe(403);
    expect(s3.refusals.at(-1)).toBe('SignatureDoesNotMatch');

    await who.sdk.workItems.attachments.delete(slug, projectId, itemId, envelope.asset_id);
    expect(s3.objects.has(envelope.attachment.asset)).toBe(false);
  });
});
