import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  DigestingStream,
  StorageObjectMissing,
  asStream,
  assertValidKey,
  type FileStorage,
  type PutOptions,
  type StoredObject,
} from './storage';

/** Temporary files older than this are leftovers of a crash, not uploads in progress. */
const STALE_TEMP_MS = 60 * 60 * 1000;

/**
 * Files under `root`: `<root>/<h0h1>/<h2h3>/<key>` where h is the SHA-256 of the key, so no
 * directory grows past a few thousand entries. A file is written under `<root>/.tmp` and renamed
 * into place only when complete and flushed, so a crash leaves at most a temporary file, never a
 * half object under its key.
 */
export function createDirectoryStorage(root: string): FileStorage {
  const tempDir = path.join(root, '.tmp');
  let ready: Promise<void> | null = null;

  const pathOf = (key: string) => {
    assertValidKey(key);
    const h = createHash('sha256').update(key).digest('hex');
    return path.join(root, h.slice(0, 2), h.slice(2, 4), ...key.split('/'));
  };

  const prepare = () =>
    (ready ??= (async () => {
      await fs.promises.mkdir(tempDir, { recursive: true });
      await sweepStaleTemporaryFiles(tempDir);
    })().catch((err: unknown) => {
      ready = null;
      throw err;
    }));

  return {
    kind: 'directory',

    async put(key: string, body: Readable | Buffer, options: PutOptions): Promise<StoredObject> {
      const target = pathOf(key);
      await prepare();
      const temp = path.join(tempDir, `${randomUUID()}.part`);
      const digest = new DigestingStream(options.size);
      // `flush` syncs the file to disk before it is closed, so the rename publishes complete bytes.
      const file = fs.createWriteStream(temp, { flags: 'wx', mode: 0o640, flush: true });
      try {
        await pipeline(asStream(body), digest, file);
        await fs.promises.mkdir(path.dirname(target), { recursive: true });
        await fs.promises.rename(temp, target);
      } catch (err) {
        // A failed pipeline can reject before the file's open has even completed; removing the
        // temp file before the stream has closed would let the late open leave an empty file behind.
        // (A plain listener: events.once would reject on the stream's own 'error' before 'close'.)
        if (!file.closed) await new Promise<void>((resolve) => file.once('close', () => resolve()));
        await fs.promises.rm(temp, { force: true });
        throw err;
      }
      return { key, size: digest.bytes, sha256: digest.digest() };
    },

    async get(key: string): Promise<Readable> {
      const file = pathOf(key);
      try {
        const handle = await fs.promises.open(file, 'r');
        return handle.createReadStream();
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new StorageObjectMissing(key);
        throw err;
      }
    },

    async delete(key: string): Promise<void> {
      await fs.promises.rm(pathOf(key), { force: true });
    },

    async exists(key: string): Promise<boolean> {
      try {
        return (await fs.promises.stat(pathOf(key))).isFile();
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
        throw err;
      }
    },

    async close(): Promise<void> {},
  };
}

async function sweepStaleTemporaryFiles(tempDir: string): Promise<void> {
  const now = Date.now();
  for (const name of await fs.promises.readdir(tempDir)) {
    const file = path.join(tempDir, name);
    const stat = await fs.promises.stat(file).catch(() => null);
    if (stat && now - stat.mtimeMs > STALE_TEMP_MS) await fs.promises.rm(file, { force: true });
  }
}
