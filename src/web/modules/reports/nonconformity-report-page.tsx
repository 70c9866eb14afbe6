import { useState } from 'react';
import { Button, Card, Col, Row, Space, Statistic, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../../api/client';
import type { CountRow, NonconformityReport } from '../../../shared/reports';
import { CountCard } from './count-card';
import { DrillDownDrawer, type DrillTarget } from './drill-down';
import { ReportToolbar, reportQuery, useReportFilters } from './report-toolbar';
import { REPORTS_API } from './reports-api';

const UNFILLED = '（未填写）';

/** 不合格品统计 (CMP-10): product-caused complaints by product, defect and cause, with drill-down. */
export function NonconformityReportPage() {
  const { t } = useTranslation();
  const [filters, setFilters] = useReportFilters();
  const query = reportQuery(filters);
  const report = useQuery({
    queryKey: ['reports', 'nonconformity', query],
    queryFn: ({ signal }) => get<NonconformityReport>(`${REPORTS_API}/nonconformity`, query, signal),
  });
  const data = report.data;
  const [drill, setDrill] = useState<DrillTarget | null>(null);
  const base = { ...query, productCaused: 'true', complaintsOnly: 'true' };
  const drillBy = (dimension: string) => (row: CountRow) =>
    setDrill({ title: row.name, query: { [dimension]: row.key ?? '' } });
  const value = (v: string) => (v === UNFILLED ? '' : v);
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} className="report-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('reports.nonconformity.title')}
        {data?.unitName ? ` · ${data.unitName}` : ''}
      </Typography.Title>
      <ReportToolbar
        kind="nonconformity"
        filters={filters}
        onChange={setFilters}
        asOf={data?.asOf}
        pendingDays={data?.pendingDays}
        range={data?.range}
      />
      <Card size="small" loading={report.isLoading}>
        <Statistic title={t('reports.nonconformity.total')} value={data?.total ?? '—'} />
        <Typography.Text type="secondary">{t('reports.nonconformity.returnsNote')}</Typography.Text>
      </Card>
      {data && (
        <>
          <Row gutter={[12, 12]}>
            <Col xs={24} lg={8}>
              <CountCard
                title={t('reports.nonconformity.byProduct')}
                rows={data.byProduct}
                onDrill={drillBy('product')}
              />
            </Col>
            <Col xs={24} lg={8}>
              <CountCard
                title={t('reports.nonconformity.byDefect')}
                rows={data.byDefect}
                onDrill={drillBy('defect')}
              />
            </Col>
            <Col xs={24} lg={8}>
              <CountCard
                title={t('reports.nonconformity.byCause')}
                rows={data.byCause}
                onDrill={drillBy('cause')}
              />
            </Col>
          </Row>
          <Card size="small" title={t('reports.nonconformity.detail')}>
            <Table
              size="small"
              rowKey={(r) => `${r.product}|${r.defect}|${r.cause}`}
              dataSource={data.rows}
              pagination={{ pageSize: 50 }}
              columns={[
                { title: t('reports.nonconformity.product'), dataIndex: 'product' },
                { title: t('reports.nonconformity.defect'), dataIndex: 'defect' },
                { title: t('reports.nonconformity.cause'), dataIndex: 'cause' },
                { title: t('reports.common.count'), dataIndex: 'count', align: 'right', width: 80 },
                {
                  key: 'drill',
                  width: 90,
                  className: 'report-no-print',
                  render: (_, r) => (
                    <Button
                      type="link"
                      size="small"
                      onClick={() =>
                        setDrill({
                          title: `${r.product} · ${r.defect} · ${r.cause}`,
                          query: {
                            product: value(r.product),
                            defect: value(r.defect),
                            cause: value(r.cause),
                          },
                        })
                      }
                    >
                      {t('reports.common.drill')}
                    </Button>
                  ),
                },
              ]}
            />
          </Card>
        </>
      )}
      <DrillDownDrawer target={drill} base={base} onClose={() => setDrill(null)} />
    </Space>
  );
}
