import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deferCleanup } from './cleanup.ts';

export interface TempDir {
  path: string;
  remove(): Promise<void>;
}

export function tempDir(label: string): TempDir {
  const dir = mkdtempSync(path.join(tmpdir(), `agency-os-bench-${label}-`));
  return { path: dir, remove: deferCleanup(() => rmSync(dir, { recursive: true, force: true })) };
}
