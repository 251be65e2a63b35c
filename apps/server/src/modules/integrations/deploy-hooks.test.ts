import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../platform/db/database.ts';
import {
  newMember,
  newUser,
  newWorkspace,
  type TestUser,
  type TestWorkspace,
} from '../../../test/factories.ts';
import { createTestApp, TEST_SECRET_KEY, type TestApp } from '../../../test/test-app.ts';
import { SecretBox } from '../../platform/crypto/secret-box.ts';

/** Deploy hooks through the real HTTP stack: added by managers, sealed at rest, listed without their secret. */
let t: TestApp;
let owner: TestUser;
let workspace: TestWorkspace;
const secretUrl = 'https://api.netlify.example/build_hooks/5f2b9c0e1d3a4b5c6d7e8f90';

beforeAll(async () => {
  t = await createTestApp();
  owner = await newUser(t);
  workspace = await newWorkspace(t, owner);
});
afterAll(() => t?.close());

const call = (user: TestUser, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
  t.request({
    method,
    url: `/api/v1/workspaces/${workspace.slug}/deploy-hooks${url}`,
    headers: { cookie: user.cookie },
    payload,
  });

describe('deploy hooks', () => {
  it('are added once per name, sealed with the secret key, listed by host and deleted', async () => {
    const body = { name: 'Netlify', provider: 'netlify', project_name: 'site', url: secretUrl };
    const created = await call(owner, 'POST', '', body);
    expect(created.statusCode).toBe(201);
    expect(created.body).not.toContain('5f2b9c0e');
    const hook = created.json<{ id: string; url_host: string }>();
    expect(hook.url_host).toBe('https://api.netlify.example');
    const again = await call(owner, 'POST', '', body);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ error: { code: 'DEPLOY_HOOK_NAME_TAKEN', field: 'name' } });

    const [row] = rowsOf<{ url: string }>(
      await t.database.db.execute(sql`select url from deploy_hooks where id = ${hook.id}`),
    );
    const box = new SecretBox(Buffer.from(TEST_SECRET_KEY, 'base64'));
    expect(box.open(row!.url)).toBe(secretUrl);

    const admin = await newMember(t, workspace, 'admin');
    expect((await call(admin, 'DELETE', `/${hook.id}`)).statusCode).toBe(204);
    const gone = await call(admin, 'DELETE', `/${hook.id}`);
    expect(gone.statusCode).toBe(404);
    expect(gone.json()).toMatchObject({ error: { code: 'DEPLOY_HOOK_NOT_FOUND' } });
    expect((await call(owner, 'GET', '')).json()).toEqual({ results: [] });
  });

  it('refuses a URL that is not http(s), naming the field', async () => {
    const bad = await call(owner, 'POST', '', {
      name: 'Files',
      provider: 'netlify',
      project_name: 'site',
      url: 'file:///etc/passwd',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', field: 'url' } });
  });
});
