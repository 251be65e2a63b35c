import type { StorageConfig } from '../config/config.ts';
import { LocalDiskStorage } from './local-disk-storage.ts';
import { S3Storage } from './s3-storage.ts';

/** How a client sends a file: a multipart form POST to `url` with `fields` first and the file last (S3's POST). */
export interface UploadForm {
  url: string;
  fields: Record<string, string>;
}

export interface UploadRequest {
  key: string;
  contentType: string;
  /** The most bytes the upload may carry. */
  maxBytes: number;
  expiresInSeconds: number;
  /** This server's own URL for direct uploads (used by local disk storage only). */
  localUrl: string;
}

export interface DownloadRequest {
  key: string;
  filename: string;
  contentType: string;
  expiresInSeconds: number;
  /** This server's own URL for signed downloads (used by local disk storage only). */
  localUrl: string;
}

/**
 * Where uploaded files live. Clients move the bytes themselves, by presigned URLs: the server hands out an
 * upload form and download links, and checks afterwards what arrived.
 */
export interface ObjectStorage {
  readonly kind: 'local' | 's3';
  presignUpload(request: UploadRequest): Promise<UploadForm>;
  presignDownload(request: DownloadRequest): Promise<string>;
  /** The stored object's size, or undefined when nothing was uploaded under that key. */
  stat(key: string): Promise<{ size: number } | undefined>;
  delete(key: string): Promise<void>;
}

/** `signingKey` signs local upload and download links (HMAC-SHA256); S3 signs its own. */
export function createObjectStorage(config: StorageConfig, signingKey: Buffer): ObjectStorage {
  return config.kind === 's3' ? new S3Storage(config) : new LocalDiskStorage(config.dir, signingKey);
}
