/**
 * A small report as an Excel workbook (RPT-6): one sheet per table, bold frozen header, auto-filter,
 * column widths and number formats. For the dashboard's neighbours (lapsed customers, satisfaction),
 * whose reports are tens or hundreds of rows; large lists stream (tickets.export.ts).
 */
export interface ReportColumn {
  header: string;
  key: string;
  width: number;
  /** Excel number format, e.g. '0', '0.0%', '0.00'. */
  numFmt?: string;
}

export interface ReportSheet {
  name: string;
  columns: ReportColumn[];
  rows: Record<string, string | number | null>[];
}

export { XLSX } from '../../../shared/common';

/** The workbook's bytes. */
export async function reportWorkbook(sheets: ReportSheet[]): Promise<Buffer> {
  // exceljs is large; loading it on the first export keeps it out of the idle server's memory.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Kefu';
  for (const s of sheets) {
    const sheet = workbook.addWorksheet(s.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = s.columns.map((c) => ({
      header: c.header,
      key: c.key,
      width: c.width,
      ...(c.numFmt ? { style: { numFmt: c.numFmt } } : {}),
    }));
    sheet.getRow(1).font = { bold: true };
    for (const row of s.rows) sheet.addRow(row);
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: s.columns.length } };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The Content-Disposition of a download named in Chinese, with an ASCII fallback. */
export const attachment = (ascii: string, name: string) =>
  `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
