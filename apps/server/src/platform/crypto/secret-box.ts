import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';

const PREFIX = 'enc:v1';

export class SecretKeyError extends Error {}

/**
 * AES-256-GCM for secrets at rest (OAuth tokens, integration credentials). Each value names the id of the
 * key that sealed it, so values sealed with a previous key still open during and after a rotation.
 * Format: `enc:v1:<key id>:<base64 of iv(12) | tag(16) | ciphertext>`.
 */
export class SecretBox {
  private readonly keys = new Map<string, Buffer>();
  readonly currentKeyId: string;

  constructor(current: Buffer, previous: Buffer[] = []) {
    this.currentKeyId = keyId(current);
    this.keys.set(this.currentKeyId, current);
    for (const key of previous) this.keys.set(keyId(key), key);
  }

  seal(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key(this.currentKeyId), iv);
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const packed = Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64');
    return `${PREFIX}:${this.currentKeyId}:${packed}`;
  }

  open(sealed: string): string {
    const { kid, packed } = parse(sealed);
    const data = Buffer.from(packed, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.key(kid), data.subarray(0, 12));
    decipher.setAuthTag(data.subarray(12, 28));
    return Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString('utf8');
  }

  /** A box that seals with `key` and still opens everything this one opens: the heart of a rotation. */
  rotatedTo(key: Buffer): SecretBox {
    return new SecretBox(key, [...this.keys.values()]);
  }

  /** True when the value is sealed with the current key (nothing to re-encrypt). */
  isCurrent(sealed: string): boolean {
    return parse(sealed).kid === this.currentKeyId;
  }

  static isSealed(value: string): boolean {
    return value.startsWith(`${PREFIX}:`);
  }

  /** A purpose-bound key derived from the current key (e.g. for signing cookies), never the key itself. */
  derive(purpose: string): Buffer {
    return Buffer.from(hkdfSync('sha256', this.key(this.currentKeyId), Buffer.alloc(0), purpose, 32));
  }

  private key(kid: string): Buffer {
    const key = this.keys.get(kid);
    if (!key)
      throw new SecretKeyError(`No secret key with id ${kid} is configured (set AGENCY_SECRET_KEY_PREVIOUS)`);
    return key;
  }
}

function parse(sealed: string): { kid: string; packed: string } {
  const parts = sealed.split(':');
  if (parts.length !== 4 || `${parts[0]}:${parts[1]}` !== PREFIX)
    throw new SecretKeyError('Not a sealed value');
  return { kid: parts[2]!, packed: parts[3]! };
}

export function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 12);
}

/** Accepts 32 bytes as base64 (44 chars) or hex (64 chars). */
export function parseSecretKey(value: string, variable = 'AGENCY_SECRET_KEY'): Buffer {
  const trimmed = value.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed)
    ? Buffer.from(trimmed, 'hex')
    : Buffer.from(trimmed, 'base64');
  if (key.length !== 32) {
    throw new SecretKeyError(
      `${variable} must be 32 random bytes, base64 or hex (try: openssl rand -base64 32)`,
    );
  }
  return key;
}

export function generateSecretKey(): string {
  return randomBytes(32).toString('base64');
}
