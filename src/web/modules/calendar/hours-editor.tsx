import { useState } from 'react';
import { Button, Checkbox, Input, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  WEEKDAYS,
  formatPeriods,
  parsePeriods,
  type Period,
  type UnitCalendar,
  type WeekdayKey,
} from './calendar-model';

interface Props {
  calendar: UnitCalendar;
  canManage: boolean;
  saving: boolean;
  onSave(weekly: Partial<Record<WeekdayKey, Period[]>> | null): void;
}

/** Business hours per weekday (营业时间): inherit, or set own periods; an empty own list closes the day. */
export function HoursEditor({ calendar, canManage, saving, onSave }: Props) {
  const { t } = useTranslation();
  const own = calendar.own.weekly ?? {};
  const [draft, setDraft] = useState<Partial<Record<WeekdayKey, string>>>(() =>
    Object.fromEntries(Object.entries(own).map(([k, v]) => [k, formatPeriods(v)])),
  );
  const invalid = Object.values(draft).some((text) => parsePeriods(text ?? '') === null);
  const save = () => {
    const weekly: Partial<Record<WeekdayKey, Period[]>> = {};
    for (const [k, text] of Object.entries(draft)) weekly[k as WeekdayKey] = parsePeriods(text ?? '') ?? [];
    onSave(Object.keys(weekly).length > 0 ? weekly : null);
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t('calendar.hoursHelp')}</Typography.Text>
      <Table
        size="small"
        pagination={false}
        rowKey="day"
        dataSource={WEEKDAYS.map((day) => ({ day }))}
        columns={[
          {
            title: t('calendar.weekday'),
            dataIndex: 'day',
            width: 90,
            render: (d: WeekdayKey) => t(`calendar.weekdayLong.${d}`),
          },
          {
            title: t('calendar.own'),
            key: 'own',
            width: 110,
            render: (_, { day }) => (
              <Checkbox
                disabled={!canManage}
                checked={draft[day] !== undefined}
                onChange={(e) =>
                  setDraft((d) => {
                    const next = { ...d };
                    if (e.target.checked) next[day] = formatPeriods(calendar.effective.weekly[day]);
                    else delete next[day];
                    return next;
                  })
                }
              />
            ),
          },
          {
            title: t('calendar.periods'),
            key: 'periods',
            render: (_, { day }) =>
              draft[day] === undefined ? (
                <Typography.Text type="secondary">
                  {formatPeriods(calendar.effective.weekly[day]) || t('calendar.kind.rest')} （
                  {t('calendar.inherited')}）
                </Typography.Text>
              ) : (
                <Input
                  disabled={!canManage}
                  status={parsePeriods(draft[day] ?? '') === null ? 'error' : undefined}
                  placeholder="09:00-12:00, 13:30-18:00"
                  value={draft[day]}
                  onChange={(e) => setDraft((d) => ({ ...d, [day]: e.target.value }))}
                />
              ),
          },
        ]}
      />
      {canManage && (
        <Button type="primary" loading={saving} disabled={invalid} onClick={save}>
          {t('common.save')}
        </Button>
      )}
    </Space>
  );
}
