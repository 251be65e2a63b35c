import type * as ClientS3 from '@aws-sdk/client-s3';
import type { S3Client } from '@aws-sdk/client-s3';
import type { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import type { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { StorageConfig } from '../config/config.ts';
import { contentDisposition } from './local-disk-storage.ts';
import type { DownloadRequest, ObjectStorage, UploadForm, UploadRequest } from './object-storage.ts';

type S3Config = Extract<StorageConfig, { kind: 's3' }>;

interface Sdk {
  client: S3Client;
  s3: typeof ClientS3;
  createPresignedPost: typeof createPresignedPost;
  getSignedUrl: typeof getSignedUrl;
}

/**
 * Files in an S3-compatible bucket: presigned POST policies for uploads (that key, that type, at most the size
 * limit), presigned GETs for downloads. The AWS SDK loads on first use, so servers on local disk never pay for it.
 */
export class S3Storage implements ObjectStorage {
  readonly kind = 's3' as const;
  private readonly config: S3Config;
  private sdk: Promise<Sdk> | undefined;

  constructor(config: S3Config) {
    this.config = config;
  }

  async presignUpload(request: UploadRequest): Promise<UploadForm> {
    const { client, createPresignedPost } = await this.load();
    return createPresignedPost(client, {
      Bucket: this.config.bucket,
      Key: request.key,
      Fields: { 'Content-Type': request.contentType },
      Conditions: [
        ['content-length-range', 0, request.maxBytes],
        ['eq', '$Content-Type', request.contentType],
      ],
      Expires: request.expiresInSeconds,
    });
  }

  async presignDownload(request: DownloadRequest): Promise<string> {
    const { client, s3, getSignedUrl } = await this.load();
    const command = new s3.GetObjectCommand({
      Bucket: this.config.bucket,
      Key: request.key,
      ResponseContentDisposition: contentDisposition(request.filename),
    });
    return getSignedUrl(client, command, { expiresIn: request.expiresInSeconds });
  }

  async stat(key: string): Promise<{ size: number } | undefined> {
    const { client, s3 } = await this.load();
    try {
      const head = await client.send(new s3.HeadObjectCommand({ Bucket: this.config.bucket, Key: key }));
      return { size: head.ContentLength ?? 0 };
    } catch (error) {
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (status === 404) return undefined;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    const { client, s3 } = await this.load();
    await client.send(new s3.DeleteObjectCommand({ Bucket: this.config.bucket, Key: key }));
  }

  private load(): Promise<Sdk> {
    this.sdk ??= (async () => {
      const [s3, post, presigner] = await Promise.all([
        import('@aws-sdk/client-s3'),
        import('@aws-sdk/s3-presigned-post'),
        import('@aws-sdk/s3-request-presigner'),
      ]);
      const { config } = this;
      const client = new s3.S3Client({
        region: config.region,
        ...(config.endpoint ? { endpoint: config.endpoint } : {}),
        ...(config.credentials ? { credentials: config.credentials } : {}),
        forcePathStyle: config.forcePathStyle,
      });
      return {
        client,
        s3,
        createPresignedPost: post.createPresignedPost,
        getSignedUrl: presigner.getSignedUrl,
      };
    })();
    return this.sdk;
  }
}
