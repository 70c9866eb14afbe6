import fs from 'node:fs';
import path from 'node:path';

/**
 * A PostgreSQL client tool (pg_dump, pg_restore): from KEFU_PG_BIN when set, else the newest
 * /usr/lib/postgresql/<major>/bin that has it, else the PATH.
 */
export function postgresTool(name: 'pg_dump' | 'pg_restore'): string {
  if (process.env.KEFU_PG_BIN) return path.join(process.env.KEFU_PG_BIN, name);
  const base = '/usr/lib/postgresql';
  const majors = fs.existsSync(base)
    ? fs
        .readdirSync(base)
        .filter((d) => /^\d+$/.test(d))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  for (const major of majors) {
    const tool = path.join(base, major, 'bin', name);
    if (fs.existsSync(tool)) return tool;
  }
  return name;
}
