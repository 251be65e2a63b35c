import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { newApiToken, newMember, newWorkspace } from '../../../test/factories.ts';
import { httpError, ownerWithWorkspace, planeWorkspace, raw } from '../../../test/plane-kit.ts';

// The cross-cutting conventions of Plane's API (contract §1): authentication, unknown URLs and methods,
// trailing slashes, pagination errors, fields/expand, datetimes, audit.
const { server, owner, workspace } = await planeWorkspace();
let base: string;
let projectId: string;

beforeAll(async () => {
  base = `/api/v1/workspaces/${workspace.slug}`;
  projectId = (await owner.sdk.projects.create(workspace.slug, { name: 'Conventions', identifier: 'CON' }))
    .id;
});

describe('authentication (§1.2)', () => {
  it('answers 401 without a key and 403 for an unknown, revoked or expired key', async () => {
    const url = `${base}/projects/`;
    expect(await raw(server, 'GET', url)).toMatchObject({
      status: 401,
      body: { detail: 'Authentication credentials were not provided.' },
    });
    const invalid = { detail: 'Given API token is not valid' };
    expect(await raw(server, 'GET', url, { key: `plane_api_${'0'.repeat(32)}` })).toMatchObject({
      status: 403,
      body: invalid,
    });
    const revoked = await newApiToken(server.t, owner.user);
    await server.t.container.identity.apiTokens.revoke(
      { actor: { type: 'user', id: owner.user.id } },
      owner.user.id,
      revoked.id,
    );
    expect(await raw(server, 'GET', url, { key: revoked.token })).toMatchObject({
      status: 403,
      body: invalid,
    });
    const expiring = await newApiToken(server.t, owner.user, { expiresAt: new Date(Date.now() + 1000) });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await raw(server, 'GET', url, { key: expiring.token })).toMatchObject({
      status: 403,
      body: invalid,
    });
  });

  it('reads the key header whatever its case, and acts as the key user', async () => {
    const upper = await raw(server, 'GET', '/api/v1/users/me/', { headers: { 'X-API-Key': owner.token } });
    const mixed = await raw(server, 'GET', '/api/v1/users/me/', { headers: { 'X-Api-Key': owner.token } });
    expect([upper.status, mixed.status]).toEqual([200, 200]);
    expect(upper.body).toMatchObject({ id: owner.user.id });
  });

  it('refuses a caller outside the workspace with 403, even for ids that do not exist', async () => {
    const outsider = await ownerWithWorkspace(server);
    const forbidden = { detail: 'You do not have permission to perform this action.' };
    await httpError(outsider.owner.sdk.projects.list(workspace.slug), 403, forbidden);
    await httpError(outsider.owner.sdk.states.list(workspace.slug, randomUUID()), 403, forbidden);
    await httpError(outsider.owner.sdk.states.list('no-such-workspace', randomUUID()), 403, forbidden);
  });

  it('refuses a key scoped to another workspace', async () => {
    const other = await newWorkspace(server.t, owner.user);
    const scoped = await newApiToken(server.t, owner.user, { workspace: other.slug });
    expect(await raw(server, 'GET', `${base}/projects/`, { key: scoped.token })).toMatchObject({
      status: 403,
    });
    expect(
      await raw(server, 'GET', `/api/v1/workspaces/${other.slug}/projects/`, { key: scoped.token }),
    ).toMatchObject({
      status: 200,
    });
  });
});

describe('routing (§1.1)', () => {
  it('serves every route with and without its trailing slash', async () => {
    const item = await owner.sdk.workItems.create(workspace.slug, projectId, { name: 'Slashes' });
    const comments = `${base}/projects/${projectId}/issues/${item.id}/comments`;
    const bare = await raw(server, 'GET', comments, { key: owner.token });
    const slashed = await raw(server, 'GET', `${comments}/`, { key: owner.token });
    expect(bare.status).toBe(200);
    expect(bare.body).toEqual(slashed.body);
  });

  it("answers unknown URLs and malformed ids with Plane's JSON 404, before authentication", async () => {
    const notFound = { status: 404, body: { error: 'Page not found.' } };
    expect(await raw(server, 'GET', `${base}/no-such-thing/`)).toMatchObject(notFound);
    expect(await raw(server, 'POST', `${base}/no-such-thing/`, { key: owner.token, body: {} })).toMatchObject(
      notFound,
    );
    expect(await raw(server, 'GET', `${base}/projects/not-a-uuid/`, { key: owner.token })).toMatchObject(
      notFound,
    );
    expect(await raw(server, 'GET', `${base}/work-items/count/`, { key: owner.token })).toMatchObject(
      notFound,
    );
    expect(
      await raw(server, 'GET', `${base}/projects/${projectId}/cycles-lite/`, { key: owner.token }),
    ).toMatchObject(notFound);
  });

  it('answers 405 for a method an existing route does not serve', async () => {
    expect(
      await raw(server, 'PUT', `${base}/projects/${projectId}/`, { key: owner.token, body: {} }),
    ).toEqual(expect.objectContaining({ status: 405, body: { detail: 'Method "PUT" not allowed.' } }));
    // `advanced-search` matches the IDENT-N route, which only reads.
    expect(
      await raw(server, 'POST', `${base}/work-items/advanced-search/`, { key: owner.token, body: {} }),
    ).toEqual(expect.objectContaining({ status: 405, body: { detail: 'Method "POST" not allowed.' } }));
    expect(await raw(server, 'PUT', `${base}/projects/${projectId}/`)).toMatchObject({ status: 401 });
  });

  it('ignores query keys Plane CE ignores (the SDK sends limit, offset, filters, pql)', async () => {
    const url = `${base}/projects/${projectId}/work-items/`;
    const plain = await raw(server, 'GET', url, { key: owner.token });
    const extra = await raw(
      server,
      'GET',
      `${url}?limit=1&offset=3&pql=x&filters=${encodeURIComponent('{"a":1}')}`,
      {
        key: owner.token,
      },
    );
    expect(extra).toMatchObject({ status: 200, body: plain.body });
  });

  it('answers a malformed JSON body with DRF parse error', async () => {
    const response = await fetch(`${server.baseUrl}${base}/projects/`, {
      method: 'POST',
      headers: { 'x-api-key': owner.token, 'content-type': 'application/json' },
      body: '{"name": ',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ detail: expect.stringMatching(/^JSON parse error - /) });
  });
});

describe('pagination (§1.5)', () => {
  it('defaults to 1000 per page and refuses bad parameters with DRF details', async () => {
    const url = `${base}/projects/${projectId}/states/`;
    const page = await raw(server, 'GET', url, { key: owner.token });
    expect(page.body).toMatchObject({ next_cursor: '1000:1:0', prev_cursor: '1000:-1:1', total_pages: 1 });
    const cases: Array<[string, string]> = [
      ['per_page=abc', 'Invalid per_page parameter.'],
      ['per_page=1001', 'Invalid per_page value. Cannot exceed 1000.'],
      ['cursor=garbage', 'Invalid cursor parameter.'],
      ['cursor=2:x:0', 'Invalid cursor parameter.'],
      ['cursor=2:-1:0', 'Error in parsing'],
    ];
    for (const [query, detail] of cases) {
      expect(await raw(server, 'GET', `${url}?${query}`, { key: owner.token })).toMatchObject({
        status: 400,
        body: { detail },
      });
    }
    const past = await raw(server, 'GET', `${url}?per_page=2&cursor=2:9:0`, { key: owner.token });
    expect(past.body).toMatchObject({
      count: 0,
      results: [],
      next_page_results: false,
      prev_page_results: true,
    });
  });
});

describe('fields and expand (§1.6)', () => {
  it('keeps only the named fields and nests expanded objects', async () => {
    const states = await raw(server, 'GET', `${base}/projects/${projectId}/states/?fields=id,name,nonsense`, {
      key: owner.token,
    });
    const first = (states.body as { results: Array<Record<string, unknown>> }).results[0]!;
    expect(Object.keys(first).sort()).toEqual(['id', 'name']);

    const item = await owner.sdk.workItems.create(workspace.slug, projectId, { name: 'Expand me' });
    const detail = await raw(
      server,
      'GET',
      `${base}/projects/${projectId}/work-items/${item.id}/?expand=project,created_by,workspace,type,,&fields=id,project,created_by,workspace,type`,
      { key: owner.token },
    );
    expect(detail.body).toEqual({
      id: item.id,
      project: expect.objectContaining({ id: projectId, identifier: 'CON', name: 'Conventions' }),
      created_by: expect.objectContaining({ id: owner.user.id, email: owner.user.email }),
      workspace: { id: workspace.id, name: workspace.name, slug: workspace.slug },
      type: null,
    });
  });

  it('ignores fields on label detail and on writes', async () => {
    const label = await owner.sdk.labels.create(workspace.slug, projectId, { name: 'Shape' });
    const detail = await raw(server, 'GET', `${base}/projects/${projectId}/labels/${label.id}/?fields=id`, {
      key: owner.token,
    });
    expect(detail.body).toMatchObject({ id: label.id, name: 'Shape', sort_order: expect.any(Number) });
  });
});

describe('data formats (§1.8)', () => {
  it("renders datetimes with microseconds in the reader's time zone", async () => {
    const reader = await newMember(server.t, workspace, 'member');
    const patch = await server.t.request({
      method: 'PATCH',
      url: '/api/me',
      headers: { cookie: reader.cookie },
      payload: { timezone: 'Asia/Tokyo' },
    });
    expect(patch.statusCode).toBe(200);
    const { token } = await newApiToken(server.t, reader);
    const url = `${base}/projects/${projectId}/`;
    const inTokyo = ((await raw(server, 'GET', url, { key: token })).body as { created_at: string })
      .created_at;
    const inUtc = ((await raw(server, 'GET', url, { key: owner.token })).body as { created_at: string })
      .created_at;
    expect(inUtc).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{6})?Z$/);
    expect(inTokyo).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{6})?\+09:00$/);
    expect(Date.parse(inTokyo)).toBe(Date.parse(inUtc));
    expect(inTokyo.slice(19, -6)).toBe(inUtc.slice(19, -1));
  });
});

describe('audit (every change)', () => {
  it('records work changes in the workspace audit trail, with the API key as actor for its user', async () => {
    const item = await owner.sdk.workItems.create(workspace.slug, projectId, { name: 'Audited' });
    await owner.sdk.workItems.update(workspace.slug, projectId, item.id, { priority: 'low' });
    const trail = await server.t.request({
      method: 'GET',
      url: `/api/workspaces/${workspace.slug}/activity`,
      headers: { cookie: owner.user.cookie },
    });
    const rows = trail.json<{ results: Array<Record<string, unknown>> }>().results;
    const forItem = rows.filter((r) => r.object_id === item.id);
    expect(forItem.map((r) => r.action)).toEqual(['work_item.updated', 'work_item.created']);
    expect(forItem[0]).toMatchObject({
      actor: { type: 'api_key', on_behalf_of: owner.user.id },
      before: { priority: 'none' },
      after: { priority: 'low' },
    });
  });

  it('documents the Plane routes in the OpenAPI document', async () => {
    const doc = await server.t.request({ method: 'GET', url: '/api/openapi.json' });
    const paths = Object.keys(doc.json<{ paths: Record<string, unknown> }>().paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/v1/workspaces/{slug}/projects/',
        '/api/v1/workspaces/{slug}/projects/{project_id}/work-items/{issue_id}/',
      ]),
    );
  });
});
