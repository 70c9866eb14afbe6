import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import type { Db } from '../app/db';
import { MIGRATIONS_DIR } from '../app/migrate';

/**
 * Runs again the statements of one migration that follow a marker comment (a data carry-over), so a
 * test can put rows in the shape they had before the migration and check what it makes of them.
 */
export async function rerunMigrationPart(db: Db, file: string, marker: string): Promise<void> {
  const text = readFileSync(`${MIGRATIONS_DIR}/${file}`, 'utf8');
  const at = text.indexOf(marker);
  if (at < 0) throw new Error(`${marker} not found in ${file}`);
  const statements = text
    .slice(at)
    .split('--> statement-breakpoint')
    .map((s) => s.trim())
    .filter((s) => s.replace(/^--.*$/gm, '').trim().length > 0);
  for (const statement of statements) await db.execute(sql.raw(statement));
}
