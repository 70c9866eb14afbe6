import { useState } from 'react';
import { Card, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ListExportButton } from '../../components/list-export-button';
import { UnitTreeSelect } from '../../components/unit-tree-select';
import { usePagedList } from '../../hooks/use-paged-list';
import { SURVEYS_API } from './surveys-api';
import type { WeeklySummary } from '../../../shared/surveys';

const num = (v: number | null) => (v === null ? '—' : v);
const period = (r: WeeklySummary) =>
  `${new Date(r.periodStart).toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai' })} – ${new Date(
    new Date(r.periodEnd).getTime() - 1,
  ).toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai' })}`;

const columns = (t: TFunction): TableColumnsType<WeeklySummary> => [
  { title: t('surveys.weekly.week'), dataIndex: 'week', width: 100 },
  { title: t('surveys.weekly.period'), key: 'period', width: 200, render: (_, r) => period(r) },
  { title: t('surveys.weekly.unit'), key: 'unit', render: (_, r) => r.summary.unitName },
  { title: t('surveys.results.invited'), key: 'invited', width: 90, render: (_, r) => r.summary.invited },
  {
    title: t('surveys.results.responses'),
    key: 'responses',
    width: 90,
    render: (_, r) => r.summary.responses,
  },
  { title: t('surveys.results.csat'), key: 'csat', width: 140, render: (_, r) => num(r.summary.csatAverage) },
  { title: t('surveys.results.nps'), key: 'nps', width: 120, render: (_, r) => num(r.summary.nps.score) },
  {
    title: t('surveys.results.detractors'),
    key: 'detractors',
    width: 140,
    render: (_, r) => (r.summary.detractors > 0 ? <Tag color="red">{r.summary.detractors}</Tag> : 0),
  },
];

type EmployeeRow = WeeklySummary['summary']['employees'][number];

/** 满意度周报: the Monday summaries (SAT-4), one per unit and week, with the employees inside. */
export function WeeklySummariesPage() {
  const { t } = useTranslation();
  const [unitId, setUnitId] = useState<string | undefined>();
  const { query, items, pagination } = usePagedList<WeeklySummary>(
    'survey-weekly',
    `${SURVEYS_API}/weekly-summaries`,
    { unitId },
  );
  const employeeColumns: TableColumnsType<EmployeeRow> = [
    { title: t('surveys.results.employee'), dataIndex: 'name' },
    { title: t('surveys.results.responses'), dataIndex: 'responses' },
    { title: t('surveys.results.csat'), key: 'csat', render: (_, e) => num(e.csatAverage) },
    { title: t('surveys.results.nps'), key: 'nps', render: (_, e) => num(e.nps.score) },
    { title: t('surveys.results.detractors'), dataIndex: 'detractors' },
  ];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('surveys.weekly.title')}
      </Typography.Title>
      <Typography.Text type="secondary">{t('surveys.weekly.hint')}</Typography.Text>
      <Card
        size="small"
        title={<UnitTreeSelect allowClear value={unitId} onChange={(v) => setUnitId(v)} />}
        extra={
          <ListExportButton
            path={`${SURVEYS_API}/weekly-summaries/export.xlsx`}
            filters={{ unitId }}
            filename={t('surveys.weekly.title')}
          />
        }
      >
        <Table<WeeklySummary>
          rowKey="id"
          size="small"
          loading={query.isLoading}
          columns={columns(t)}
          dataSource={items}
          pagination={pagination}
          expandable={{
            rowExpandable: (r) => r.summary.employees.length > 0,
            expandedRowRender: (r) => (
              <Table<EmployeeRow>
                rowKey="employeeId"
                size="small"
                pagination={false}
                columns={employeeColumns}
                dataSource={r.summary.employees}
              />
            ),
          }}
        />
      </Card>
    </Space>
  );
}
