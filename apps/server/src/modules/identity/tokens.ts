import { createHash, randomBytes } from 'node:crypto';

/** Random bearer secrets: API tokens, invitation links. Only their SHA-256 is stored. */
export function newSecretToken(prefix: string): string {
  return `${prefix}${randomBytes(16).toString('hex')}`;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
