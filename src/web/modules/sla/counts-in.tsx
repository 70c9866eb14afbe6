import { Typography } from 'antd';
import { CalendarOutlined } from '@ant-design/icons';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../i18n';
import type { CalendarSummary, CountsIn } from '../../../shared/sla';

// Which unit's hours a target's working time counts in, and what its clock counts (src/shared/sla.ts).
export type { CalendarSummary, CountsIn } from '../../../shared/sla';

const english = () => currentLanguage() === 'en';
export const hoursOf = (c: CalendarSummary) => (english() ? c.hoursEn : c.hours);
export const holidaysOf = (c: CalendarSummary) => (english() ? c.holidaysEn : c.holidays);

/** "按「朝阳门店」营业时间计 每天 09:30–21:00", "按自然时间计（24×7）" or "按承诺完成时间". */
export function countsInText(t: TFunction, countsIn: CountsIn): string {
  if (countsIn.basis === 'calendar_time') return t('countsIn.calendar');
  if (countsIn.basis === 'committed_date' || !countsIn.calendar) return t('countsIn.committed');
  return t('countsIn.working', { unit: countsIn.calendar.unitName, hours: hoursOf(countsIn.calendar) });
}

/**
 * The basis of a policy target's allowance as the editor shows it while it is being changed: the
 * server's `countsIn` for saved targets, this for a unit picked in the drawer.
 */
export function countsInOfUnit(unit: string, calendar: CalendarSummary): CountsIn {
  if (unit === 'committed_date') return { basis: 'committed_date', calendar: null };
  if (unit.startsWith('calendar_')) return { basis: 'calendar_time', calendar: null };
  return { basis: 'working_time', calendar };
}

/** A small secondary line naming the calendar; the holiday rule is in its tooltip. */
export function CountsInNote({ countsIn }: { countsIn: CountsIn }) {
  const { t } = useTranslation();
  return (
    <Typography.Text
      type="secondary"
      style={{ fontSize: 12 }}
      title={countsIn.calendar ? holidaysOf(countsIn.calendar) : undefined}
      data-testid="sla-counts-in"
    >
      <CalendarOutlined /> {countsInText(t, countsIn)}
    </Typography.Text>
  );
}
