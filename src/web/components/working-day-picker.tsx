import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { DatePicker } from 'antd';
import type { DatePickerProps } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { get } from '../api/client';
import type { NonWorkingDay, NonWorkingDays } from '../../shared/calendar';

const DATE = 'YYYY-MM-DD';

/**
 * The unit's days without working time between two local dates (SLA-1: weekends without hours,
 * official holidays it observes, days it closes; 调休 make-up days and half days are working days).
 * Empty while loading or without a unit: the server keeps the final word either way.
 */
export function useNonWorkingDays(
  unitId: string | null | undefined,
  range: { from: Dayjs; to: Dayjs },
): { days: ReadonlyMap<string, NonWorkingDay>; isLoading: boolean } {
  const from = range.from.format(DATE);
  const to = range.to.format(DATE);
  const query = useQuery({
    queryKey: ['calendar', 'non-working-days', unitId, from, to],
    queryFn: ({ signal }) =>
      get<NonWorkingDays>(`/api/v1/calendars/${unitId}/non-working-days`, { from, to }, signal),
    enabled: !!unitId,
    // Calendars change rarely (an administrator's edit); a picker opened again need not ask again.
    staleTime: 10 * 60_000,
    placeholderData: keepPreviousData,
  });
  const days = new Map((query.data?.days ?? []).map((d) => [d.date, d]));
  return { days, isLoading: query.isLoading };
}

/** The dates a picker panel showing `month` can display: its six weeks, with room to spare. */
const panelRange = (month: Dayjs) => ({
  from: month.startOf('month').subtract(7, 'day'),
  to: month.endOf('month').add(14, 'day'),
});

type Props = DatePickerProps<Dayjs, false> & {
  /** The unit whose calendar decides which days are working days (the ticket's or work order's). */
  unitId: string | null | undefined;
};

/**
 * 日期选择 for committed dates and appointments: the unit's non-working days are greyed out and
 * cannot be picked (SLA-1), on top of the caller's own `disabledDate` (usually: not in the past).
 */
export function WorkingDayPicker({ unitId, disabledDate, onPanelChange, onOpenChange, ...rest }: Props) {
  const current = rest.value ?? null;
  const [panel, setPanel] = useState<Dayjs>(() => current ?? dayjs());
  const { days } = useNonWorkingDays(unitId, panelRange(panel));
  return (
    <DatePicker
      {...rest}
      disabledDate={(d, info) => days.has(d.format(DATE)) || (disabledDate?.(d, info) ?? false)}
      onPanelChange={(value, mode) => {
        if (value) setPanel(value);
        onPanelChange?.(value, mode);
      }}
      onOpenChange={(open) => {
        // A picker opens on its value's month (or this month): ask for that one.
        if (open) setPanel(current ?? dayjs());
        onOpenChange?.(open);
      }}
    />
  );
}
