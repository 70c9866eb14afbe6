import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { databaseFingerprint, manifestPathOf, type BackupManifest } from '../src/server/app/backup';
import { openPglite, openPostgres, type Database } from '../src/server/app/db';
import {
  killServerProcesses,
  loginProcess,
  startServerProcess,
  waitReady,
  type ProcessClient,
} from '../src/server/test/process-server';
import {
  dropTestDatabase,
  testDatabaseUrl,
  testingOnPostgres,
  withDatabase,
} from '../src/server/test/test-database-paths';

/**
 * Issue 13, item 6: `npm run backup` while the server runs, more writes, `npm run restore` —
 * the database holds exactly the backed-up state (every table's row count and content hash), and
 * the restored database starts. On the database of the project (embedded, or PostgreSQL).
 */
const root = path.resolve(import.meta.dirname, '..');
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  killServerProcesses();
  for (const clean of cleanups) await clean();
});

function runScript(script: string, args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: root,
    env: { ...process.env, KEFU_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  return new Promise<{ code: number | null; out: string }>((resolve) =>
    child.on('exit', (code) => resolve({ code, out })),
  );
}

async function addRegions(client: ProcessClient, names: string[]) {
  const units = (await (await client.request('GET', '/api/v1/units')).json()) as { items: { id: string }[] };
  for (const name of names) {
    const res = await client.request('POST', '/api/v1/units', {
      parentId: units.items[0]!.id,
      kind: 'region',
      name,
    });
    expect(res.status).toBe(201);
  }
}

describe('backup and restore', { timeout: 300_000 }, () => {
  it('npm run backup while running, more writes, npm run restore: exactly the backed-up state, and it starts', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-backup-'));
    cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
    const env: Record<string, string> = { KEFU_DATA_DIR: dir };
    if (testingOnPostgres()) {
      const url = testDatabaseUrl()!;
      const name = `kefu_backup_${randomBytes(5).toString('hex')}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`create database ${name}`);
      await admin.end();
      cleanups.push(() => dropTestDatabase(url, name));
      env.DATABASE_URL = withDatabase(url, name);
    }
    const open = (): Promise<Database> =>
      env.DATABASE_URL ? openPostgres({ url: env.DATABASE_URL, poolSize: 1 }) : openPglite({ dataDir: dir });
    const server = startServerProcess(env);
    await waitReady(server);
    const client = await loginProcess(server.base);
    await addRegions(client, ['备份前区域一', '备份前区域二']);

    const file = path.join(dir, 'backups', 'kefu.backup');
    const backup = await runScript('scripts/backup.ts', [file], env);
    expect(backup.code, backup.out).toBe(0);
    const manifest = JSON.parse(fs.readFileSync(manifestPathOf(file), 'utf8')) as BackupManifest;
    expect(manifest.tables.organisation_units!.rows).toBeGreaterThanOrEqual(3);

    await addRegions(client, ['备份后区域']);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    let database = await open();
    const afterMore = await databaseFingerprint(database.db);
    await database.close();
    expect(afterMore.organisation_units!.rows).toBe(manifest.tables.organisation_units!.rows + 1);

    const restore = await runScript('scripts/restore.ts', [file], env);
    expect(restore.code, restore.out).toBe(0);
    expect(restore.out).toContain('restored and checked');
    database = await open();
    try {
      expect(await databaseFingerprint(database.db)).toEqual(manifest.tables);
    } finally {
      await database.close();
    }

    const again = startServerProcess(env);
    await waitReady(again);
    const names = (
      (await (await (await loginProcess(again.base)).request('GET', '/api/v1/units')).json()) as {
        items: { name: string }[];
      }
    ).items.map((u) => u.name);
    expect(names).toEqual(expect.arrayContaining(['备份前区域一', '备份前区域二']));
    expect(names).not.toContain('备份后区域');
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
  });
});
