/**
 * CUS-5: a stored sheet read row by row, streamed: an .xlsx through exceljs' streaming reader (first
 * worksheet), a CSV through fast-csv (UTF-8, with or without BOM, or GB18030 as Excel saves it in
 * China). Rows are pulled as they are used, so a large file is never held whole.
 */
import { PassThrough, Transform, type Readable } from 'node:stream';
import type ExcelJSModule from 'exceljs';
import type { SheetCell } from '../../../domain/imports';
import { importErrors } from './imports.errors';
import { cellValue } from '../../app/sheet-cell';

export type SheetFormat = 'xlsx' | 'csv';

export interface SheetRow {
  /** The row number in the sheet (the first row is 1). */
  row: number;
  cells: SheetCell[];
}

/** The format of a file from its first bytes (an .xlsx is a zip) and its name; null if neither. */
export function detectFormat(head: Buffer, fileName: string): SheetFormat {
  if (head.length >= 4 && head.readUInt32BE(0) === 0x504b0304) return 'xlsx';
  if (head.length >= 4 && head.readUInt32BE(0) === 0xd0cf11e0) throw importErrors.oldExcel();
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) {
    // A binary file with a .csv name: NUL bytes never occur in text.
    if (head.includes(0)) throw importErrors.unreadable();
    return 'csv';
  }
  throw importErrors.unreadable();
}

/** Chunks of UTF-8 bytes as text, a character split between two chunks joined again. */
async function* utf8Text(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of chunks)
    yield typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
  const rest = decoder.decode();
  if (rest) yield rest;
}

type WorkbookReaderClass = typeof ExcelJSModule.stream.xlsx.WorkbookReader;
let safeReader: WorkbookReaderClass | null = null;

/**
 * exceljs' streaming reader decodes each zip chunk on its own, so a Chinese character that straddles
 * two chunks comes out as '�' (seen: one name in a few thousand garbled). Its shared strings and
 * worksheets are read here as text first, with a decoder that keeps a split character for the next chunk.
 */
async function utf8SafeWorkbookReader(): Promise<WorkbookReaderClass> {
  if (safeReader) return safeReader;
  const { default: ExcelJS } = await import('exceljs');
  interface Internals {
    _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
    _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string): Generator<unknown>;
  }
  const Base = ExcelJS.stream.xlsx.WorkbookReader as unknown as new (...args: unknown[]) => Internals;
  class Utf8SafeWorkbookReader extends Base {
    override _parseSharedStrings(entry: Readable) {
      // Node's string decoder carries a split character over to the next chunk.
      entry.setEncoding('utf8');
      return super._parseSharedStrings(entry);
    }
    override _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string) {
      return super._parseWorksheet(utf8Text(iterator), sheetNo);
    }
  }
  safeReader = Utf8SafeWorkbookReader as unknown as WorkbookReaderClass;
  return safeReader;
}

async function* xlsxRows(input: Readable): AsyncGenerator<SheetRow> {
  const WorkbookReader = await utf8SafeWorkbookReader();
  const reader = new WorkbookReader(input, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
    entries: 'emit',
  });
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const r = row as { number: number; values: unknown[] };
        // `values` is 1-based: index 0 is always empty.
        const values = Array.isArray(r.values) ? r.values.slice(1) : [];
        yield { row: r.number, cells: Array.from(values, (v) => cellValue(v)) };
      }
      // The first worksheet only.
      break;
    }
  } catch (err) {
    if ((err as { code?: string }).code?.startsWith?.('imports.')) throw err;
    throw importErrors.unreadable({ reason: (err as Error).message });
  }
}

/** Decodes UTF-8 (dropping a BOM) or, when the start is not UTF-8, GB18030, into UTF-8 text. */
function decodeText(): Transform {
  let decoder: TextDecoder | null = null;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      if (!decoder) {
        let utf8 = true;
        try {
          // The last bytes may be half a character; judge by the rest.
          new TextDecoder('utf-8', { fatal: true }).decode(chunk.subarray(0, Math.max(0, chunk.length - 4)));
        } catch {
          utf8 = false;
        }
        decoder = new TextDecoder(utf8 ? 'utf-8' : 'gb18030');
      }
      done(null, decoder.decode(chunk, { stream: true }));
    },
    flush(done) {
      done(null, decoder?.decode() ?? '');
    },
  });
}

async function* csvRows(input: Readable): AsyncGenerator<SheetRow> {
  const { parse } = await import('@fast-csv/parse');
  const parser = parse({ headers: false, ignoreEmpty: false, trim: true, maxRows: 0 });
  const text = new PassThrough();
  input.on('error', (err) => parser.destroy(err));
  input.pipe(decodeText()).pipe(text).pipe(parser);
  let row = 0;
  try {
    for await (const cells of parser as AsyncIterable<string[]>) {
      row++;
      if (cells.every((c) => c === '')) continue;
      yield { row, cells: cells.map((c) => (c === '' ? null : c)) };
    }
  } catch (err) {
    throw importErrors.unreadable({ reason: (err as Error).message });
  }
}

/** The sheet's rows in order, empty rows left out. */
export function readSheetRows(input: Readable, format: SheetFormat): AsyncGenerator<SheetRow> {
  return format === 'xlsx' ? xlsxRows(input) : csvRows(input);
}

/** A header cell's text. */
export function headerText(cell: SheetCell): string {
  if (cell === null) return '';
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  return String(cell).trim();
}
