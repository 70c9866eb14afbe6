import type { ReactNode } from 'react';
import dayjs from 'dayjs';

/** Pieces every printed sheet is ruled from (work-order forms, coordination sheets, return forms). */

/** Two label/value pairs on one A4 row. */
export function PrintPair({ a, b }: { a: [string, ReactNode]; b: [string, ReactNode] }) {
  return (
    <tr>
      <th>{a[0]}</th>
      <td>{a[1]}</td>
      <th>{b[0]}</th>
      <td>{b[1]}</td>
    </tr>
  );
}

/** One label with its value across the rest of the A4 row. */
export function PrintRow({ label, children }: { label: string; children: ReactNode }) {
  return (
    <tr>
      <th>{label}</th>
      <td colSpan={3}>{children}</td>
    </tr>
  );
}

/** Blank date line to be written in by hand when the step is not signed yet. */
const BLANK_DATE = '　　　年　　月　　日';

/**
 * A signature box: who signs, the signature (a picture, or the name in a hand-like face) and the
 * date — blank lines when the sheet is printed to be signed on paper.
 */
export function SignatureBox({
  label,
  name,
  at,
  dateLabel,
  children,
}: {
  label: string;
  name?: string | null;
  at?: string | null;
  /** Printed before the date (日期); none: the date stands alone. */
  dateLabel?: string;
  /** The signature itself when it is not a name (an image). */
  children?: ReactNode;
}) {
  return (
    <div className="wo-sign">
      <div>{label}：</div>
      {children ?? <div style={{ fontSize: '14pt', fontFamily: 'KaiTi, STKaiti, serif' }}>{name ?? ''}</div>}
      <div className="when">
        {dateLabel ? `${dateLabel}：` : ''}
        {at ? dayjs(at).format('YYYY-MM-DD HH:mm') : BLANK_DATE}
      </div>
    </div>
  );
}
