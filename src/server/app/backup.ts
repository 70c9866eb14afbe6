/**
 * Backups (`npm run backup` / `npm run restore`, README "Backup and restore"). A backup is a file
 * plus a manifest beside it (`<file>.json`) holding each table's row count and a content
 * fingerprint of the state the file holds; a restore is checked against that manifest.
 *
 * Embedded database: PGlite's own dump of its data directory, taken inside the database's lock so
 * no statement writes meanwhile — a crash-consistent image that PostgreSQL recovers on first
 * start. A running server takes it on request (SIGUSR2, see main.ts); the file is only renamed to
 * its final name once the image has been loaded again in memory and fingerprinted.
 */
import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import { openPglite, rowsOf, type Database, type Db } from './db';

export interface TableState {
  rows: number;
  /** md5 over the md5 of every row's text, in order: equal exactly when the contents are equal. */
  hash: string;
}

export interface BackupManifest {
  kind: 'pglite' | 'postgres';
  takenAt: string;
  tables: Record<string, TableState>;
}

/** Row count and content hash of every table of the public schema. */
export async function databaseFingerprint(db: Db): Promise<Record<string, TableState>> {
  const tables = rowsOf<{ name: string }>(
    await db.execute(
      sql`select tablename as name from pg_tables where schemaname = 'public' order by tablename`,
    ),
  );
  const result: Record<string, TableState> = {};
  for (const { name } of tables) {
    const [row] = rowsOf<{ rows: number; hash: string }>(
      await db.execute(
        sql.raw(`select count(*)::int as rows,
          coalesce(md5(string_agg(md5(t::text), '' order by md5(t::text))), '') as hash
          from public."${name.replace(/"/g, '""')}" t`),
      ),
    );
    result[name] = row!;
  }
  return result;
}

/** Differences between two fingerprints, by table (empty: the same state). */
export function fingerprintDifferences(
  a: Record<string, TableState>,
  b: Record<string, TableState>,
): string[] {
  const names = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return names
    .filter((n) => a[n]?.rows !== b[n]?.rows || a[n]?.hash !== b[n]?.hash)
    .map((n) => `${n}: ${a[n]?.rows ?? 'missing'} rows vs ${b[n]?.rows ?? 'missing'} rows`);
}

export const manifestPathOf = (file: string) => `${file}.json`;

/** Writes the embedded database's image to `file` (a tar) with its manifest; returns the manifest. */
export async function backupEmbedded(database: Database, file: string): Promise<BackupManifest> {
  if (!database.dumpDataDir) throw new Error('not an embedded database');
  const image = Buffer.from(await (await database.dumpDataDir()).arrayBuffer());
  // The image is proven by loading it: a backup that cannot be opened is no backup.
  const check = await openPglite({ loadDataDir: new Blob([image]) });
  let tables: Record<string, TableState>;
  try {
    tables = await databaseFingerprint(check.db);
  } finally {
    await check.close();
  }
  const manifest: BackupManifest = { kind: 'pglite', takenAt: new Date().toISOString(), tables };
  fs.writeFileSync(`${file}.partial`, image);
  fs.writeFileSync(manifestPathOf(file), JSON.stringify(manifest, null, 2));
  fs.renameSync(`${file}.partial`, file);
  return manifest;
}

/** Where a running embedded server is asked for a backup (written by `npm run backup`, read on SIGUSR2). */
export const backupRequestPathOf = (dataDir: string) => `${dataDir}/backup-request.json`;

/** Serves one backup request of `npm run backup` in the running server; failures go to `<file>.error`. */
export async function serveBackupRequest(database: Database, dataDir: string): Promise<void> {
  const request = JSON.parse(fs.readFileSync(backupRequestPathOf(dataDir), 'utf8')) as { file: string };
  fs.rmSync(backupRequestPathOf(dataDir), { force: true });
  try {
    await backupEmbedded(database, request.file);
  } catch (err) {
    fs.writeFileSync(`${request.file}.error`, err instanceof Error ? err.message : String(err));
  }
}
