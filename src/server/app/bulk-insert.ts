import { getTableColumns, getTableName } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';

/**
 * Writing many rows in one statement, for the hot write paths (intake under load).
 *
 * These statements are written out as text with numbered parameters (`StatementParams`) rather than
 * through the query builder: measured under load, building a batch statement chunk by chunk cost the
 * server more than the database's work on it. The text is the same for every batch of the same
 * shape, so the database may keep it prepared (see `executePrepared`).
 */

/** The parameters of a statement being written, numbered as they are added: `$1`, `$2`, … */
export class StatementParams {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * `insert … select * from unnest($1::uuid[], $2::text[], …)`: each column travels as one array
 * parameter, so the statement has the same text and the same few parameters for one row or sixty-four
 * (or none). A column that some rows leave out is written as NULL, so it must be one without a
 * default; a column that every row leaves out gets its default. Array-typed columns cannot travel
 * this way (unnest would flatten them) and are refused.
 */
export function insertRows<T extends PgTable>(
  table: T,
  values: readonly T['$inferInsert'][],
  params: StatementParams,
): string {
  const columns = getTableColumns(table) as Record<string, PgColumn>;
  const rows = values as readonly Record<string, unknown>[];
  // No rows: the columns without defaults, each an empty array — a statement that inserts nothing.
  const keys = Object.keys(columns).filter((key) =>
    rows.length === 0 ? !columns[key]!.hasDefault : rows.some((row) => row[key] !== undefined),
  );
  const arrays = keys.map((key) => {
    const column = columns[key]!;
    if (column.columnType === 'PgArray') throw new Error(`insertRows: ${column.name} is an array column`);
    const values = rows.map((row) => {
      const value = row[key];
      if (value === undefined && column.hasDefault)
        throw new Error(`insertRows: ${column.name} is missing from some rows and has a default`);
      return value === undefined || value === null ? null : column.mapToDriverValue(value);
    });
    return `${params.add(values)}::${column.getSQLType()}[]`;
  });
  const names = keys.map((key) => `"${columns[key]!.name}"`).join(', ');
  return `insert into "${getTableName(table)}" (${names}) select * from unnest(${arrays.join(', ')})`;
}

/** `returning` the table's own columns (not columns added by migrations, such as a search vector). */
export function returningColumns(table: PgTable): string {
  const columns = Object.values(getTableColumns(table) as Record<string, PgColumn>);
  return `returning ${columns.map((c) => `"${c.name}"`).join(', ')}`;
}

/** Rows of `table` read back as JSON (`json_agg` of a RETURNING): database names and values mapped. */
export function rowsFromJson<T extends PgTable>(
  table: T,
  json: readonly Record<string, unknown>[] | null,
): T['$inferSelect'][] {
  const columns = Object.entries(getTableColumns(table) as Record<string, PgColumn>);
  return (json ?? []).map((raw) => {
    const row: Record<string, unknown> = {};
    for (const [key, column] of columns) {
      const value = raw[column.name];
      // JSON values arrive parsed; a jsonb column's own mapping would parse a JSON string twice.
      row[key] =
        value === null || value === undefined
          ? null
          : column.columnType === 'PgJsonb' || column.columnType === 'PgJson'
            ? value
            : column.mapFromDriverValue(value);
    }
    return row as T['$inferSelect'];
  });
}

/**
 * The row as the database will hold it after inserting `values`: every column the values leave out
 * is NULL. Only for tables whose defaulted columns the caller always supplies (checked).
 */
export function asStored<T extends PgTable>(table: T, values: T['$inferInsert']): T['$inferSelect'] {
  const row: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(table) as Record<string, PgColumn>)) {
    const value = (values as Record<string, unknown>)[key];
    if (value === undefined && column.hasDefault)
      throw new Error(`asStored: ${column.name} has a default the caller did not supply`);
    row[key] = value ?? null;
  }
  return row as T['$inferSelect'];
}
