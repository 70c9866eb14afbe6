import { useMemo, useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Flex,
  Row,
  Space,
  Statistic,
  Table,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { FileExcelOutlined, PrinterOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { get, post } from '../../api/client';
import { useCurrentUnit } from '../../app/current-unit';
import { UnitTreeSelect } from '../../components/unit-tree-select';
import { UserSelect } from '../../components/user-select';
import { downloadFile } from '../../lib/download';
import { formatTime } from '../../lib/format';
import { notifySuccess, showError } from '../../lib/notify';
import { EChart, type EChartOption } from '../../components/echart';
import type { HotlineAgentRow, HotlineReport } from '../../../shared/telephony';

const HOTLINE_API = '/api/v1/telephony/hotline';
const percent = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

/** Hides the app shell and the filters when printing, so the page prints as a one-page report. */
const PRINT_CSS = `
@media print {
  .ant-layout-sider, .ant-layout-header, [data-print-hide] { display: none !important; }
  .ant-layout-content { margin: 0 !important; padding: 0 !important; }
  [data-print-only] { display: block !important; }
  .ant-card { break-inside: avoid; }
}
[data-print-only] { display: none; }
`;

/** Downloads the report as Excel; a refusal (400, 404) shows as the server's message. */
async function downloadXlsx(query: Record<string, string | undefined>, done: () => void) {
  try {
    await downloadFile(`${HOTLINE_API}/export.xlsx`, query, `热线报表-${query.from}-${query.to}.xlsx`);
    done();
  } catch (error) {
    showError(error);
  }
}

/** SLA-9 热线接听报表: answer time from ringing, share within three rings, abandoned calls, by hour and agent. */
export function HotlineReportPage() {
  const { t } = useTranslation();
  const { unitId: currentUnit } = useCurrentUnit();
  const [unitId, setUnitId] = useState<string | undefined>(currentUnit);
  const [agentId, setAgentId] = useState<string | undefined>();
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [dayjs().subtract(6, 'day'), dayjs()]);
  const [exporting, setExporting] = useState(false);
  const [refreshing, setRefreshing] = useState(false);
  const queryClient = useQueryClient();
  const refreshNow = async () => {
    setRefreshing(true);
    try {
      await post(`${HOTLINE_API}/refresh`);
      await queryClient.invalidateQueries({ queryKey: ['telephony', 'hotline'] });
    } catch (error) {
      showError(error);
    } finally {
      setRefreshing(false);
    }
  };
  const query = {
    unitId,
    agentId,
    from: range[0].format('YYYY-MM-DD'),
    to: range[1].format('YYYY-MM-DD'),
  };
  const report = useQuery({
    queryKey: ['telephony', 'hotline', query],
    queryFn: ({ signal }) => get<HotlineReport>(HOTLINE_API, query, signal),
  });
  const data = report.data;

  const hourChart = useMemo<EChartOption | null>(() => {
    if (!data) return null;
    const hours = data.byHour.map((h) => `${String(h.hour).padStart(2, '0')}:00`);
    return {
      tooltip: { trigger: 'axis' },
      legend: {
        bottom: 0,
        data: [
          t('telephony.hotline.answered'),
          t('telephony.hotline.abandoned'),
          t('telephony.hotline.rateLine'),
        ],
      },
      grid: { left: 40, right: 48, top: 24, bottom: 56 },
      xAxis: { type: 'category', data: hours },
      yAxis: [
        { type: 'value', minInterval: 1 },
        { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      ],
      series: [
        {
          name: t('telephony.hotline.answered'),
          type: 'bar',
          stack: 'calls',
          itemStyle: { color: '#1677ff' },
          data: data.byHour.map((h) => h.answered),
        },
        {
          name: t('telephony.hotline.abandoned'),
          type: 'bar',
          stack: 'calls',
          itemStyle: { color: '#ff7875' },
          data: data.byHour.map((h) => h.abandoned),
        },
        {
          name: t('telephony.hotline.rateLine'),
          type: 'line',
          yAxisIndex: 1,
          connectNulls: false,
          itemStyle: { color: '#52c41a' },
          data: data.byHour.map((h) =>
            h.answeredInTargetRate === null ? null : Math.round(h.answeredInTargetRate * 1000) / 10,
          ),
        },
      ],
    };
  }, [data, t]);

  const seconds = (v: number | null) => (v === null ? '—' : t('telephony.hotline.seconds', { value: v }));
  const agentColumns: TableColumnsType<HotlineAgentRow> = [
    { title: t('telephony.hotline.agent'), dataIndex: 'name' },
    { title: t('telephony.hotline.calls'), dataIndex: 'calls', width: 110, align: 'right' },
    { title: t('telephony.hotline.answered'), dataIndex: 'answered', width: 110, align: 'right' },
    { title: t('telephony.hotline.abandoned'), dataIndex: 'abandoned', width: 110, align: 'right' },
    {
      title: t('telephony.hotline.inTargetRate'),
      key: 'rate',
      width: 130,
      align: 'right',
      render: (_, r) => percent(r.answeredInTargetRate),
    },
    {
      title: t('telephony.hotline.average'),
      key: 'avg',
      width: 150,
      align: 'right',
      render: (_, r) => seconds(r.averageAnswerSeconds),
    },
    {
      title: t('telephony.hotline.averageTalk'),
      key: 'talk',
      width: 150,
      align: 'right',
      render: (_, r) => seconds(r.averageTalkSeconds),
    },
  ];
  const busyHours = (data?.byHour ?? []).filter((h) => h.calls > 0);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="hotline-report">
      <style>{PRINT_CSS}</style>
      <Flex justify="space-between" align="start" wrap gap={8}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('telephony.hotline.title')}
          </Typography.Title>
          <Typography.Text type="secondary">
            {t('telephony.hotline.subtitle', { seconds: data?.targetSeconds ?? 15 })}
          </Typography.Text>
          <div data-print-only>
            {t('telephony.hotline.printedAt', {
              unit: data?.unit?.name ?? t('telephony.hotline.allUnits'),
              from: query.from,
              to: query.to,
            })}
          </div>
        </div>
        <Space data-print-hide>
          <Button
            icon={<FileExcelOutlined />}
            loading={exporting}
            data-testid="hotline-export"
            onClick={() => {
              setExporting(true);
              void downloadXlsx(query, () => notifySuccess(t('telephony.hotline.exported'))).finally(() =>
                setExporting(false),
              );
            }}
          >
            {t('telephony.hotline.export')}
          </Button>
          <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
            {t('telephony.hotline.print')}
          </Button>
        </Space>
      </Flex>
      <Flex wrap gap={8} align="center" data-print-hide>
        <UnitTreeSelect value={unitId} onChange={(v) => setUnitId(v)} data-testid="hotline-unit" />
        <DatePicker.RangePicker
          value={range}
          allowClear={false}
          onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
        />
        <UserSelect
          allowClear
          style={{ minWidth: 180 }}
          placeholder={t('telephony.hotline.allAgents')}
          value={agentId}
          onChange={setAgentId}
        />
      </Flex>
      {data && (
        <Flex wrap gap={8} data-print-hide>
          <Typography.Text type="secondary" data-testid="hotline-as-of">
            {data.asOf
              ? t('telephony.hotline.asOf', { time: formatTime(data.asOf) })
              : t('telephony.hotline.notYet')}
          </Typography.Text>
          {data.pendingDays > 0 && (
            <Typography.Text type="warning">
              {t('telephony.hotline.pending', { count: data.pendingDays })}
            </Typography.Text>
          )}
          <Button
            size="small"
            icon={<ReloadOutlined />}
            loading={refreshing}
            onClick={() => void refreshNow()}
            data-testid="hotline-refresh"
          >
            {t('telephony.hotline.refresh')}
          </Button>
        </Flex>
      )}
      {report.error && <Alert type="error" showIcon title={(report.error as Error).message} />}
      <Row gutter={[12, 12]}>
        {(
          [
            ['calls', data?.calls],
            ['answered', data?.answered],
            ['abandoned', data?.abandoned],
            ['inTargetRate', percent(data?.answeredInTargetRate ?? null)],
            ['average', seconds(data?.averageAnswerSeconds ?? null)],
            ['averageTalk', seconds(data?.averageTalkSeconds ?? null)],
          ] as const
        ).map(([key, value]) => (
          <Col key={key} xs={12} sm={8} lg={4}>
            <Card size="small" loading={report.isLoading}>
              <Statistic
                title={t(`telephony.hotline.${key}`)}
                value={value ?? '—'}
                valueStyle={
                  key === 'abandoned' && (data?.abandoned ?? 0) > 0 ? { color: '#cf1322' } : undefined
                }
              />
            </Card>
          </Col>
        ))}
      </Row>
      {data && data.ringingNow > 0 && (
        <Alert type="info" showIcon title={t('telephony.hotline.ringingNow', { count: data.ringingNow })} />
      )}
      {data && data.calls === 0 ? (
        <Card>
          <Empty description={t('telephony.hotline.noData')} />
        </Card>
      ) : (
        data && (
          <>
            <Card size="small" title={t('telephony.hotline.byHour')}>
              {hourChart && <EChart option={hourChart} height={300} testId="hotline-hour-chart" />}
              <Table
                size="small"
                rowKey="hour"
                pagination={false}
                dataSource={busyHours}
                columns={[
                  {
                    title: t('telephony.hotline.hour'),
                    key: 'hour',
                    render: (_, h) =>
                      `${String(h.hour).padStart(2, '0')}:00–${String(h.hour + 1).padStart(2, '0')}:00`,
                  },
                  { title: t('telephony.hotline.calls'), dataIndex: 'calls', align: 'right' },
                  { title: t('telephony.hotline.answered'), dataIndex: 'answered', align: 'right' },
                  { title: t('telephony.hotline.abandoned'), dataIndex: 'abandoned', align: 'right' },
                  {
                    title: t('telephony.hotline.inTargetRate'),
                    key: 'rate',
                    align: 'right',
                    render: (_, h) => percent(h.answeredInTargetRate),
                  },
                ]}
              />
            </Card>
            <Card size="small" title={t('telephony.hotline.byAgent')}>
              <Table
                size="small"
                rowKey="agentId"
                pagination={false}
                dataSource={data.byAgent}
                columns={agentColumns}
                data-testid="hotline-agents"
              />
            </Card>
          </>
        )
      )}
    </Space>
  );
}
