import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { DownloadRequest, ObjectStorage, UploadForm, UploadRequest } from './object-storage.ts';

/** The fields of a signed local upload form, in the order a client sends them back. */
export interface SignedUpload {
  key: string;
  contentType: string;
  maxBytes: number;
  expires: number;
}

export interface SignedDownload {
  key: string;
  filename: string;
  contentType: string;
  expires: number;
}

/** `attachment; filename="…"; filename*=UTF-8''…`: the name survives, quotes and non-ASCII included. */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/**
 * Files in a folder on this machine (by default `<data dir>/uploads`). Upload and download links point at this
 * server's own endpoints and carry an HMAC-SHA256 signature over what they allow and until when, as S3's do.
 */
export class LocalDiskStorage implements ObjectStorage {
  readonly kind = 'local' as const;
  private readonly root: string;
  private readonly key: Buffer;

  constructor(root: string, signingKey: Buffer) {
    this.root = path.resolve(root);
    this.key = signingKey;
  }

  async presignUpload(request: UploadRequest): Promise<UploadForm> {
    const signed: SignedUpload = {
      key: request.key,
      contentType: request.contentType,
      maxBytes: request.maxBytes,
      expires: Math.floor(Date.now() / 1000) + request.expiresInSeconds,
    };
    return {
      url: request.localUrl,
      fields: {
        key: signed.key,
        'Content-Type': signed.contentType,
        'x-max-bytes': String(signed.maxBytes),
        'x-expires': String(signed.expires),
        'x-signature': this.sign(uploadText(signed)),
      },
    };
  }

  async presignDownload(request: DownloadRequest): Promise<string> {
    const signed: SignedDownload = {
      key: request.key,
      filename: request.filename,
      contentType: request.contentType,
      expires: Math.floor(Date.now() / 1000) + request.expiresInSeconds,
    };
    const query = new URLSearchParams({
      key: signed.key,
      filename: signed.filename,
      type: signed.contentType,
      expires: String(signed.expires),
      signature: this.sign(downloadText(signed)),
    });
    return `${request.localUrl}?${query.toString()}`;
  }

  /** The upload the form's fields allow, or undefined when they were forged, altered or have expired. */
  verifyUpload(fields: Record<string, string | undefined>): SignedUpload | undefined {
    const signed: SignedUpload = {
      key: fields.key ?? '',
      contentType: fields['Content-Type'] ?? '',
      maxBytes: Number(fields['x-max-bytes']),
      expires: Number(fields['x-expires']),
    };
    return this.valid(uploadText(signed), fields['x-signature'], signed.expires) ? signed : undefined;
  }

  verifyDownload(query: Record<string, string | undefined>): SignedDownload | undefined {
    const signed: SignedDownload = {
      key: query.key ?? '',
      filename: query.filename ?? '',
      contentType: query.type ?? '',
      expires: Number(query.expires),
    };
    return this.valid(downloadText(signed), query.signature, signed.expires) ? signed : undefined;
  }

  /** Writes the whole file, or nothing: a reader never sees half of it. */
  async write(key: string, bytes: Uint8Array): Promise<void> {
    const target = this.pathOf(key);
    await mkdir(path.dirname(target), { recursive: true });
    const temporary = `${target}.${randomUUID()}.part`;
    await writeFile(temporary, bytes);
    await rename(temporary, target);
  }

  /** Where a key's bytes are on disk. */
  pathOf(key: string): string {
    const target = path.resolve(this.root, key);
    if (!target.startsWith(`${this.root}${path.sep}`))
      throw new Error(`Storage key escapes the root: ${key}`);
    return target;
  }

  async stat(key: string): Promise<{ size: number } | undefined> {
    try {
      const info = await stat(this.pathOf(key));
      return info.isFile() ? { size: info.size } : undefined;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  private sign(text: string): string {
    return createHmac('sha256', this.key).update(text).digest('base64url');
  }

  private valid(text: string, signature: string | undefined, expires: number): boolean {
    if (!signature || !Number.isFinite(expires) || expires < Date.now() / 1000) return false;
    const expected = Buffer.from(this.sign(text));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}

const uploadText = (s: SignedUpload) => ['upload', s.key, s.contentType, s.maxBytes, s.expires].join('\n');
const downloadText = (s: SignedDownload) =>
  ['download', s.key, s.filename, s.contentType, s.expires].join('\n');
