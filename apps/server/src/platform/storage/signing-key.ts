import { hkdfSync, randomBytes } from 'node:crypto';

/**
 * The key that signs local upload and download links: derived from AGENCY_SECRET_KEY, so every instance signs
 * alike; without it (development only), a key per process — links then last until a restart.
 */
export function storageSigningKey(secretKey: string | undefined): Buffer {
  if (!secretKey) return randomBytes(32);
  return Buffer.from(hkdfSync('sha256', secretKey, 'agency-os', 'storage links', 32));
}
