/**
 * `npm run restore <file>` — puts a backup of `npm run backup` back and checks it: the restored
 * database must hold exactly the row counts and content fingerprint of the backup's manifest, and
 * its migrations must be applied (a newer Kefu applies its own at the next start).
 *   embedded: the server must be stopped; the current data directory is kept beside it
 *             (`pg.before-restore-<time>`) and the image loaded in its place;
 *   PostgreSQL: pg_restore --clean --if-exists --single-transaction into DATABASE_URL (stop the
 *             Kefu instances first).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  databaseFingerprint,
  fingerprintDifferences,
  manifestPathOf,
  type BackupManifest,
} from '../src/server/app/backup';
import { loadConfig } from '../src/server/app/config';
import { dataDirOwner, openDatabase, openPglite } from '../src/server/app/db';
import { migrationsUpToDate } from '../src/server/app/migrate';
import { postgresTool } from './postgres-tools';

const fail = (message: string): never => {
  console.error(message);
  process.exit(1);
};
const config = loadConfig(process.env);
const file = process.argv[2]
  ? path.resolve(process.argv[2])
  : fail('用法 / usage: npm run restore <backup file>');
if (!fs.existsSync(file) || !fs.existsSync(manifestPathOf(file)))
  fail(`找不到备份或其清单 / backup or its manifest missing: ${file}, ${manifestPathOf(file)}`);
const manifest = JSON.parse(fs.readFileSync(manifestPathOf(file), 'utf8')) as BackupManifest;
if (manifest.kind !== (config.databaseUrl ? 'postgres' : 'pglite'))
  fail(
    `这是 ${manifest.kind} 的备份，当前配置的数据库不同 / this is a ${manifest.kind} backup; the configured database is not`,
  );

if (config.databaseUrl) {
  const restore = spawnSync(
    postgresTool('pg_restore'),
    [
      '--clean',
      '--if-exists',
      '--no-owner',
      '--single-transaction',
      '--exit-on-error',
      '-d',
      config.databaseUrl,
      file,
    ],
    { encoding: 'utf8' },
  );
  if (restore.status !== 0)
    fail(`pg_restore 失败，数据库未改动 / pg_restore failed, nothing changed: ${restore.stderr}`);
} else {
  const owner = dataDirOwner(config.dataDir);
  if (owner !== null)
    fail(`Kefu 正在运行（pid ${owner}），请先停止 / Kefu is running (pid ${owner}): stop it first`);
  const pgDir = path.resolve(config.dataDir, 'pg');
  if (fs.existsSync(pgDir)) {
    const kept = `${pgDir}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    fs.renameSync(pgDir, kept);
    console.log(`原数据目录保留在 / the previous data directory is kept at ${kept}`);
  }
  const loaded = await openPglite({
    dataDir: config.dataDir,
    loadDataDir: new Blob([fs.readFileSync(file)]),
    durability: config.embeddedDurability,
  });
  await loaded.close();
}

// The consistency check: the restored database opens, its migrations are recorded, and it holds
// exactly what the backup held.
const database = await openDatabase(config);
try {
  const differences = fingerprintDifferences(manifest.tables, await databaseFingerprint(database.db));
  if (differences.length > 0)
    fail(
      `恢复后的数据与备份不一致 / the restored data differs from the backup:\n  ${differences.join('\n  ')}`,
    );
  if (!(await migrationsUpToDate(database)))
    console.log(
      '备份来自较早的版本：下次启动时将执行数据库迁移 / older backup: migrations run at the next start',
    );
} finally {
  await database.close();
}
const rows = Object.values(manifest.tables).reduce((n, t) => n + t.rows, 0);
console.log(
  `恢复完成并已核对 / restored and checked: ${Object.keys(manifest.tables).length} tables, ${rows} rows as of ${manifest.takenAt}`,
);
