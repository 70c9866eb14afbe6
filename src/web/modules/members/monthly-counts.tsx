import { useState } from 'react';
import { InputNumber, Space, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { get } from '../../api/client';
import type { MonthlyCounts } from '../../../shared/members';

type Month = MonthlyCounts['months'][number];

/** MEM-1: new members counted at month end, month by month for a year, with the total at each month end. */
export function MonthlyCountsTab() {
  const { t } = useTranslation();
  const [year, setYear] = useState(dayjs().year());
  const q = useQuery({
    queryKey: ['members', 'monthly', year],
    queryFn: () => get<MonthlyCounts>('/api/v1/members/monthly-counts', { year }),
  });
  const months = q.data?.months ?? [];
  const yearTotal = months.reduce((n, m) => n + m.newMembers, 0);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space>
        <span>{t('members.monthly.year')}</span>
        <InputNumber
          min={2000}
          max={2100}
          precision={0}
          value={year}
          onChange={(v) => v && setYear(v)}
          data-testid="monthly-year"
        />
        <Typography.Text strong>
          {t('members.monthly.yearTotal')}：{yearTotal}
        </Typography.Text>
      </Space>
      <Table<Month>
        rowKey="month"
        size="small"
        loading={q.isLoading}
        pagination={false}
        dataSource={months}
        style={{ maxWidth: 640 }}
        data-testid="monthly-counts"
        columns={[
          {
            title: t('members.monthly.month'),
            dataIndex: 'month',
            render: (m: string, r) => (
              <Space>
                {m}
                {!r.closed && r.month <= dayjs().format('YYYY-MM') && (
                  <Tag color="processing">{t('members.monthly.open')}</Tag>
                )}
              </Space>
            ),
          },
          { title: t('members.monthly.newMembers'), dataIndex: 'newMembers', align: 'right', width: 140 },
          { title: t('members.monthly.total'), dataIndex: 'totalAtMonthEnd', align: 'right', width: 140 },
        ]}
      />
    </Space>
  );
}
