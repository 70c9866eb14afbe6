import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { createStorage } from './create-storage';
import { createDirectoryStorage } from './directory-storage';
import { startLocalS3Server, type LocalS3Server } from './local-s3-server';
import { StorageObjectMissing, StorageSizeMismatch, type FileStorage } from './storage';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** A body that sends some bytes and then fails, as a dropped upload connection does. */
function brokenStream(): Readable {
  return new Readable({
    read() {
      this.push(Buffer.alloc(64 * 1024, 1));
      this.destroy(new Error('connection reset'));
    },
  });
}

interface Subject {
  storage: FileStorage;
  /** Every object the backend holds, by key, whatever the storage itself reports. */
  storedKeys(): string[];
  close(): Promise<void>;
}

const backends: Record<string, () => Promise<Subject>> = {
  directory: async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-files-'));
    const storage = await createStorage(loadConfig({ KEFU_DATA_DIR: dataDir }));
    const root = path.join(dataDir, 'files');
    return {
      storage,
      storedKeys: () =>
        fs.existsSync(root)
          ? (fs.readdirSync(root, { recursive: true }) as string[]).filter((f) =>
              fs.statSync(path.join(root, f)).isFile(),
            )
          : [],
      close: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
    };
  },
  s3: async () => {
    const server: LocalS3Server = await startLocalS3Server();
    const storage = await createStorage(loadConfig(server.env));
    return {
      storage,
      storedKeys: () => server.objectKeys(),
      close: async () => {
        await storage.close();
        await server.close();
      },
    };
  },
};

describe.each(Object.keys(backends))('file storage contract: %s', (backend) => {
  let subject: Subject;
  let storage: FileStorage;
  beforeAll(async () => {
    subject = await backends[backend]!();
    storage = subject.storage;
  });
  afterAll(() => subject.close());

  it('is the configured kind', () => {
    expect(storage.kind).toBe(backend);
  });

  it('stores a buffer and gives the same bytes back, with their size and SHA-256', async () => {
    const body = Buffer.from('客服附件 attachment bytes');
    const stored = await storage.put('attachments/one', body, {
      contentType: 'text/plain',
      size: body.length,
    });
    expect(stored).toEqual({ key: 'attachments/one', size: body.length, sha256: sha256(body) });
    expect(await storage.exists('attachments/one')).toBe(true);
    expect(await readAll(await storage.get('attachments/one'))).toEqual(body);
  });

  it('stores a stream of known and of unknown length', async () => {
    const body = Buffer.alloc(300 * 1024);
    for (let i = 0; i < body.length; i++) body[i] = (i * 7) % 251;
    const chunks = () =>
      Readable.from([body.subarray(0, 1000), body.subarray(1000, 200_000), body.subarray(200_000)]);
    const known = await storage.put('attachments/known', chunks(), {
      contentType: 'application/octet-stream',
      size: body.length,
    });
    const unknown = await storage.put('attachments/unknown', chunks(), {
      contentType: 'application/octet-stream',
    });
    for (const stored of [known, unknown]) {
      expect(stored.size).toBe(body.length);
      expect(stored.sha256).toBe(sha256(body));
      expect(await readAll(await storage.get(stored.key))).toEqual(body);
    }
  });

  it('keeps nothing when the body is not the announced size', async () => {
    const before = subject.storedKeys().length;
    await expect(
      storage.put('attachments/short', Buffer.from('abc'), { contentType: 'text/plain', size: 10 }),
    ).rejects.toBeInstanceOf(StorageSizeMismatch);
    await expect(
      storage.put('attachments/short-stream', Readable.from([Buffer.from('abc')]), {
        contentType: 'text/plain',
        size: 10,
      }),
    ).rejects.toThrow();
    expect(await storage.exists('attachments/short')).toBe(false);
    expect(await storage.exists('attachments/short-stream')).toBe(false);
    expect(subject.storedKeys()).toHaveLength(before);
  });

  it('keeps nothing when the upload breaks off half-way', async () => {
    const before = subject.storedKeys().length;
    await expect(
      storage.put('attachments/broken', brokenStream(), { contentType: 'image/png', size: 1024 * 1024 }),
    ).rejects.toThrow();
    expect(await storage.exists('attachments/broken')).toBe(false);
    expect(subject.storedKeys()).toHaveLength(before);
  });

  it('reports a missing object plainly, and deleting one twice is not an error', async () => {
    await expect(storage.get('attachments/never')).rejects.toBeInstanceOf(StorageObjectMissing);
    expect(await storage.exists('attachments/never')).toBe(false);
    await storage.put('attachments/gone', Buffer.from('x'), { contentType: 'text/plain' });
    await storage.delete('attachments/gone');
    await storage.delete('attachments/gone');
    expect(await storage.exists('attachments/gone')).toBe(false);
    await expect(storage.get('attachments/gone')).rejects.toBeInstanceOf(StorageObjectMissing);
  });

  it('refuses keys that could leave the storage area', async () => {
    for (const key of ['../etc/passwd', 'a/../../b', '/abs', 'a//b', '', 'a/./b', 'with space']) {
      await expect(storage.put(key, Buffer.from('x'), { contentType: 'text/plain' })).rejects.toThrow(
        /invalid storage key/,
      );
    }
  });
});

describe('data-directory storage', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-files-'));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('spreads files over hash-prefix directories and leaves no temporary file behind', async () => {
    const storage = createDirectoryStorage(root);
    await storage.put('attachments/a', Buffer.from('a'), { contentType: 'text/plain' });
    await expect(
      storage.put('attachments/b', brokenStream(), { contentType: 'text/plain' }),
    ).rejects.toThrow();
    const files = (fs.readdirSync(root, { recursive: true }) as string[]).filter((f) =>
      fs.statSync(path.join(root, f)).isFile(),
    );
    expect(files).toHaveLength(1);
    expect(files[0]!.split(path.sep)).toEqual([
      expect.stringMatching(/^[0-9a-f]{2}$/),
      expect.stringMatching(/^[0-9a-f]{2}$/),
      'attachments',
      'a',
    ]);
    expect(fs.readdirSync(path.join(root, '.tmp'))).toEqual([]);
  });

  it('sweeps temporary files a crash left behind when it starts', async () => {
    fs.mkdirSync(path.join(root, '.tmp'), { recursive: true });
    const leftover = path.join(root, '.tmp', 'crashed.part');
    const fresh = path.join(root, '.tmp', 'in-progress.part');
    fs.writeFileSync(leftover, 'half');
    fs.writeFileSync(fresh, 'half');
    const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
    fs.utimesSync(leftover, twoHoursAgo, twoHoursAgo);
    await createDirectoryStorage(root).put('attachments/c', Buffer.from('c'), { contentType: 'text/plain' });
    expect(fs.existsSync(leftover)).toBe(false);
    expect(fs.existsSync(fresh)).toBe(true);
  });
});
