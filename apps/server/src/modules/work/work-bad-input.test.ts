import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { planeWorkspace, raw } from '../../../test/plane-kit.ts';

// Bad input gets DRF's field-by-field 400 (contract §1.7) and changes nothing.
const { server, owner, workspace } = await planeWorkspace();
let base: string;
let itemId: string;

const send = (method: string, path: string, body?: unknown) =>
  raw(server, method, path, { key: owner.token, body });
const total = async (path: string) => ((await send('GET', path)).body as { total_count: number }).total_count;

beforeAll(async () => {
  const project = await owner.sdk.projects.create(workspace.slug, { name: 'Input', identifier: 'INP' });
  base = `/api/v1/workspaces/${workspace.slug}/projects/${project.id}`;
  itemId = (await owner.sdk.workItems.create(workspace.slug, project.id, { name: 'Existing' })).id;
});

describe('projects', () => {
  it('reports every bad field at once and creates nothing', async () => {
    const projects = `/api/v1/workspaces/${workspace.slug}/projects/`;
    const before = await total(projects);
    const cases: Array<[unknown, unknown]> = [
      [{}, { name: ['This field is required.'], identifier: ['This field is required.'] }],
      [
        { name: '  ', identifier: ' ' },
        { name: ['This field may not be blank.'], identifier: ['This field may not be blank.'] },
      ],
      [
        { name: 'x'.repeat(256), identifier: 'ABCDEFGHIJKLM' },
        {
          name: ['Ensure this field has no more than 255 characters.'],
          identifier: ['Ensure this field has no more than 12 characters.'],
        },
      ],
      [
        { name: 'Web-site', identifier: 'WEB' },
        { non_field_errors: ['Project name cannot contain special characters.'] },
      ],
      [
        { name: 'Web', identifier: 'W.B' },
        { non_field_errors: ['Project identifier cannot contain special characters.'] },
      ],
      [
        { name: 'Web', identifier: 'WEB', timezone: 'Mars/Olympus' },
        { timezone: ['"Mars/Olympus" is not a valid choice.'] },
      ],
      [
        { name: 'Web', identifier: 'WEB', project_lead: randomUUID() },
        {
          project_lead: ['Project lead must be an active member of the workspace.'],
        },
      ],
      [
        { name: 'Web', identifier: 'WEB', archive_in: 13 },
        { archive_in: ['Ensure this value is less than or equal to 12.'] },
      ],
      [[1, 2], { non_field_errors: ['Expected a dictionary of items but got type "list".'] }],
    ];
    for (const [body, expected] of cases) {
      expect(await send('POST', projects, body)).toMatchObject({ status: 400, body: expected });
    }
    expect(await total(projects)).toBe(before);
  });
});

describe('states and labels', () => {
  it('refuses bad states and labels without writing', async () => {
    const states = `${base}/states/`;
    const labels = `${base}/labels/`;
    const [stateCount, labelCount] = [await total(states), await total(labels)];
    expect(await send('POST', states, { name: 'X' })).toMatchObject({
      status: 400,
      body: { color: ['This field is required.'] },
    });
    expect(await send('POST', states, { name: 'X', color: '#fff', group: 'doing' })).toMatchObject({
      status: 400,
      body: { group: ['"doing" is not a valid choice.'] },
    });
    expect(await send('POST', labels, { name: 'L', parent: 'nope' })).toMatchObject({
      status: 400,
      body: { parent: ['Must be a valid UUID.'] },
    });
    expect(await send('POST', labels, { name: 'L', parent: randomUUID() })).toMatchObject({
      status: 400,
      body: { parent: [expect.stringMatching(/^Invalid pk ".*" - object does not exist\.$/)] },
    });
    expect([await total(states), await total(labels)]).toEqual([stateCount, labelCount]);
  });

  it('refuses to unset the only default state and to make a label its own ancestor', async () => {
    const backlog = (
      (await send('GET', `${base}/states/`)).body as { results: Array<{ id: string; default: boolean }> }
    ).results.find((s) => s.default)!;
    expect(await send('PATCH', `${base}/states/${backlog.id}/`, { default: false })).toMatchObject({
      status: 400,
    });
    const parent = (await send('POST', `${base}/labels/`, { name: 'Parent' })).body as { id: string };
    const child = (await send('POST', `${base}/labels/`, { name: 'Child', parent: parent.id })).body as {
      id: string;
    };
    expect(await send('PATCH', `${base}/labels/${parent.id}/`, { parent: child.id })).toMatchObject({
      status: 400,
      body: { parent: ['A label cannot be its own ancestor.'] },
    });
  });
});

describe('work items', () => {
  it('refuses bad work items and leaves the list and the numbering untouched', async () => {
    const items = `${base}/work-items/`;
    const before = await total(items);
    const cases: Array<[unknown, unknown]> = [
      [{ priority: 'high' }, { name: ['This field is required.'] }],
      [{ name: 'X', priority: 'asap' }, { priority: ['"asap" is not a valid choice.'] }],
      [{ name: 'X', state: 'not-a-uuid' }, { state: ['Must be a valid UUID.'] }],
      [{ name: 'X', state: randomUUID() }, { state: [expect.stringMatching(/^Invalid pk/)] }],
      [{ name: 'X', assignees: [randomUUID()] }, { assignees: [expect.stringMatching(/^Invalid pk/)] }],
      [{ name: 'X', labels: 'a' }, { labels: ['Expected a list of items but got type "str".'] }],
      [{ name: 'X', parent: randomUUID() }, { parent: [expect.stringMatching(/^Invalid pk/)] }],
      [
        { name: 'X', start_date: '2026-05-02', target_date: '2026-05-01' },
        {
          non_field_errors: ['Start date cannot exceed target date'],
        },
      ],
      [
        { name: 'X', target_date: '05/01/2026' },
        {
          target_date: ['Date has wrong format. Use one of these formats instead: YYYY-MM-DD.'],
        },
      ],
      [{ name: 'X', description_html: '' }, { non_field_errors: ['Invalid HTML passed'] }],
      [{ name: 'X', point: 13 }, { point: ['Ensure this value is less than or equal to 12.'] }],
    ];
    for (const [body, expected] of cases) {
      expect(await send('POST', items, body)).toMatchObject({ status: 400, body: expected });
    }
    expect(await total(items)).toBe(before);
    const next = (await send('POST', items, { name: 'After the refusals' })).body as { sequence_id: number };
    expect(next.sequence_id).toBe(2);
  });

  it('refuses a parent loop and keeps the item as it was', async () => {
    const child = (await send('POST', `${base}/work-items/`, { name: 'Child', parent: itemId })).body as {
      id: string;
    };
    expect(
      await send('PATCH', `${base}/work-items/${itemId}/`, { parent: child.id, name: 'Renamed' }),
    ).toMatchObject({
      status: 400,
      body: { non_field_errors: ['Parent is not valid issue_id please pass a valid issue_id'] },
    });
    expect((await send('GET', `${base}/work-items/${itemId}/`)).body).toMatchObject({
      name: 'Existing',
      parent: null,
    });
  });

  it('refuses bad links and comments', async () => {
    const links = `${base}/work-items/${itemId}/links/`;
    expect(await send('POST', links, {})).toMatchObject({
      status: 400,
      body: { url: ['This field is required.'] },
    });
    expect(await send('POST', links, { url: 'not a url' })).toMatchObject({
      status: 400,
      body: { url: ['Invalid URL format.'] },
    });
    expect(await send('POST', `${base}/work-items/${itemId}/comments/`, { access: 'PUBLIC' })).toMatchObject({
      status: 400,
      body: { access: ['"PUBLIC" is not a valid choice.'] },
    });
    expect(await total(links)).toBe(0);
    expect(await total(`${base}/work-items/${itemId}/comments/`)).toBe(0);
  });
});
