import { useTranslation } from 'react-i18next';
import { formatTime } from '../../lib/format';
import { formatYuan } from '../workorders/money';

export type CodeKind = 'role' | 'form' | 'field' | 'document' | 'approval';

/** A field holding money (in fen, shown and typed in yuan). */
export const isMoneyField = (field: string) => /Fen$/.test(field);
/** A field holding a date or an instant (picked on a calendar). */
export const isTimeField = (field: string) => /(At|Date)$/.test(field);

/**
 * The names of a template's codes (roles, forms, fields, documents, approvals) in the reader's
 * language: the shipped templates' codes have names; a code a company typed itself is shown as is.
 */
export function useJourneyLabels() {
  const { t } = useTranslation();
  const label = (kind: CodeKind, code: string) => t(`journeys.code.${kind}.${code}`, { defaultValue: code });
  /** A field's value as people read it: money in yuan, instants as dates, yes/no. */
  const value = (field: string, v: unknown): string => {
    if (typeof v === 'boolean') return v ? t('journeys.answerYes') : t('journeys.answerNo');
    if (isMoneyField(field) && typeof v === 'number') return formatYuan(v);
    if (isTimeField(field) && typeof v === 'string' && !Number.isNaN(Date.parse(v))) return formatTime(v);
    return String(v);
  };
  return { label, value };
}
