import { readdirSync, readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import type { Db } from '../app/db';
import { MIGRATIONS_DIR } from '../app/migrate';

/**
 * Runs again the statements of one migration (named without its number) that follow a marker comment (a data carry-over), so a
 * test can put rows in the shape they had before the migration and check what it makes of them.
 */
export async function rerunMigrationPart(db: Db, file: string, marker: string): Promise<void> {
  const text = readFileSync(`${MIGRATIONS_DIR}/${migrationFile(file)}`, 'utf8');
  const at = text.indexOf(marker);
  if (at < 0) throw new Error(`${marker} not found in ${file}`);
  const statements = text
    .slice(at)
    .split('--> statement-breakpoint')
    .map((s) => s.trim())
    .filter((s) => s.replace(/^--.*$/gm, '').trim().length > 0);
  for (const statement of statements) await db.execute(sql.raw(statement));
}

/**
 * The migration's file by its name: its number is left out of the match (`0049_x.sql` finds
 * `0050_x.sql`), since branches built side by side are renumbered when they are merged.
 */
export function migrationFile(file: string): string {
  const name = file.replace(/^\d{4}_/, '');
  const found = readdirSync(MIGRATIONS_DIR).filter((f) => f.replace(/^\d{4}_/, '') === name);
  if (found.length !== 1) throw new Error(`migration ${name}: ${found.length} files match`);
  return found[0]!;
}

/** The full path of the migration named `file` (with or without its number). */
export const migrationPath = (file: string) => `${MIGRATIONS_DIR}/${migrationFile(file)}`;
