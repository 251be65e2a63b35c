import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { registeredErrorCodes } from '../src/platform/errors/app-error.ts';
import '../src/container.ts';

const apiDoc = readFileSync(new URL('../../../docs/api.md', import.meta.url), 'utf8');

describe('error codes', () => {
  it('documents every error code the server can answer with, with its status', () => {
    // Importing the container loads every module, which registers its codes.
    expect(registeredErrorCodes().has('LAST_OWNER')).toBe(true);
    const undocumented = [...registeredErrorCodes()]
      .filter(
        ([code, spec]) => !new RegExp(`\\|\\s*\`${code}\`\\s*\\|\\s*${spec.status}\\s*\\|`).test(apiDoc),
      )
      .map(([code, spec]) => `${code} (${spec.status})`);
    expect(undocumented).toEqual([]);
  });
});
