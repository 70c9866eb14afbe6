/**
 * `npm run backup [file]` — a consistent backup of Kefu's database with a manifest beside it
 * (`<file>.json`: row counts and a content fingerprint per table). See README "Backup and restore".
 *   embedded: asks the running server for an image of its data directory (SIGUSR2), or opens the
 *             directory itself when no server holds it;
 *   PostgreSQL: pg_dump (custom format) of a snapshot exported from a repeatable-read transaction,
 *             fingerprinted in that same snapshot, then checked with pg_restore --list.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import {
  backupEmbedded,
  backupRequestPathOf,
  databaseFingerprint,
  manifestPathOf,
  type BackupManifest,
} from '../src/server/app/backup';
import { loadConfig } from '../src/server/app/config';
import { dataDirOwner, openPglite } from '../src/server/app/db';
import { drizzle } from 'drizzle-orm/node-postgres';
import type { Db } from '../src/server/app/db';
import { postgresTool } from './postgres-tools';

const config = loadConfig(process.env);
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const file = path.resolve(
  process.argv[2] ?? `backups/kefu-${stamp}.${config.databaseUrl ? 'pgdump' : 'tar'}`,
);
fs.mkdirSync(path.dirname(file), { recursive: true });
const fail = (message: string): never => {
  console.error(message);
  process.exit(1);
};

async function embedded(): Promise<BackupManifest> {
  const owner = dataDirOwner(config.dataDir);
  if (owner === null) {
    const database = await openPglite({ dataDir: config.dataDir, durability: config.embeddedDurability });
    try {
      return await backupEmbedded(database, file);
    } finally {
      await database.close();
    }
  }
  // Only the running server may open its data directory: it writes the image itself.
  fs.writeFileSync(backupRequestPathOf(config.dataDir), JSON.stringify({ file }));
  process.kill(owner, 'SIGUSR2');
  const until = Date.now() + 10 * 60_000;
  while (Date.now() < until) {
    if (fs.existsSync(`${file}.error`))
      fail(`备份失败 / backup failed: ${fs.readFileSync(`${file}.error`, 'utf8')}`);
    if (fs.existsSync(file))
      return JSON.parse(fs.readFileSync(manifestPathOf(file), 'utf8')) as BackupManifest;
    await new Promise((r) => setTimeout(r, 200));
  }
  return fail(
    `运行中的 Kefu（pid ${owner}）没有写出备份 / the running server (pid ${owner}) wrote no backup`,
  );
}

async function postgres(url: string): Promise<BackupManifest> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('begin isolation level repeatable read read only');
    const { rows } = await client.query<{ id: string }>('select pg_export_snapshot() as id');
    // The fingerprint and the dump read the same snapshot: the manifest describes exactly the file.
    const tables = await databaseFingerprint(drizzle(client) as unknown as Db);
    const dump = spawnSync(
      postgresTool('pg_dump'),
      ['-Fc', `--snapshot=${rows[0]!.id}`, '-f', `${file}.partial`, url],
      {
        encoding: 'utf8',
      },
    );
    if (dump.status !== 0) fail(`pg_dump 失败 / pg_dump failed: ${dump.stderr}`);
    execFileSync(postgresTool('pg_restore'), ['--list', `${file}.partial`], { stdio: 'ignore' });
    await client.query('commit');
    const manifest: BackupManifest = { kind: 'postgres', takenAt: new Date().toISOString(), tables };
    fs.writeFileSync(manifestPathOf(file), JSON.stringify(manifest, null, 2));
    fs.renameSync(`${file}.partial`, file);
    return manifest;
  } finally {
    await client.end();
  }
}

const manifest = config.databaseUrl ? await postgres(config.databaseUrl) : await embedded();
const rows = Object.values(manifest.tables).reduce((n, t) => n + t.rows, 0);
console.log(
  `备份完成 / backup written: ${file}\n  ${Object.keys(manifest.tables).length} tables, ${rows} rows; manifest ${manifestPathOf(file)}`,
);
