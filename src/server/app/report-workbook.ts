/**
 * A report as an Excel workbook (RPT-6): one sheet per table, bold frozen header, auto-filter,
 * column widths and number formats. Streamed to the response, or collected as bytes for an e-mail
 * attachment. Every report export writes through here; lists stream their rows as they are read
 * through the same sheet style (app/list-export.ts).
 */
import { PassThrough, type Writable } from 'node:stream';
import { AppError } from './errors';
import type ExcelJSModule from 'exceljs';

export interface ReportColumn {
  header: string;
  key: string;
  width: number;
  /** Excel number format, e.g. '0', '#,##0', '0.0%', '0.00'. */
  numFmt?: string;
}

export interface ReportSheet {
  name: string;
  columns: ReportColumn[];
  rows: Record<string, string | number | null>[];
}

/** Writes the sheets to `out` as a streamed workbook and ends it. */
export async function writeWorkbook(sheets: readonly ReportSheet[], out: Writable): Promise<void> {
  // exceljs is large; loading it on the first export keeps it out of the idle server's memory.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  for (const s of sheets) {
    const sheet = addSheet(workbook, s.name, s.columns);
    for (const row of s.rows) sheet.addRow(row).commit();
    sheet.commit();
  }
  await workbook.commit();
}

type StreamedWorkbook = InstanceType<typeof ExcelJSModule.stream.xlsx.WorkbookWriter>;

/**
 * A sheet with the house style: bold frozen header, auto-filter over every column, widths and
 * number formats. Used by the reports above and by every list export (app/list-export.ts).
 */
export function addSheet(workbook: StreamedWorkbook, name: string, columns: readonly ReportColumn[]) {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.width,
    ...(c.numFmt ? { style: { numFmt: c.numFmt } } : {}),
  }));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.commit();
  return sheet;
}

/** The workbook as bytes (a small report, or an e-mail attachment). */
export async function reportWorkbook(sheets: readonly ReportSheet[]): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  await writeWorkbook(sheets, out);
  await done;
  return Buffer.concat(chunks);
}

/** The Content-Disposition of a download named in Chinese, with an ASCII fallback. */
export const attachment = (ascii: string, name: string) =>
  `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;

/**
 * RPT-6: refuses a report export whose largest sheet holds more rows than `max` (the
 * KEFU_REPORT_EXPORT_MAX_ROWS setting): 413 `reports.export_too_large`, the limit in the message and
 * in `details`. Returns the largest sheet's row count. A sheet read from the database should ask
 * for at most `max + 1` rows, so an oversized export is refused without being loaded whole.
 */
export function checkExportRows(sheets: readonly ReportSheet[], max: number): number {
  const rows = Math.max(0, ...sheets.map((s) => s.rows.length));
  if (rows > max) {
    const limit = max.toLocaleString('en-US');
    throw new AppError(
      'reports.export_too_large',
      413,
      `报表导出每张表最多 ${limit} 行，本次超出上限，请缩小统计区间或单位范围后再导出`,
      `A report export holds at most ${limit} rows per sheet; narrow the period or the unit and export again`,
      { max },
    );
  }
  return rows;
}
