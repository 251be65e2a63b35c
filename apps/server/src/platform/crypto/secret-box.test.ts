import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { newUser } from '../../../test/factories.ts';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { rowsOf } from '../db/database.ts';
import { resealAll } from './encrypted-columns.ts';
import { loadSecretBox, stageNextKey } from './key-store.ts';
import { rotateSecretKey } from './rotate.ts';
import { keyId, parseSecretKey, SecretBox, SecretKeyError } from './secret-box.ts';

const keyA = randomBytes(32);
const keyB = randomBytes(32);

describe('SecretBox', () => {
  it('opens what it sealed, and never seals the same text the same way twice', () => {
    const box = new SecretBox(keyA);
    const text = 'gho_token ✓ with ünïcode';
    const one = box.seal(text);
    const two = box.seal(text);
    expect(box.open(one)).toBe(text);
    expect(box.open(two)).toBe(text);
    expect(one).not.toBe(two);
    expect(one).not.toContain('gho_token');
    expect(one).toMatch(new RegExp(`^enc:v1:${keyId(keyA)}:[A-Za-z0-9+/=]+$`));
    expect(SecretBox.isSealed(one)).toBe(true);
    expect(SecretBox.isSealed('gho_plain')).toBe(false);
  });

  it('detects any change to a sealed value', () => {
    const box = new SecretBox(keyA);
    const sealed = box.seal('refresh-token');
    const [prefix, version, kid, packed] = sealed.split(':') as [string, string, string, string];
    const bytes = Buffer.from(packed, 'base64');
    for (const index of [0, 13, bytes.length - 1]) {
      const tampered = Buffer.from(bytes);
      tampered[index] = tampered[index]! ^ 0x01;
      expect(() => box.open([prefix, version, kid, tampered.toString('base64')].join(':'))).toThrow();
    }
    expect(() => box.open('plain-text')).toThrow(new SecretKeyError('Not a sealed value'));
  });

  it('names values by key id and opens them with previous keys, not with unknown ones', () => {
    expect(keyId(keyA)).toMatch(/^[0-9a-f]{12}$/);
    expect(keyId(keyA)).toBe(keyId(Buffer.from(keyA)));
    expect(keyId(keyA)).not.toBe(keyId(keyB));
    const old = new SecretBox(keyA);
    const sealedOld = old.seal('sealed before the rotation');
    const current = new SecretBox(keyB, [keyA]);
    expect(current.currentKeyId).toBe(keyId(keyB));
    expect(current.open(sealedOld)).toBe('sealed before the rotation');
    expect(current.isCurrent(sealedOld)).toBe(false);
    expect(current.isCurrent(current.seal('x'))).toBe(true);
    expect(() => new SecretBox(keyB).open(sealedOld)).toThrow(
      `No secret key with id ${keyId(keyA)} is configured (set AGENCY_SECRET_KEY_PREVIOUS)`,
    );
    // The same key id on another key is tampering, not a value to open.
    const forged = sealedOld.replace(keyId(keyA), keyId(keyB));
    expect(() => current.open(forged)).toThrow();
  });

  it('reads keys as base64 or hex, and derives purpose-bound keys that are not the key', () => {
    expect(parseSecretKey(keyA.toString('base64'))).toEqual(keyA);
    expect(parseSecretKey(keyA.toString('hex'))).toEqual(keyA);
    expect(() => parseSecretKey(randomBytes(16).toString('base64'))).toThrow(SecretKeyError);
    const box = new SecretBox(keyA);
    expect(box.derive('cookies')).toHaveLength(32);
    expect(box.derive('cookies')).toEqual(new SecretBox(keyA).derive('cookies'));
    expect(box.derive('cookies')).not.toEqual(box.derive('other'));
    expect(box.derive('cookies')).not.toEqual(keyA);
  });
});

describe('rotate-secret-key', () => {
  let t: TestApp;
  let userId: string;
  const dirs: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    userId = (await newUser(t)).id;
  });
  afterEach(async () => {
    await t.database.db.execute(sql`delete from accounts where provider_id = 'rotation-test'`);
  });
  afterAll(async () => {
    await t?.close();
    dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
  });

  function devKeys() {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'agency-os-keys-'));
    dirs.push(dataDir);
    const load = () =>
      loadSecretBox({ secretKey: undefined, previousSecretKeys: [], dataDir, env: 'development' });
    return { load, keyFile: path.join(dataDir, 'secret.key') };
  }

  /** Linked OAuth accounts whose tokens are sealed, as the auth module stores them. */
  async function sealAccounts(box: SecretBox, count = 3): Promise<Map<string, string>> {
    const plain = new Map<string, string>();
    for (let i = 0; i < count; i++) {
      const token = `gho_${randomBytes(8).toString('hex')}`;
      const [row] = rowsOf<{ id: string }>(
        await t.database.db.execute(sql`
          insert into accounts (user_id, account_id, provider_id, access_token, refresh_token, id_token)
          values (${userId}, ${`acct-${token}`}, 'rotation-test', ${box.seal(token)},
                  ${box.seal(`${token}-refresh`)}, null)
          returning id`),
      );
      plain.set(row!.id, token);
    }
    return plain;
  }

  async function storedTokens() {
    return rowsOf<{ id: string; access_token: string; refresh_token: string; id_token: string | null }>(
      await t.database.db.execute(
        sql`select id, access_token, refresh_token, id_token from accounts where provider_id = 'rotation-test'`,
      ),
    );
  }

  async function expectAllOpen(box: SecretBox, plain: Map<string, string>) {
    const rows = await storedTokens();
    expect(rows).toHaveLength(plain.size);
    for (const row of rows) {
      expect(box.open(row.access_token)).toBe(plain.get(row.id));
      expect(box.open(row.refresh_token)).toBe(`${plain.get(row.id)}-refresh`);
      expect(row.id_token).toBeNull();
    }
  }

  it('with the key in the data directory: replaces secret.key and re-seals every value with it', async () => {
    const { load, keyFile } = devKeys();
    const keys = load();
    const oldKey = readFileSync(keyFile, 'utf8');
    const plain = await sealAccounts(keys.box);

    const result = await rotateSecretKey(t.database, keys);

    expect(result.keyFileRotated).toBe(true);
    expect(result.tables).toContainEqual({ table: 'accounts', resealed: plain.size });
    expect(readFileSync(keyFile, 'utf8')).not.toBe(oldKey);
    expect(existsSync(`${keyFile}.next`)).toBe(false);
    const newKey = parseSecretKey(readFileSync(keyFile, 'utf8'));
    expect(result.keyId).toBe(keyId(newKey));
    await expectAllOpen(new SecretBox(newKey), plain);
    const [row] = await storedTokens();
    expect(() => new SecretBox(parseSecretKey(oldKey)).open(row!.access_token)).toThrow(SecretKeyError);
    expect(load().box.currentKeyId).toBe(result.keyId);
  });

  it('with AGENCY_SECRET_KEY: re-seals what the previous key sealed, and touches no key file', async () => {
    const oldKey = randomBytes(32);
    const newKey = randomBytes(32);
    const plain = await sealAccounts(new SecretBox(oldKey));
    const dataDir = mkdtempSync(path.join(tmpdir(), 'agency-os-keys-'));
    dirs.push(dataDir);
    const keys = loadSecretBox({
      secretKey: newKey.toString('base64'),
      previousSecretKeys: [oldKey.toString('hex')],
      dataDir,
      env: 'production',
    });

    const result = await rotateSecretKey(t.database, keys);

    expect(result).toMatchObject({ keyId: keyId(newKey), keyFileRotated: false });
    expect(result.tables).toContainEqual({ table: 'accounts', resealed: plain.size });
    await expectAllOpen(new SecretBox(newKey), plain);
    expect(existsSync(path.join(dataDir, 'secret.key'))).toBe(false);
    const again = await rotateSecretKey(t.database, keys);
    expect(again.tables).toContainEqual({ table: 'accounts', resealed: 0 });
  });

  it('a crash between staging and promotion leaves every value readable, and the next run finishes it', async () => {
    const { load, keyFile } = devKeys();
    const keys = load();
    const plain = await sealAccounts(keys.box);
    const oldKey = readFileSync(keyFile, 'utf8');

    // The steps of a rotation up to the crash: key staged, values re-sealed and committed, never promoted.
    const staged = stageNextKey(keyFile);
    const crashed = await t.database.db.transaction((tx) =>
      resealAll(tx as never, keys.box.rotatedTo(staged)),
    );
    expect(crashed).toContainEqual({ table: 'accounts', resealed: plain.size });
    expect(readFileSync(keyFile, 'utf8')).toBe(oldKey);

    const restarted = load();
    expect(restarted.box.currentKeyId).toBe(keyId(parseSecretKey(oldKey)));
    await expectAllOpen(restarted.box, plain);

    // Staging again must keep the key that already seals values, or a second crash would lose them.
    expect(stageNextKey(keyFile)).toEqual(staged);
    const result = await rotateSecretKey(t.database, restarted);
    expect(result.keyId).toBe(keyId(staged));
    expect(parseSecretKey(readFileSync(keyFile, 'utf8'))).toEqual(staged);
    expect(existsSync(`${keyFile}.next`)).toBe(false);
    await expectAllOpen(new SecretBox(staged), plain);
  });
});
