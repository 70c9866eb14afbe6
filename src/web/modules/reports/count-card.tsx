import { useMemo } from 'react';
import { Button, Card, Empty, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CountRow } from '../../../shared/reports';
import { EChart, type EChartOption } from '../../components/echart';

/** A breakdown as a bar (or pie) chart over its table; clicking a bar or a row drills down. */
export function CountCard({
  title,
  rows,
  chart = 'bar',
  onDrill,
  testId,
}: {
  title: string;
  rows: CountRow[];
  chart?: 'bar' | 'pie';
  onDrill?: (row: CountRow) => void;
  testId?: string;
}) {
  const { t } = useTranslation();
  const total = rows.reduce((s, r) => s + r.count, 0);
  const top = rows.slice(0, 12);
  const option = useMemo<EChartOption>(
    () =>
      chart === 'pie'
        ? {
            tooltip: { trigger: 'item' },
            series: [
              {
                type: 'pie',
                radius: ['35%', '65%'],
                data: top.map((r) => ({ name: r.name, value: r.count })),
                label: { formatter: '{b}: {c}' },
              },
            ],
          }
        : {
            tooltip: { trigger: 'axis' },
            grid: { left: 110, right: 30, top: 10, bottom: 20 },
            xAxis: { type: 'value', minInterval: 1 },
            yAxis: { type: 'category', inverse: true, data: top.map((r) => r.name) },
            series: [
              { type: 'bar', data: top.map((r) => r.count), label: { show: true, position: 'right' } },
            ],
          },
    [chart, top],
  );
  return (
    <Card size="small" title={title} data-testid={testId}>
      {rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('reports.common.noData')} />
      ) : (
        <>
          <EChart
            option={option}
            height={Math.max(160, Math.min(top.length, 12) * 26 + 40)}
            onPick={(i) => top[i] && onDrill?.(top[i])}
          />
          <Table
            size="small"
            rowKey={(r) => r.key ?? '∅'}
            pagination={false}
            dataSource={rows}
            columns={[
              { title: title, dataIndex: 'name' },
              { title: t('reports.common.count'), dataIndex: 'count', width: 80, align: 'right' },
              {
                title: t('reports.common.share'),
                key: 'share',
                width: 80,
                align: 'right',
                render: (_, r) => (total ? `${((r.count / total) * 100).toFixed(1)}%` : '—'),
              },
              ...(onDrill
                ? [
                    {
                      key: 'drill',
                      width: 90,
                      className: 'report-no-print',
                      render: (_: unknown, r: CountRow) => (
                        <Button type="link" size="small" onClick={() => onDrill(r)}>
                          {t('reports.common.drill')}
                        </Button>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        </>
      )}
    </Card>
  );
}
