import {
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { IMPORT_KINDS } from '../../../domain/imports/imports.fields';
import { organisationUnits, users } from '../org/org.table';

/**
 * CUS-5: one uploaded sheet and its import. The import commits in chunks; `lastRow` is the last sheet
 * row whose chunk committed (in that chunk's transaction), so a restarted server resumes after it and
 * never writes a row twice. One file (by content hash) is imported once per unit and kind.
 */
export const importJobs = pgTable(
  'import_jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => organisationUnits.id),
    kind: text('kind', { enum: IMPORT_KINDS }).notNull(),
    fileName: text('file_name').notNull(),
    format: text('format', { enum: ['xlsx', 'csv'] }).notNull(),
    /** Hex SHA-256 of the file: the same file uploaded again finds this job. */
    fileHash: text('file_hash').notNull(),
    size: integer('size').notNull(),
    storageKey: text('storage_key').notNull(),
    headers: jsonb('headers').$type<string[]>().notNull(),
    /** Data rows in the sheet (the header row not counted). */
    totalRows: integer('total_rows').notNull(),
    mapping: jsonb('mapping').$type<Record<string, number>>(),
    status: text('status', { enum: ['uploaded', 'queued', 'running', 'done', 'failed'] }).notNull(),
    lastRow: integer('last_row').notNull().default(1),
    imported: integer('imported').notNull().default(0),
    skipped: integer('skipped').notNull().default(0),
    invalid: integer('invalid').notNull().default(0),
    error: text('error'),
    /** Renewed by the process importing; one that stops renewing it is taken over (resumed). */
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('import_jobs_file_idx').on(t.unitId, t.kind, t.fileHash),
    index('import_jobs_status_idx').on(t.status, t.heartbeatAt),
    index('import_jobs_unit_idx').on(t.unitId, t.createdAt),
  ],
);

/** The rows an import did not write and why (invalid, duplicate, unknown customer): the report. */
export const importProblems = pgTable(
  'import_problems',
  {
    jobId: uuid('job_id')
      .notNull()
      .references(() => importJobs.id, { onDelete: 'cascade' }),
    row: integer('row').notNull(),
    seq: integer('seq').notNull(),
    column: text('column').notNull(),
    problemZh: text('problem_zh').notNull(),
    problemEn: text('problem_en').notNull(),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.row, t.seq] })],
);

/** The column mapping last used per company (the top unit) and kind, by header text. */
export const importMappings = pgTable(
  'import_mappings',
  {
    companyId: uuid('company_id')
      .notNull()
      .references(() => organisationUnits.id),
    kind: text('kind', { enum: IMPORT_KINDS }).notNull(),
    headers: jsonb('headers').$type<Record<string, string>>().notNull(),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.kind] })],
);
