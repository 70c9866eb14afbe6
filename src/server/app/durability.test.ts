import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, inject, it, vi } from 'vitest';
import { openPglite, rowsOf, type Database } from './db';

/**
 * Issue 13, defect 3: the embedded database is the default system of record, so a commit must be
 * on disk when it is acknowledged. PostgreSQL's own settings say fsync is on, and the file system
 * under it really calls the disk's fsync at each commit (PGlite's answered without doing it).
 */
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

async function open(durability?: 'full' | 'unsafe_no_fsync'): Promise<Database> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-durable-'));
  dirs.push(dir);
  // Started from the run's migrated template rather than an empty directory: initdb is slow.
  const loadDataDir = new Blob([fs.readFileSync(inject('kefuTestTemplates').pgliteDump)]);
  return openPglite({ dataDir: dir, loadDataDir, ...(durability ? { durability } : {}) });
}

const setting = async (database: Database, name: string) =>
  rowsOf<Record<string, string>>(await database.db.execute(sql.raw(`show ${name}`)))[0]![name];

describe.skipIf(process.env.KEFU_TEST_DB === 'postgres')('embedded database durability', () => {
  it('runs with fsync on by default, and each commit reaches the disk through fsync', async () => {
    const database = await open();
    try {
      expect(await setting(database, 'fsync')).toBe('on');
      expect(await setting(database, 'wal_sync_method')).toBe('fsync');
      await database.exec('create table durable_probe (id int primary key)');
      const fsync = vi.spyOn(fs, 'fsyncSync');
      for (let i = 0; i < 5; i++) await database.exec(`insert into durable_probe values (${i})`);
      // One WAL flush per commit, each a real fsync of the WAL file.
      expect(fsync.mock.calls.length).toBeGreaterThanOrEqual(5);
      fsync.mockRestore();
    } finally {
      await database.close();
    }
  });

  it('KEFU_EMBEDDED_DURABILITY=unsafe_no_fsync is the named way to turn it off', async () => {
    const database = await open('unsafe_no_fsync');
    try {
      expect(await setting(database, 'fsync')).toBe('off');
    } finally {
      await database.close();
    }
  });
});
