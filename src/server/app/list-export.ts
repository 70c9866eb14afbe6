/**
 * Every list's Excel export, one mechanism (issue 16): GET <list>/export.xlsx takes the list's own
 * filter without the page, reads ALL matching rows through the same scoped read the list uses, and
 * streams them into a workbook in the house style (frozen bold header, auto-filter, widths, dates as
 * Excel dates in the unit's time zone). Before the first byte it checks the permission, refuses more
 * than MAX_EXPORT_ROWS with a clear 413, and records who exported which filter and how many rows.
 *
 * A list brings a `ListExport`: its columns and an `open` that answers the row count and the rows in
 * chunks — usually `pagedSource` over the list's own use case, so the export shows exactly what the
 * list shows (scope, masking, names), never a second query that could drift from it.
 */
import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifySchema } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { scopeRoots, type PermissionCode } from '../../domain/permissions';
import { fileDownload, XLSX } from '../../shared/common';
import { recordAudit } from '../modules/audit/audit.service';
import { authErrors } from '../modules/auth/auth.errors';
import { actorOf } from '../modules/auth/auth.service';
import type { Actor, Deps } from './context';
import type { Db } from './db';
import { defineError } from './errors';
import { attachment, addSheet, type ReportColumn } from './report-workbook';
import { needs, signedIn } from './route-access';

/** More rows than this is a report, not a list: narrow the filter (dates, unit) or ask for a data extract. */
export const MAX_EXPORT_ROWS = 50_000;
/** Rows read per query while streaming. */
export const EXPORT_CHUNK = 500;
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

export const listExportErrors = {
  tooManyRows: defineError(
    'exports.too_large',
    413,
    `一次最多导出 ${MAX_EXPORT_ROWS.toLocaleString('en-US')} 行，请缩小筛选范围（日期、单位等）后再导出`,
    `An export holds at most ${MAX_EXPORT_ROWS.toLocaleString('en-US')} rows; narrow the filter (dates, unit) and try again`,
  ),
  reasonRequired: defineError(
    'exports.reason_required',
    400,
    '导出客户的个人信息需要填写导出原因',
    'Exporting customers’ personal data needs a reason',
  ),
};

/** Why personal data leaves the system (CUS-4): asked like the reason for revealing a number. */
export const exportReason = z.string().trim().min(1).max(200);

export type CellValue = string | number | Date | null | undefined;

export interface ExportColumn<Row> {
  header: string;
  width: number;
  /**
   * `datetime`: an instant (Date or ISO text) written as an Excel date-time in the row's time zone;
   * `date`: a calendar date (YYYY-MM-DD) written as an Excel date; `integer`/`number`: numeric cells.
   */
  kind?: 'text' | 'integer' | 'number' | 'date' | 'datetime';
  value(row: Row): CellValue;
}

export interface ExportSource<Row> {
  /** How many rows the export will hold (checked against MAX_EXPORT_ROWS before anything is written). */
  total: number;
  chunks(): AsyncIterable<readonly Row[]>;
}

export interface ListExport<Query, Row> {
  /** The list's name in code: audit action `<name>.exported`, ASCII file name `<name>.xlsx`. */
  name: string;
  /** The sheet's and the file's Chinese name (工单, 客户…). */
  title: string;
  /**
   * Who may export: holders of this permission (or of one of these, as the list's route allows)
   * somewhere (the list's read still scopes each row), or null for a list everyone signed in has of
   * their own (my tasks), scoped by that read alone.
   */
  permission: PermissionCode | readonly [PermissionCode, ...PermissionCode[]] | null;
  /**
   * Personal data (customers, CUS-4): the export takes a `reason` beside the filter and records it in
   * the audit entry, as revealing a number does.
   */
  asksReason?: boolean;
  /**
   * Called once the rows are counted, before anything is recorded or sent: may refuse the export
   * (customers: more rows than the approval limit need an approved export request, CUS-3).
   */
  admit?(deps: Deps, actor: Actor, query: Query, rows: number): Promise<void> | void;
  /** Called in the audit entry's transaction: the list's own record of the export (CUS-3 access log). */
  onExported?(
    deps: Deps,
    tx: Db,
    actor: Actor,
    export_: { id: string; query: Query; rows: number; reason: string | undefined },
  ): Promise<void>;
  columns: readonly ExportColumn<Row>[];
  /** The time zone a row's instants are shown in (the unit's); Asia/Shanghai when not given. */
  timeZone?: (row: Row) => string;
  /** The scoped rows matching the filter (the list's own read, without its page). */
  open(deps: Deps, actor: Actor, query: Query): Promise<ExportSource<Row>>;
}

/**
 * The rows of a paginated list use case, page after page. The first page answers the total; reading
 * stops at that total so rows added while the file streams cannot make it run on.
 */
export async function pagedSource<Row>(
  readPage: (page: number, pageSize: number) => Promise<{ items: readonly Row[]; total: number }>,
  pageSize = EXPORT_CHUNK,
): Promise<ExportSource<Row>> {
  const first = await readPage(1, pageSize);
  const total = first.total;
  return {
    total,
    async *chunks() {
      let read = first.items.length;
      yield first.items;
      let lastSize = first.items.length;
      for (let page = 2; read < total && lastSize === pageSize; page += 1) {
        const next = await readPage(page, pageSize);
        const items = next.items.slice(0, total - read);
        read += items.length;
        lastSize = next.items.length;
        if (items.length > 0) yield items;
      }
    },
  };
}

/** A source whose rows are all in memory already (short lists read in one query). */
export function arraySource<Row>(rows: readonly Row[]): ExportSource<Row> {
  return {
    total: rows.length,
    async *chunks() {
      for (let i = 0; i < rows.length; i += EXPORT_CHUNK) yield rows.slice(i, i + EXPORT_CHUNK);
    },
  };
}

/**
 * The wall-clock time of an instant in a time zone, as the Date Excel will show (Excel cells have no
 * zone and exceljs writes a Date's UTC fields).
 */
export function excelLocalTime(at: Date, timeZone: string): Date {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return new Date(
    Date.UTC(
      Number(parts.year),
      Number(parts.month) - 1,
      Number(parts.day),
      Number(parts.hour),
      Number(parts.minute),
      Number(parts.second),
    ),
  );
}

const NUM_FMT: Partial<Record<NonNullable<ExportColumn<unknown>['kind']>, string>> = {
  datetime: 'yyyy-mm-dd hh:mm',
  date: 'yyyy-mm-dd',
  integer: '0',
};

function cell<Row>(column: ExportColumn<Row>, row: Row, timeZone: string): string | number | Date | null {
  const v = column.value(row);
  if (v === null || v === undefined || v === '') return null;
  switch (column.kind) {
    case 'datetime': {
      const at = v instanceof Date ? v : new Date(String(v));
      return Number.isNaN(at.getTime()) ? String(v) : excelLocalTime(at, timeZone);
    }
    case 'date': {
      if (v instanceof Date) return v;
      const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(v));
      return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : String(v);
    }
    case 'integer':
    case 'number':
      return typeof v === 'number' ? v : Number(v);
    default:
      return v instanceof Date ? excelLocalTime(v, timeZone) : v;
  }
}

const anyPermission = (
  permission: ListExport<never, never>['permission'],
): readonly [PermissionCode, ...PermissionCode[]] | null =>
  permission === null ? null : typeof permission === 'string' ? [permission] : permission;

export interface PreparedListExport {
  rowCount: number;
  /** Writes the workbook to `out` and ends it. */
  write(out: PassThrough): Promise<void>;
}

/**
 * Checks the permission (anywhere; the list's read still scopes each row), counts the rows (413 beyond
 * MAX_EXPORT_ROWS) and records the export in the audit trail, before any byte is sent.
 */
export async function prepareListExport<Query extends object, Row>(
  deps: Deps,
  actor: Actor,
  definition: ListExport<Query, Row>,
  query: Query,
  reason?: string,
): Promise<PreparedListExport> {
  const anyOf = anyPermission(definition.permission);
  if (anyOf && anyOf.every((p) => scopeRoots(actor.grants, p).length === 0))
    throw authErrors.forbidden({ permission: anyOf[0] });
  const why = reason?.trim();
  if (definition.asksReason && !why) throw listExportErrors.reasonRequired();
  const source = await definition.open(deps, actor, query);
  if (source.total > MAX_EXPORT_ROWS)
    throw listExportErrors.tooManyRows({ max: MAX_EXPORT_ROWS, rows: source.total });
  await definition.admit?.(deps, actor, query, source.total);
  const unitId = 'unitId' in query && typeof query.unitId === 'string' ? query.unitId : null;
  const exportId = randomUUID();
  await deps.db.transaction(async (tx) => {
    await recordAudit(tx, deps.clock.now(), actor, {
      action: `${definition.name}.exported`,
      subjectType: `${definition.name}_export`,
      subjectId: exportId,
      unitId,
      after: { filter: query, rows: source.total, ...(definition.asksReason ? { reason: why } : {}) },
    });
    await definition.onExported?.(deps, tx, actor, { id: exportId, query, rows: source.total, reason: why });
  });
  return { rowCount: source.total, write: (out) => writeListWorkbook(definition, source, out) };
}

async function writeListWorkbook<Row>(
  definition: ListExport<never, Row>,
  source: ExportSource<Row>,
  out: PassThrough,
): Promise<void> {
  // exceljs is large; loading it on the first export keeps it out of the idle server's memory.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const columns: ReportColumn[] = definition.columns.map((c, i) => {
    const numFmt = c.kind ? NUM_FMT[c.kind] : undefined;
    return { header: c.header, key: `c${i}`, width: c.width, ...(numFmt ? { numFmt } : {}) };
  });
  const sheet = addSheet(workbook, definition.title, columns);
  for await (const chunk of source.chunks()) {
    for (const row of chunk) {
      const zone = definition.timeZone?.(row) ?? DEFAULT_TIME_ZONE;
      sheet.addRow(definition.columns.map((c) => cell(c, row, zone))).commit();
    }
  }
  sheet.commit();
  await workbook.commit();
}

/**
 * Registers GET `path` (e.g. /customers/export.xlsx) answering the list as a workbook. `querystring`
 * is the list's filter without page and pageSize; the row count goes in `x-export-rows` so the
 * browser can say what it is receiving while the file streams.
 */
export function registerListExport<Schema extends z.ZodObject, Row>(
  fastify: FastifyInstance,
  deps: Deps,
  path: string,
  querystring: Schema,
  definition: ListExport<z.output<Schema>, Row>,
  tags: string[] = [definition.name],
): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  // The reason travels beside the filter; the list's read and the audited filter never see it.
  const withReason = definition.asksReason ? querystring.extend({ reason: exportReason }) : querystring;
  const schema: FastifySchema = {
    tags,
    querystring: withReason,
    response: { 200: fileDownload(XLSX, `${definition.title}导出（Excel） / The list as an Excel workbook`) },
  };
  const anyOf = anyPermission(definition.permission);
  const config = anyOf ? needs(...anyOf) : signedIn('one’s own list; the list’s read scopes the rows');
  app.get(path, { config, schema }, async (req, reply) => {
    const { reason, ...filter } = req.query as z.output<Schema> & { reason?: string };
    const prepared = await prepareListExport(
      deps,
      actorOf(req),
      definition,
      filter as z.output<Schema>,
      reason,
    );
    const out = new PassThrough();
    const day = deps.clock.now().toISOString().slice(0, 10);
    prepared.write(out).catch((err: unknown) => {
      req.log.error({ err, list: definition.name }, 'list export failed while streaming');
      out.destroy(err as Error);
    });
    return reply
      .header('content-type', XLSX)
      .header(
        'content-disposition',
        attachment(`${definition.name}.xlsx`, `${definition.title}导出-${day}.xlsx`),
      )
      .header('access-control-expose-headers', 'x-export-rows')
      .header('x-export-rows', String(prepared.rowCount))
      .send(out);
  });
}
