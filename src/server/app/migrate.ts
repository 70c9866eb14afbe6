import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { rowsOf, type Database } from './db';

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../migrations');

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
  const applied: string[] = [];
  for (const migration of listMigrations()) {
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
