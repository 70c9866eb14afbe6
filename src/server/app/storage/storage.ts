import { createHash } from 'node:crypto';
import { Readable, Transform, type TransformCallback } from 'node:stream';

export interface PutOptions {
  contentType: string;
  /** Bytes expected; when given, a body of another length is refused and nothing is kept. */
  size?: number;
}

export interface StoredObject {
  key: string;
  size: number;
  /** Hex SHA-256 of the bytes actually stored. */
  sha256: string;
}

/**
 * Where uploaded files live: the data directory on a single machine, S3-compatible object storage
 * when several instances serve the same installation. An object is either stored whole or not at all.
 */
export interface FileStorage {
  readonly kind: 'directory' | 's3';
  put(key: string, body: Readable | Buffer, options: PutOptions): Promise<StoredObject>;
  /** The object's bytes; throws StorageObjectMissing when there is no such object. */
  get(key: string): Promise<Readable>;
  /** Removes the object; removing one that is not there is not an error. */
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
  /** Releases connections; the storage is not used afterwards. */
  close(): Promise<void>;
}

export class StorageObjectMissing extends Error {
  constructor(readonly key: string) {
    super(`no stored object ${key}`);
  }
}

export class StorageSizeMismatch extends Error {
  constructor(
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`stored body has ${actual} bytes, ${expected} were announced`);
  }
}

const KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;

/** Keys are chosen by Kefu, never by a client; this refuses anything that could climb out of a directory. */
export function assertValidKey(key: string): void {
  if (
    key.length > 512 ||
    !KEY_PATTERN.test(key) ||
    key.split('/').some((part) => part === '..' || part === '.')
  ) {
    throw new Error(`invalid storage key ${JSON.stringify(key)}`);
  }
}

/**
 * Counts and hashes bytes as they pass, so both storages report the same size and digest. With an
 * expected size, a body longer or shorter than announced fails the stream instead of being stored.
 */
export class DigestingStream extends Transform {
  private readonly hash = createHash('sha256');
  bytes = 0;

  constructor(private readonly expectedSize?: number) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    if (this.expectedSize !== undefined && this.bytes > this.expectedSize)
      done(new StorageSizeMismatch(this.expectedSize, this.bytes));
    else done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    if (this.expectedSize !== undefined && this.bytes !== this.expectedSize)
      done(new StorageSizeMismatch(this.expectedSize, this.bytes));
    else done();
  }

  digest(): string {
    return this.hash.digest('hex');
  }
}

export function sha256Of(body: Buffer): string {
  return createHash('sha256').update(body).digest('hex');
}

export function asStream(body: Readable | Buffer): Readable {
  return Buffer.isBuffer(body) ? Readable.from([body]) : body;
}
