import { useMemo, useState } from 'react';
import { Card, Col, Row, Space, Statistic, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { get } from '../../api/client';
import { formatTime } from '../../lib/format';
import type { CountRow, MonthlyReport } from '../../../shared/reports';
import { AnalysisPanel } from './analysis-panel';
import { CountCard } from './count-card';
import { DrillDownDrawer, type DrillTarget } from './drill-down';
import { EChart, type EChartOption } from '../../components/echart';
import { ReportToolbar, reportQuery, useReportFilters } from './report-toolbar';
import { REPORTS_API } from './reports-api';

/** 月度投诉汇总与分析 (RPT-2): counts, trend, repeat issues, evaluations and the signed analysis. */
export function MonthlyReportPage() {
  const { t } = useTranslation();
  const [filters, setFilters] = useReportFilters();
  const query = reportQuery(filters);
  const report = useQuery({
    queryKey: ['reports', 'monthly', query],
    queryFn: ({ signal }) => get<MonthlyReport>(`${REPORTS_API}/monthly`, query, signal),
  });
  const data = report.data;
  const [drill, setDrill] = useState<DrillTarget | null>(null);
  const drillBy =
    (dimension: string, extra: Record<string, string> = {}) =>
    (row: CountRow) =>
      setDrill({ title: row.name, query: { [dimension]: row.key ?? '', ...extra } });
  const trendOption = useMemo<EChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 20, top: 36, bottom: 24 },
      xAxis: { type: 'category', data: (data?.trend ?? []).map((p) => p.label) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: t('reports.monthly.tickets'), type: 'bar', data: (data?.trend ?? []).map((p) => p.tickets) },
        {
          name: t('reports.monthly.complaints'),
          type: 'line',
          data: (data?.trend ?? []).map((p) => p.complaints),
          label: { show: true },
        },
      ],
    }),
    [data?.trend, t],
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} className="report-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('reports.monthly.title')}
        {data?.unitName ? ` · ${data.unitName}` : ''}
      </Typography.Title>
      <ReportToolbar
        kind="monthly"
        filters={filters}
        onChange={setFilters}
        asOf={data?.asOf}
        pendingDays={data?.pendingDays}
        range={data?.range}
      />
      <Row gutter={[12, 12]}>
        {(['tickets', 'complaints', 'productCaused'] as const).map((k) => (
          <Col key={k} xs={12} md={8}>
            <Card size="small" loading={report.isLoading}>
              <Statistic
                title={t(`reports.monthly.${k}`)}
                value={data?.totals[k] ?? '—'}
                data-testid={`monthly-${k}`}
              />
            </Card>
          </Col>
        ))}
      </Row>
      {data && (
        <>
          <Card size="small" title={t('reports.monthly.trend')}>
            <EChart option={trendOption} height={240} testId="monthly-trend" />
          </Card>
          <Row gutter={[12, 12]}>
            <Col xs={24} lg={12}>
              <CountCard
                title={t('reports.monthly.byType')}
                rows={data.byType}
                chart="pie"
                onDrill={drillBy('types')}
              />
            </Col>
            <Col xs={24} lg={12}>
              <CountCard
                title={t('reports.monthly.byChannel')}
                rows={data.byChannel}
                onDrill={drillBy('channel')}
              />
            </Col>
            <Col xs={24} lg={12}>
              <CountCard
                title={t('reports.monthly.byCause')}
                rows={data.byCause}
                onDrill={drillBy('cause', { complaintsOnly: 'true' })}
                testId="monthly-by-cause"
              />
            </Col>
            <Col xs={24} lg={12}>
              <CountCard
                title={t('reports.monthly.byProduct')}
                rows={data.byProduct}
                onDrill={drillBy('product', { complaintsOnly: 'true' })}
              />
            </Col>
            <Col xs={24} lg={12}>
              <CountCard
                title={t('reports.monthly.byDepartment')}
                rows={data.byDepartment}
                onDrill={(row) => row.key && setDrill({ title: row.name, query: { departmentId: row.key } })}
              />
            </Col>
            <Col xs={24} lg={12}>
              <CountCard
                title={t('reports.monthly.evaluations')}
                rows={data.evaluations}
                chart="pie"
                onDrill={(row) => row.key && setDrill({ title: row.name, query: { evaluation: row.key } })}
              />
            </Col>
          </Row>
          <Card size="small" title={t('reports.monthly.clusters')}>
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={data.clusters}
              columns={[
                { title: t('reports.monthly.product'), dataIndex: 'product' },
                { title: t('reports.monthly.cause'), dataIndex: 'cause' },
                { title: t('reports.common.count'), dataIndex: 'count', width: 80, align: 'right' },
                {
                  title: t('reports.monthly.department'),
                  dataIndex: 'departmentName',
                  render: (v) => v ?? '—',
                },
                {
                  title: t('reports.common.receivedAt'),
                  dataIndex: 'raisedAt',
                  render: (v: string) => formatTime(v),
                },
                {
                  key: 'tickets',
                  className: 'report-no-print',
                  render: (_, c) => (
                    <Space wrap size={4}>
                      {c.ticketIds.slice(0, 6).map((id, i) => (
                        <Link key={id} to={`/tickets/${id}`}>
                          #{i + 1}
                        </Link>
                      ))}
                    </Space>
                  ),
                },
              ]}
            />
          </Card>
        </>
      )}
      <AnalysisPanel unitId={filters.unitId} period={data?.range.label ?? null} />
      <DrillDownDrawer target={drill} base={query} onClose={() => setDrill(null)} />
    </Space>
  );
}
