import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import type { Readable } from 'node:stream';
import {
  DigestingStream,
  StorageObjectMissing,
  StorageSizeMismatch,
  assertValidKey,
  sha256Of,
  type FileStorage,
  type PutOptions,
  type StoredObject,
} from './storage';

export interface S3Settings {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  forcePathStyle: boolean;
}

function isMissing(err: unknown): boolean {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === 'NoSuchKey' || e.name === 'NotFound' || e.$metadata?.httpStatusCode === 404;
}

async function collect(checked: Readable, source: Readable): Promise<Buffer> {
  // pipe() does not pass the source's failure on; a dropped upload must fail the read.
  source.once('error', (err) => checked.destroy(err));
  const chunks: Buffer[] = [];
  for await (const chunk of checked) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Objects in one bucket of an S3-compatible service. S3 publishes an object only when its PUT
 * completes, so a failed upload leaves nothing under the key.
 */
export function createS3Storage(settings: S3Settings): FileStorage {
  const client = new S3Client({
    endpoint: settings.endpoint,
    region: settings.region,
    forcePathStyle: settings.forcePathStyle,
    credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
    // Many S3-compatible services (and older MinIO) reject the SDK's newer default checksums.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const Bucket = settings.bucket;

  return {
    kind: 's3',

    async put(key: string, body: Readable | Buffer, options: PutOptions): Promise<StoredObject> {
      assertValidKey(key);
      // The whole body is checked before the first byte leaves: some S3-compatible servers publish
      // whatever arrived when an upload breaks off, and S3 needs the length up front anyway.
      // Attachments are bounded by KEFU_ATTACHMENT_MAX_MB, so holding one in memory is fine.
      const bytes = Buffer.isBuffer(body)
        ? body
        : await collect(body.pipe(new DigestingStream(options.size)), body);
      if (options.size !== undefined && bytes.length !== options.size)
        throw new StorageSizeMismatch(options.size, bytes.length);
      await client.send(
        new PutObjectCommand({
          Bucket,
          Key: key,
          Body: bytes,
          ContentLength: bytes.length,
          ContentType: options.contentType,
        }),
      );
      return { key, size: bytes.length, sha256: sha256Of(bytes) };
    },

    async get(key: string): Promise<Readable> {
      assertValidKey(key);
      try {
        const res = await client.send(new GetObjectCommand({ Bucket, Key: key }));
        if (!res.Body) throw new StorageObjectMissing(key);
        return res.Body as Readable;
      } catch (err) {
        if (isMissing(err)) throw new StorageObjectMissing(key);
        throw err;
      }
    },

    async delete(key: string): Promise<void> {
      assertValidKey(key);
      await client.send(new DeleteObjectCommand({ Bucket, Key: key }));
    },

    async exists(key: string): Promise<boolean> {
      assertValidKey(key);
      try {
        await client.send(new HeadObjectCommand({ Bucket, Key: key }));
        return true;
      } catch (err) {
        if (isMissing(err)) return false;
        throw err;
      }
    },

    async close(): Promise<void> {
      client.destroy();
    },
  };
}
