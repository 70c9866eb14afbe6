import { useState } from 'react';
import { Alert, Card, InputNumber, Space, Spin, Tabs } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api, get } from '../../api/client';
import { useCan, useCurrentMe } from '../../auth/use-me';
import { UnitTreeSelect } from '../../components/unit-tree-select';
import { localizedMessage } from '../../api/errors';
import { notifySuccess, showError } from '../../lib/notify';
import { currentLanguage } from '../../i18n';
import type { CalendarOverrides, CalendarYear, MissingYearWarning, UnitCalendar } from './calendar-model';
import { ExceptionsEditor } from './exceptions-editor';
import { HoursEditor } from './hours-editor';
import { IcsPanel } from './ics-panel';
import { PublicHolidaysSetting } from './public-holidays-setting';
import { DayLegend, WallCalendar } from './wall-calendar';

export const CALENDAR_PERMS = {
  read: 'calendar.read',
  manage: 'calendar.manage',
  slaManage: 'sla.manage',
} as const;

/** The missing-year banner (SLA-1), in the interface language. */
export function MissingYearBanner({ warnings }: { warnings: MissingYearWarning[] }) {
  if (warnings.length === 0) return null;
  return (
    <>
      {warnings.map((w) => (
        <Alert
          key={w.code + w.years.join()}
          type="warning"
          showIcon
          message={currentLanguage() === 'en' ? w.messageEn : w.message}
        />
      ))}
    </>
  );
}

/**
 * Unit picker defaulting to the unit named in the address (a link from the dashboard's warning) or
 * the person's first unit; shared by the calendar and SLA pages.
 */
export function useUnitChoice() {
  const me = useCurrentMe();
  const [search] = useSearchParams();
  return useState<string | undefined>(search.get('unitId') ?? me.memberships[0]?.unitId);
}

/** 工作日历: wall-calendar year view, business hours, dated exceptions, ICS import/export. */
export function CalendarPage() {
  const { t } = useTranslation();
  const can = useCan();
  const canManage = can(CALENDAR_PERMS.manage);
  const [unitId, setUnitId] = useUnitChoice();
  const [year, setYear] = useState(new Date().getFullYear());
  const qc = useQueryClient();
  const calendar = useQuery({
    queryKey: ['calendar', unitId],
    queryFn: ({ signal }) => get<UnitCalendar>(`/api/v1/calendars/${unitId}`, undefined, signal),
    enabled: !!unitId,
  });
  const yearView = useQuery({
    queryKey: ['calendar', unitId, 'year', year],
    queryFn: ({ signal }) => get<CalendarYear>(`/api/v1/calendars/${unitId}/year/${year}`, undefined, signal),
    enabled: !!unitId,
  });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['calendar'] });
  const save = useMutation({
    mutationFn: (own: CalendarOverrides) =>
      api<UnitCalendar>(`/api/v1/calendars/${unitId}`, { method: 'PUT', body: own }),
    onSuccess: () => {
      notifySuccess(t('common.saved'));
      refresh();
    },
    onError: showError,
  });
  const own = calendar.data?.own;
  const saveWith = (patch: Partial<CalendarOverrides>) => own && save.mutate({ ...own, ...patch });

  return (
    <Card
      title={t('calendar.title')}
      extra={
        <Space>
          <UnitTreeSelect value={unitId} onChange={setUnitId} />
          <InputNumber
            min={1970}
            max={2200}
            value={year}
            onChange={(v) => v && setYear(v)}
            addonAfter={t('calendar.yearSuffix')}
          />
        </Space>
      }
    >
      {calendar.error && <Alert type="error" message={localizedMessage(calendar.error)} />}
      {!unitId || calendar.isLoading ? (
        <Spin />
      ) : calendar.data ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <MissingYearBanner
            warnings={[
              ...(calendar.data.warnings ?? []),
              ...(yearView.data?.officialData === false && !calendar.data.missingYears.includes(year)
                ? yearView.data.warnings
                : []),
            ]}
          />
          <Tabs
            items={[
              {
                key: 'year',
                label: t('calendar.tabYear'),
                children: yearView.data ? (
                  <Space direction="vertical" style={{ width: '100%' }}>
                    <DayLegend days={yearView.data.days} />
                    <WallCalendar days={yearView.data.days} />
                  </Space>
                ) : (
                  <Spin />
                ),
              },
              {
                key: 'hours',
                label: t('calendar.tabHours'),
                children: (
                  <Space direction="vertical" style={{ width: '100%' }} size="large">
                    <PublicHolidaysSetting
                      calendar={calendar.data}
                      canManage={canManage}
                      saving={save.isPending}
                      onSave={saveWith}
                    />
                    <HoursEditor
                      key={`${unitId}:${calendar.data.version}`}
                      calendar={calendar.data}
                      canManage={canManage}
                      saving={save.isPending}
                      onSave={(weekly) => saveWith({ weekly })}
                    />
                  </Space>
                ),
              },
              {
                key: 'exceptions',
                label: t('calendar.tabExceptions'),
                children: (
                  <ExceptionsEditor
                    calendar={calendar.data}
                    canManage={canManage}
                    saving={save.isPending}
                    onSave={(exceptions) => saveWith({ exceptions })}
                  />
                ),
              },
              {
                key: 'ics',
                label: t('calendar.tabIcs'),
                children: <IcsPanel unitId={unitId} year={year} canManage={canManage} onImported={refresh} />,
              },
            ]}
          />
        </Space>
      ) : null}
    </Card>
  );
}
