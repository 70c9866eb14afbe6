import { useMemo } from 'react';
import { Alert, Card, Space, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { get } from '../../api/client';
import { formatTime } from '../../lib/format';
import { ACCOUNTABLE_LABELS, type AssessmentReport } from '../../../shared/reports';
import { slaTargetLabel } from '../../../shared/glossary';
import { EChart, type EChartOption } from '../../components/echart';
import { ReportToolbar, reportQuery, useReportFilters } from './report-toolbar';
import { REPORTS_API } from './reports-api';

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

/** 部门时效考核 (RPT-3): on-time rates per department and step, the breaches, close-out assessments. */
export function AssessmentReportPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith('zh') ? 'zh' : 'en';
  const stepName = (s: string) => slaTargetLabel(s, lang);
  const [filters, setFilters] = useReportFilters();
  const query = reportQuery(filters);
  const report = useQuery({
    queryKey: ['reports', 'assessment', query],
    queryFn: ({ signal }) => get<AssessmentReport>(`${REPORTS_API}/assessment`, query, signal),
  });
  const data = report.data;
  const option = useMemo<EChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 50, top: 36, bottom: 24 },
      xAxis: { type: 'category', data: (data?.departments ?? []).map((d) => d.departmentName) },
      yAxis: [
        { type: 'value', minInterval: 1 },
        { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' }, splitLine: { show: false } },
      ],
      series: [
        {
          name: t('reports.assessment.onTime'),
          type: 'bar',
          stack: 'n',
          data: data?.departments.map((d) => d.onTime),
        },
        {
          name: t('reports.assessment.late'),
          type: 'bar',
          stack: 'n',
          data: data?.departments.map((d) => d.late),
        },
        {
          name: t('reports.assessment.rate'),
          type: 'line',
          yAxisIndex: 1,
          data: data?.departments.map((d) =>
            d.onTimeRate === null ? null : Math.round(d.onTimeRate * 1000) / 10,
          ),
          label: { show: true, formatter: '{c}%' },
        },
      ],
    }),
    [data?.departments, t],
  );
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} className="report-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('reports.assessment.title')}
        {data?.unitName ? ` · ${data.unitName}` : ''}
      </Typography.Title>
      <ReportToolbar
        kind="assessment"
        filters={filters}
        onChange={setFilters}
        asOf={data?.asOf}
        pendingDays={data?.pendingDays}
        range={data?.range}
      />
      <Alert type="info" showIcon title={t('reports.assessment.split')} />
      <Card size="small" title={t('reports.assessment.departments')} loading={report.isLoading}>
        {data && data.departments.length > 0 && (
          <EChart option={option} height={260} testId="assessment-chart" />
        )}
        <Table
          size="small"
          rowKey={(r) => r.departmentId ?? '∅'}
          pagination={false}
          dataSource={data?.departments ?? []}
          columns={[
            { title: t('reports.monthly.department'), dataIndex: 'departmentName' },
            { title: t('reports.assessment.onTime'), dataIndex: 'onTime', align: 'right', width: 80 },
            { title: t('reports.assessment.late'), dataIndex: 'late', align: 'right', width: 80 },
            {
              title: t('reports.assessment.rate'),
              dataIndex: 'onTimeRate',
              align: 'right',
              width: 100,
              render: pct,
            },
            { title: t('reports.assessment.complaints'), dataIndex: 'complaints', align: 'right', width: 90 },
            {
              title: t('reports.assessment.closeOutAssessed'),
              dataIndex: 'closeOutAssessed',
              align: 'right',
              width: 110,
            },
          ]}
        />
      </Card>
      <Card size="small" title={t('reports.assessment.steps')}>
        <Table
          size="small"
          rowKey={(r) => `${r.departmentId ?? ''}-${r.step}`}
          pagination={false}
          dataSource={data?.rows ?? []}
          data-testid="assessment-steps"
          columns={[
            { title: t('reports.monthly.department'), dataIndex: 'departmentName' },
            { title: t('reports.assessment.step'), dataIndex: 'step', render: stepName },
            {
              title: t('reports.assessment.accountable'),
              dataIndex: 'accountable',
              render: (v: AssessmentReport['rows'][number]['accountable']) => ACCOUNTABLE_LABELS[v][lang],
            },
            { title: t('reports.assessment.onTime'), dataIndex: 'onTime', align: 'right', width: 80 },
            { title: t('reports.assessment.late'), dataIndex: 'late', align: 'right', width: 80 },
            {
              title: t('reports.assessment.rate'),
              dataIndex: 'onTimeRate',
              align: 'right',
              width: 100,
              render: (v: number | null) => (
                <Tag color={v !== null && v < 0.9 ? 'red' : 'green'}>{pct(v)}</Tag>
              ),
            },
          ]}
        />
      </Card>
      <Card size="small" title={t('reports.assessment.breaches')}>
        {data?.breachesTruncated && <Alert type="info" showIcon title={t('reports.common.truncated')} />}
        <Table
          size="small"
          rowKey="targetId"
          dataSource={data?.breaches ?? []}
          pagination={{ pageSize: 20 }}
          columns={[
            {
              title: t('reports.common.number'),
              dataIndex: 'ticketNumber',
              width: 170,
              render: (v: string, r) => <Link to={`/tickets/${r.ticketId}`}>{v}</Link>,
            },
            { title: t('reports.common.subject'), dataIndex: 'subject' },
            { title: t('reports.assessment.step'), dataIndex: 'step', render: stepName, width: 110 },
            {
              title: t('reports.monthly.department'),
              dataIndex: 'departmentName',
              width: 120,
              render: (v) => v ?? '—',
            },
            {
              title: t('reports.assessment.dueAt'),
              dataIndex: 'dueAt',
              width: 150,
              render: (v: string | null) => formatTime(v),
            },
            {
              title: t('reports.assessment.endedAt'),
              dataIndex: 'endedAt',
              width: 150,
              render: (v: string | null) => formatTime(v),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
