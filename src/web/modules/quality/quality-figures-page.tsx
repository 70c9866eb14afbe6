import { useMemo, useState } from 'react';
import { Button, Card, DatePicker, Empty, Flex, Space, Table, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { get } from '../../api/client';
import { useCurrentUnit } from '../../app/current-unit';
import { useCan } from '../../auth/use-me';
import { UnitTreeSelect } from '../../components/unit-tree-select';
import { EChart, type EChartOption } from '../../components/echart';
import type { QualityFigures } from '../../../shared/quality';
import { Link } from 'react-router';
import { ReportExcelButton, ReportPrintStyle } from '../dashboard';
import { QUALITY_API, QUALITY_PERM } from './quality-api';

type Row = QualityFigures['items'][number];

/** 坐席质检统计: each agent's month — reviews, average final score, appeals (RPT-7). */
export function QualityFiguresPage() {
  const { t } = useTranslation();
  const can = useCan();
  const supervises = can(QUALITY_PERM.review);
  const { unitId: currentUnit } = useCurrentUnit();
  const [unitId, setUnitId] = useState<string | undefined>(supervises ? currentUnit : undefined);
  // Until a month is picked the server answers the current report month (the company's cut-off day).
  const [month, setMonth] = useState<Dayjs | null>(null);
  const query = { unitId, month: month?.format('YYYY-MM') };
  const figures = useQuery({
    queryKey: ['quality', 'figures', query],
    queryFn: ({ signal }) => get<QualityFigures>(`${QUALITY_API}/figures`, query, signal),
  });
  const data = figures.data;
  const shownMonth = month ?? (data ? dayjs(`${data.month}-01`) : null);
  const chart = useMemo<EChartOption | null>(
    () =>
      data && data.items.length > 0
        ? {
            tooltip: { trigger: 'axis' },
            grid: { left: 40, right: 16, top: 24, bottom: 28 },
            xAxis: { type: 'category', data: data.items.map((i) => i.agent.name) },
            yAxis: { type: 'value', min: 0, max: 100 },
            series: [
              {
                name: t('quality.figures.average'),
                type: 'bar',
                barMaxWidth: 40,
                itemStyle: { color: '#1677ff' },
                label: { show: true, position: 'top' },
                data: data.items.map((i) => i.averagePercent),
              },
            ],
          }
        : null,
    [data, t],
  );
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="quality-figures-page">
      <ReportPrintStyle />
      <Flex justify="space-between" align="start" wrap gap={8}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('quality.figures.title')}
          </Typography.Title>
          <Typography.Text type="secondary">
            {t('quality.figures.hint', {
              rule:
                data?.cutOffDay === undefined
                  ? '…'
                  : data.cutOffDay === 31
                    ? t('quality.figures.calendarMonth')
                    : t('quality.figures.cutOff', { day: data.cutOffDay }),
            })}
          </Typography.Text>
        </div>
        <Space className="no-print">
          <ReportExcelButton
            path={`${QUALITY_API}/figures.xlsx`}
            query={{ unitId, month: data?.month }}
            filename={`${t('quality.figures.title')}-${data?.month ?? ''}`}
          />
          <Link
            to={`/quality/figures/print?${new URLSearchParams({
              ...(unitId ? { unitId } : {}),
              ...(data ? { month: data.month } : {}),
            }).toString()}`}
            data-testid="quality-figures-print"
          >
            <Button icon={<PrinterOutlined />}>{t('quality.print.open')}</Button>
          </Link>
        </Space>
      </Flex>
      <Flex wrap gap={8} align="center" className="no-print">
        {supervises && <UnitTreeSelect value={unitId} onChange={(v) => setUnitId(v)} />}
        <DatePicker
          picker="month"
          allowClear={false}
          value={shownMonth}
          onChange={(v) => v && setMonth(v)}
          data-testid="quality-month"
        />
      </Flex>
      {data && (
        <Typography.Text type="secondary" data-testid="quality-period">
          {t('quality.figures.period', { from: data.from, to: data.to })}
        </Typography.Text>
      )}
      {data && data.items.length === 0 ? (
        <Card>
          <Empty description={t('quality.figures.empty')} />
        </Card>
      ) : (
        <>
          {chart && (
            <Card size="small" title={t('quality.figures.average')}>
              <EChart option={chart} height={260} testId="quality-figures-chart" />
            </Card>
          )}
          <Table<Row>
            rowKey={(r) => r.agent.id}
            size="middle"
            loading={figures.isLoading}
            pagination={false}
            dataSource={data?.items ?? []}
            data-testid="quality-figures"
            columns={[
              { title: t('quality.figures.agent'), key: 'agent', render: (_, r) => r.agent.name },
              { title: t('quality.figures.reviews'), dataIndex: 'reviews', width: 120, align: 'right' },
              {
                title: t('quality.figures.average'),
                key: 'avg',
                width: 120,
                align: 'right',
                render: (_, r) => r.averagePercent ?? '—',
              },
              { title: t('quality.figures.appeals'), dataIndex: 'appeals', width: 120, align: 'right' },
              {
                title: t('quality.figures.appealsRevised'),
                dataIndex: 'appealsRevised',
                width: 120,
                align: 'right',
              },
            ]}
          />
        </>
      )}
    </Space>
  );
}
