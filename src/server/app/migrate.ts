import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { rowsOf, type Database } from './db';
import { MIGRATIONS_DIR } from './paths';

export { MIGRATIONS_DIR };

interface JournalEntry {
  idx: number;
  tag: string;
}

/** The committed migrations in the order drizzle-kit's journal gives. */
export function listMigrations(dir = MIGRATIONS_DIR): { tag: string; sql: string }[] {
  const journal = JSON.parse(fs.readFileSync(path.join(dir, 'meta/_journal.json'), 'utf8')) as {
    entries: JournalEntry[];
  };
  return [...journal.entries]
    .sort((a, b) => a.idx - b.idx)
    .map((e) => ({ tag: e.tag, sql: fs.readFileSync(path.join(dir, `${e.tag}.sql`), 'utf8') }));
}

/**
 * Applies every migration not yet recorded, each in its own transaction with its bookkeeping row.
 * On PostgreSQL an advisory lock makes several app instances starting together take turns.
 */
export async function migrate(database: Database): Promise<{ applied: string[] }> {
  const { db } = database;
  await db.execute(sql`create table if not exists kefu_migrations (
    tag text primary key,
    applied_at timestamptz not null default now()
  )`);
  // One read first: on a later start every migration is done and nothing else is needed (64
  // transactions, one per migration, took 0.7 s on the embedded database). Those not yet recorded
  // are checked again under the lock, since another instance may be applying them right now.
  const recorded = new Set(
    rowsOf<{ tag: string }>(await db.execute(sql`select tag from kefu_migrations`)).map((r) => r.tag),
  );
  const applied: string[] = [];
  for (const migration of listMigrations().filter((m) => !recorded.has(m.tag))) {
    await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(727274)`);
      const done = await tx.execute(sql`select 1 from kefu_migrations where tag = ${migration.tag}`);
      if (rowsOf(done).length > 0) return;
      for (const statement of migration.sql.split('--> statement-breakpoint')) {
        if (statement.trim()) await tx.execute(sql.raw(statement));
      }
      await tx.execute(sql`insert into kefu_migrations (tag) values (${migration.tag})`);
      applied.push(migration.tag);
    });
  }
  return { applied };
}

/** A digest of each migration's text: a template database is used only if it was made from the same ones. */
export function migrationDigests(dir = MIGRATIONS_DIR): { tag: string; sha256: string }[] {
  return listMigrations(dir).map((m) => ({
    tag: m.tag,
    sha256: createHash('sha256').update(m.sql).digest('hex'),
  }));
}

/** For /readyz: true when every committed migration is recorded as applied. */
export async function migrationsUpToDate(database: Database): Promise<boolean> {
  const rows = rowsOf<{ tag: string }>(await database.db.execute(sql`select tag from kefu_migrations`));
  const done = new Set(rows.map((r) => r.tag));
  return listMigrations().every((m) => done.has(m.tag));
}

/**
 * What data migrations reported about the rows they changed (an audit row with subject type
 * 'migration' and the migration's tag), so start-up can say it in the log.
 */
export async function migrationReports(
  database: Database,
  tags: readonly string[],
): Promise<{ tag: string; action: string; report: unknown }[]> {
  if (tags.length === 0) return [];
  const rows = rowsOf<{ tag: string; action: string; report: unknown }>(
    await database.db.execute(sql`select subject_id as tag, action, after as report from audit_log
      where subject_type = 'migration' and subject_id in (${sql.join(
        tags.map((t) => sql`${t}`),
        sql`, `,
      )}) order by id`),
  );
  return rows;
}
