import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  memberCaller,
  ownerWithWorkspace,
  planeWorkspace,
  raw,
  type Caller,
} from '../../../test/plane-kit.ts';

// Stickies (contract §2.15): caller-owned notes, 20 a page by default, `query` over their text.
const { server, owner, workspace } = await planeWorkspace();
let colleague: Caller;
let guest: Caller;
let url: string;

type Page = {
  total_count: number;
  count: number;
  next_page_results: boolean;
  results: Array<Record<string, unknown>>;
};

beforeAll(async () => {
  colleague = await memberCaller(server, workspace, 'member');
  guest = await memberCaller(server, workspace, 'guest');
  url = `/api/v1/workspaces/${workspace.slug}/stickies/`;
});

describe('stickies', () => {
  it('creates a sticky with cleaned HTML and its text, reads, edits (PATCH and PUT) and deletes it', async () => {
    const created = await raw(server, 'POST', url, {
      key: owner.token,
      body: {
        name: 'Call the client',
        description_html: '<p onclick="x()">Ask about <b>budget</b><script>alert(1)</script></p>',
        color: '#ffcc00',
      },
    });
    expect(created).toMatchObject({
      status: 201,
      body: {
        name: 'Call the client',
        description_html: '<p>Ask about <b>budget</b></p>',
        description_stripped: 'Ask about budget',
        color: '#ffcc00',
        background_color: null,
        owner: owner.user.id,
        workspace: workspace.id,
        sort_order: 65535,
      },
    });
    const id = (created.body as { id: string }).id;
    expect(await raw(server, 'GET', `${url}${id}/`, { key: owner.token })).toMatchObject({
      status: 200,
      body: { id, name: 'Call the client' },
    });
    expect(
      await raw(server, 'PATCH', `${url}${id}/`, { key: owner.token, body: { background_color: '#000000' } }),
    ).toMatchObject({ status: 200, body: { background_color: '#000000', name: 'Call the client' } });
    expect(
      await raw(server, 'PUT', `${url}${id}/`, { key: owner.token, body: { name: 'Called' } }),
    ).toMatchObject({ status: 200, body: { name: 'Called', updated_by: owner.user.id } });
    expect((await raw(server, 'DELETE', `${url}${id}/`, { key: owner.token })).status).toBe(204);
    expect(await raw(server, 'GET', `${url}${id}/`, { key: owner.token })).toMatchObject({
      status: 404,
      body: { detail: 'No Sticky matches the given query.' },
    });
  });

  it('pages 20 at a time, newest first, and filters by text', async () => {
    for (let i = 1; i <= 21; i++) {
      await raw(server, 'POST', url, {
        key: colleague.token,
        body: { description_html: `<p>note ${i}${i % 10 === 0 ? ' 50% off' : ''}</p>` },
      });
    }
    const first = await raw(server, 'GET', url, { key: colleague.token });
    expect(first.body).toMatchObject({
      total_count: 21,
      count: 20,
      next_page_results: true,
      next_cursor: '20:1:0',
    });
    expect((first.body as Page).results[0]).toMatchObject({ description_stripped: 'note 21' });
    const second = await raw(server, 'GET', `${url}?cursor=20:1:0`, { key: colleague.token });
    expect(second.body).toMatchObject({ count: 1, next_page_results: false, prev_page_results: true });
    expect((second.body as Page).results[0]).toMatchObject({ description_stripped: 'note 1' });

    const found = await raw(server, 'GET', `${url}?query=50%25`, { key: colleague.token });
    expect((found.body as Page).results.map((s) => s.description_stripped)).toEqual([
      'note 20 50% off',
      'note 10 50% off',
    ]);
    expect(await raw(server, 'GET', `${url}?per_page=abc`, { key: colleague.token })).toMatchObject({
      status: 400,
      body: { detail: 'Invalid per_page parameter.' },
    });
  });

  it("shows and changes only the caller's own stickies, in this workspace only", async () => {
    const mine = await raw(server, 'POST', url, { key: guest.token, body: { name: 'Guest note' } });
    expect(mine.status).toBe(201);
    const id = (mine.body as { id: string }).id;
    for (const method of ['GET', 'PATCH', 'DELETE']) {
      expect(
        await raw(server, method, `${url}${id}/`, {
          key: owner.token,
          body: method === 'PATCH' ? {} : undefined,
        }),
      ).toMatchObject({ status: 404, body: { detail: 'No Sticky matches the given query.' } });
    }
    const ownerList = (await raw(server, 'GET', url, { key: owner.token })).body as Page;
    expect(ownerList.results.map((s) => s.id)).not.toContain(id);

    const { owner: stranger, workspace: theirs } = await ownerWithWorkspace(server);
    expect((await raw(server, 'GET', url, { key: stranger.token })).status).toBe(403);
    expect((await raw(server, 'POST', url, { key: stranger.token, body: {} })).status).toBe(403);
    expect((await raw(server, 'GET', `${url}${randomUUID()}/`, { key: stranger.token })).status).toBe(403);
    expect((await raw(server, 'GET', url)).status).toBe(401);
    // The guest's sticky is not reachable through another workspace they are not in, nor theirs.
    const strangerUrl = `/api/v1/workspaces/${theirs.slug}/stickies/`;
    expect((await raw(server, 'GET', `${strangerUrl}${id}/`, { key: stranger.token })).status).toBe(404);
    expect((await raw(server, 'GET', `${url}${id}/`, { key: guest.token })).status).toBe(200);
  });

  it('refuses bad input without writing anything', async () => {
    const before = ((await raw(server, 'GET', url, { key: owner.token })).body as Page).total_count;
    expect(
      await raw(server, 'POST', url, {
        key: owner.token,
        body: { name: 'x'.repeat(256), sort_order: 'first' },
      }),
    ).toMatchObject({
      status: 400,
      body: {
        name: ['Ensure this field has no more than 255 characters.'],
        sort_order: [expect.any(String)],
      },
    });
    expect(((await raw(server, 'GET', url, { key: owner.token })).body as Page).total_count).toBe(before);
  });
});
