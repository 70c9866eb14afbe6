// Money travels as integer fen (分); people read and type yuan (元). No floating point on the way.

/** "¥1,234.50" from 123450 fen; negative amounts keep their sign in front. */
export function formatYuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '';
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(fen));
  const yuan = Math.floor(abs / 100).toLocaleString('en-US');
  const cents = String(abs % 100).padStart(2, '0');
  return `${sign}¥${yuan}.${cents}`;
}

/**
 * Fen from what a person typed in yuan ("12", "12.5", "12.50", "1,200"). Null for anything that
 * is not a non-negative amount with at most two decimals: a fraction of a fen is refused, not rounded.
 */
export function parseYuan(text: string): number | null {
  const cleaned = text.replace(/[,\s¥￥元]/g, '');
  const match = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(cleaned);
  if (!match) return null;
  const whole = Number(match[1]);
  const cents = Number((match[2] ?? '').padEnd(2, '0'));
  return whole * 100 + cents;
}

/** The yuan text an input shows for a fen amount ("12.50"), without the currency sign. */
export function fenToYuanInput(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return '';
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}
