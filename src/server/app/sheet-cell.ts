/** What one cell of an uploaded sheet holds, as its reader sees it. */
export type SheetCell = string | number | boolean | Date | null;

/**
 * A cell's value as the sheet shows it (exceljs cell values): formulas by their result, rich text
 * and links by their text. Shared by the imports (CUS-5) and the orders sheet import.
 */
export function cellValue(v: unknown): SheetCell {
  if (v === null || v === undefined) return null;
  if (v instanceof Date || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'object') {
    const o = v as { result?: unknown; richText?: { text: string }[]; text?: unknown; error?: unknown };
    if ('result' in o) return cellValue(o.result);
    if (Array.isArray(o.richText)) return o.richText.map((r) => r.text).join('');
    if ('text' in o) return cellValue(o.text);
  }
  return null;
}
