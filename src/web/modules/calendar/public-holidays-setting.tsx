import { Button, Popconfirm, Radio, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { STORE_DEFAULT_WEEKLY } from '../../../domain/calendar/calendar.defaults';
import type { CalendarOverrides, Period, UnitCalendar, WeekdayKey } from './calendar-model';

type Choice = 'inherit' | 'observe' | 'work';

interface Props {
  calendar: UnitCalendar;
  canManage: boolean;
  saving: boolean;
  onSave(patch: Partial<CalendarOverrides>): void;
}

/**
 * SLA-1: whether the unit closes on official holidays (offices) or trades through them (stores),
 * and a one-click store default for stores that existed before stores had hours of their own.
 */
export function PublicHolidaysSetting({ calendar, canManage, saving, onSave }: Props) {
  const { t } = useTranslation();
  const own = calendar.own.publicHolidays ?? null;
  const value: Choice = own ?? 'inherit';
  const effective = calendar.effective.publicHolidays ?? 'observe';
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="public-holidays-setting">
      <Space wrap>
        <Typography.Text strong>{t('countsIn.publicHolidays')}</Typography.Text>
        <Radio.Group
          disabled={!canManage || saving}
          value={value}
          optionType="button"
          onChange={(e) => {
            const v = e.target.value as Choice;
            onSave({ publicHolidays: v === 'inherit' ? null : v });
          }}
          options={[
            {
              value: 'inherit',
              // Only while inheriting is the effective way the parent's, so only then is it named.
              label:
                value === 'inherit'
                  ? `${t('countsIn.inherit')}（${t(`countsIn.${effective}`)}）`
                  : t('countsIn.inherit'),
            },
            { value: 'observe', label: t('countsIn.observe') },
            { value: 'work', label: t('countsIn.work') },
          ]}
        />
        {canManage && (
          <Popconfirm
            title={t('countsIn.storeDefault')}
            description={<div style={{ maxWidth: 320 }}>{t('countsIn.storeDefaultHelp')}</div>}
            onConfirm={() =>
              onSave({
                weekly: STORE_DEFAULT_WEEKLY as Partial<Record<WeekdayKey, Period[]>>,
                publicHolidays: 'work',
              })
            }
          >
            <Button size="small" disabled={saving}>
              {t('countsIn.storeDefault')}
            </Button>
          </Popconfirm>
        )}
      </Space>
      <Typography.Text type="secondary">{t('countsIn.publicHolidaysHelp')}</Typography.Text>
    </Space>
  );
}
