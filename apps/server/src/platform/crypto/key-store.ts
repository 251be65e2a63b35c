import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config/config.ts';
import { generateSecretKey, parseSecretKey, SecretBox, SecretKeyError } from './secret-box.ts';

/**
 * Where the secret key comes from: AGENCY_SECRET_KEY, or (outside production) a key generated once into the
 * data directory. A `secret.key.next` file is a rotation that did not finish; its key is kept as a
 * candidate so values sealed with it still open.
 */
export interface KeySource {
  box: SecretBox;
  /** Set when the key lives in the data dir (development); rotation then rewrites the file. */
  keyFile: string | undefined;
  generated: boolean;
}

export function loadSecretBox(
  config: Pick<Config, 'secretKey' | 'previousSecretKeys' | 'dataDir' | 'env'>,
): KeySource {
  const previous = config.previousSecretKeys.map((k, i) =>
    parseSecretKey(k, `AGENCY_SECRET_KEY_PREVIOUS[${i}]`),
  );
  if (config.secretKey) {
    return {
      box: new SecretBox(parseSecretKey(config.secretKey), previous),
      keyFile: undefined,
      generated: false,
    };
  }
  if (config.env === 'production') {
    throw new SecretKeyError('AGENCY_SECRET_KEY is required in production (try: openssl rand -base64 32)');
  }
  const keyFile = path.join(config.dataDir, 'secret.key');
  const nextFile = `${keyFile}.next`;
  let generated = false;
  if (!existsSync(keyFile)) {
    writeFileSync(keyFile, `${generateSecretKey()}\n`, { mode: 0o600 });
    generated = true;
  }
  const candidates = existsSync(nextFile) ? [parseSecretKey(readFileSync(nextFile, 'utf8'))] : [];
  const current = parseSecretKey(readFileSync(keyFile, 'utf8'));
  return { box: new SecretBox(current, [...candidates, ...previous]), keyFile, generated };
}

/**
 * Step 1 of a file-key rotation: the new key is on disk before anything is sealed with it. A key staged by
 * an unfinished rotation may already seal values, so it is reused, never replaced.
 */
export function stageNextKey(keyFile: string): Buffer {
  const nextFile = `${keyFile}.next`;
  if (existsSync(nextFile)) return parseSecretKey(readFileSync(nextFile, 'utf8'));
  const value = generateSecretKey();
  writeFileSync(nextFile, `${value}\n`, { mode: 0o600 });
  return parseSecretKey(value);
}

/** Step 3: everything is re-sealed; the new key becomes the key. */
export function promoteNextKey(keyFile: string): void {
  renameSync(`${keyFile}.next`, keyFile);
}
