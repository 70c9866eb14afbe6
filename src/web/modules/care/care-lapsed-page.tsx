import { useMemo, useState } from 'react';
import { Card, Col, DatePicker, Empty, Row, Space, Statistic, Table, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { get } from '../../api/client';
import { useCurrentUnit } from '../../app/current-unit';
import { UnitTreeSelect } from '../../components/unit-tree-select';
import type { LapsedReport } from '../../../shared/care-reports';
import { PrintButton, ReportExcelButton, ReportPrintStyle } from '../dashboard';
import { EChart, type EChartOption } from '../../components/echart';
import { CARE_API } from './care-api';

const percent = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
type Row = LapsedReport['units'][number];

/** RPT-4: 流失客户分析 — lapsed customers by unit, recall results and the win-back rate. */
export function CareLapsedPage() {
  const { t } = useTranslation();
  const { unitId: currentUnitId } = useCurrentUnit();
  const [unitChoice, setUnitChoice] = useState<{ value: string | undefined } | null>(null);
  const unitId = unitChoice ? unitChoice.value : currentUnitId;
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [dayjs().startOf('month'), dayjs()]);
  const query = { unitId, from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') };
  const report = useQuery({
    queryKey: ['care', 'lapsed', query],
    queryFn: ({ signal }) => get<LapsedReport>(`${CARE_API}/reports/lapsed`, query, signal),
    placeholderData: keepPreviousData,
  });
  const r = report.data;
  const chart = useMemo<EChartOption | null>(() => {
    if (!r || r.units.length === 0) return null;
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 48, bottom: 40, top: 40 },
      xAxis: { type: 'category', data: r.units.map((u) => u.unitName) },
      yAxis: [
        { type: 'value', minInterval: 1 },
        { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      ],
      series: [
        { name: t('care.lapsed.lapsed'), type: 'bar', data: r.units.map((u) => u.lapsed) },
        {
          name: t('care.lapsed.recalledCustomers'),
          type: 'bar',
          data: r.units.map((u) => u.recalledCustomers),
        },
        { name: t('care.lapsed.wonBack'), type: 'bar', data: r.units.map((u) => u.wonBack) },
        {
          name: t('care.lapsed.winBackRate'),
          type: 'line',
          yAxisIndex: 1,
          data: r.units.map((u) => (u.winBackRate === null ? null : Math.round(u.winBackRate * 1000) / 10)),
        },
      ],
    };
  }, [r, t]);

  const results = (row: Pick<Row, 'results'>) =>
    Object.entries(row.results)
      .map(([k, n]) => `${t(`care.lapsed.result.${k}`)} ${n}`)
      .join('，');

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="care-lapsed">
      <ReportPrintStyle />
      <Card
        title={t('care.lapsed.title')}
        extra={
          <Space className="no-print">
            <ReportExcelButton
              path={`${CARE_API}/reports/lapsed.xlsx`}
              query={query}
              filename={`${t('care.lapsed.title')}-${query.from}-${query.to}`}
            />
            <PrintButton />
          </Space>
        }
      >
        <Space wrap className="no-print" style={{ marginBottom: 16 }}>
          <UnitTreeSelect
            allowClear
            value={unitId}
            onChange={(value) => setUnitChoice({ value: value ?? undefined })}
            style={{ width: 220 }}
          />
          <DatePicker.RangePicker
            allowClear={false}
            value={range}
            onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
          />
        </Space>
        <Typography.Paragraph type="secondary">
          {t('care.lapsed.explain', { days: r?.lapsedDays ?? 120, from: query.from, to: query.to })}
        </Typography.Paragraph>
        {r && (
          <Row gutter={16}>
            <Col span={4}>
              <Statistic title={t('care.lapsed.lapsed')} value={r.total.lapsed} />
            </Col>
            <Col span={4}>
              <Statistic title={t('care.lapsed.recalls')} value={r.total.recalls} />
            </Col>
            <Col span={4}>
              <Statistic title={t('care.lapsed.reached')} value={r.total.reached} />
            </Col>
            <Col span={4}>
              <Statistic title={t('care.lapsed.wonBack')} value={r.total.wonBack} />
            </Col>
            <Col span={4}>
              <Statistic title={t('care.lapsed.winBackRate')} value={percent(r.total.winBackRate)} />
            </Col>
          </Row>
        )}
      </Card>
      <Card size="small">
        {chart ? <EChart option={chart} height={300} testId="lapsed-chart" /> : <Empty />}
      </Card>
      <Card size="small">
        <Table<Row>
          size="small"
          rowKey="unitId"
          loading={report.isFetching}
          pagination={false}
          dataSource={r?.units ?? []}
          data-testid="lapsed-table"
          columns={[
            { title: t('care.lapsed.unit'), dataIndex: 'unitName' },
            { title: t('care.lapsed.lapsed'), dataIndex: 'lapsed', align: 'right' },
            { title: t('care.lapsed.recalls'), dataIndex: 'recalls', align: 'right' },
            { title: t('care.lapsed.recalledCustomers'), dataIndex: 'recalledCustomers', align: 'right' },
            { title: t('care.lapsed.reached'), dataIndex: 'reached', align: 'right' },
            { title: t('care.lapsed.wonBack'), dataIndex: 'wonBack', align: 'right' },
            {
              title: t('care.lapsed.winBackRate'),
              dataIndex: 'winBackRate',
              align: 'right',
              render: (v: number | null) => percent(v),
            },
            { title: t('care.lapsed.results'), render: (_, row) => results(row) },
          ]}
          summary={() =>
            r && r.units.length > 0 ? (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>{t('care.lapsed.total')}</Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">
                  {r.total.lapsed}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right">
                  {r.total.recalls}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={3} align="right">
                  {r.total.recalledCustomers}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={4} align="right">
                  {r.total.reached}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={5} align="right">
                  {r.total.wonBack}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={6} align="right">
                  {percent(r.total.winBackRate)}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={7}>{results(r.total)}</Table.Summary.Cell>
              </Table.Summary.Row>
            ) : null
          }
        />
      </Card>
    </Space>
  );
}
