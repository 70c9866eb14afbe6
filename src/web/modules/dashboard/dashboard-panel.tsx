import { useMemo, useState } from 'react';
import { Alert, Button, Card, Col, Empty, Row, Space, Statistic, Table, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { get } from '../../api/client';
import { useCurrentUnit } from '../../app/current-unit';
import { UnitTreeSelect } from '../../components/unit-tree-select';
import type { CountLink, Dashboard, OpenByType } from '../../../shared/dashboard';
import { EChart, type EChartOption } from '../../components/echart';
import { currentLanguage } from '../../i18n';
import { DASHBOARD, DASHBOARD_KEY, REFRESH_MS } from './dashboard-api';

const TONE = {
  open: '#1677ff',
  dueToday: '#d46b08',
  atRisk: '#d4b106',
  breached: '#cf1322',
  waitingDepartment: '#722ed1',
  followUpsToday: '#13c2c2',
  technicians: '#389e0d',
  satisfaction: '#eb2f96',
} as const;

/** One tile: a count that opens the list behind it. */
function Tile({
  id,
  title,
  link,
  extra,
}: {
  id: keyof typeof TONE;
  title: string;
  link: CountLink;
  extra?: string;
}) {
  const navigate = useNavigate();
  return (
    <Card
      hoverable
      size="small"
      onClick={() => void navigate(link.href)}
      data-testid={`tile-${id}`}
      styles={{ body: { borderTop: `3px solid ${TONE[id]}` } }}
    >
      <Statistic title={title} value={link.count} valueStyle={{ color: TONE[id] }} />
      {extra && <Typography.Text type="secondary">{extra}</Typography.Text>}
    </Card>
  );
}

/** A table cell that links to exactly the tickets it counts (blank when none). */
const cell = (l: CountLink, testId?: string) =>
  l.count ? (
    <Link to={l.href} data-testid={testId}>
      {l.count}
    </Link>
  ) : (
    <Typography.Text type="secondary">0</Typography.Text>
  );

/** RPT-1: the live dashboard of the chosen unit (the header's unit by default), asked again every 30 s. */
export function DashboardPanel() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { unitId: currentUnitId } = useCurrentUnit();
  const [unitChoice, setUnitChoice] = useState<{ value: string | undefined } | null>(null);
  const unitId = unitChoice ? unitChoice.value : currentUnitId;
  const board = useQuery({
    queryKey: [DASHBOARD_KEY, unitId ?? null],
    queryFn: ({ signal }) => get<Dashboard>(DASHBOARD, { unitId }, signal),
    refetchInterval: REFRESH_MS,
    placeholderData: keepPreviousData,
  });
  const d = board.data;
  const typeName = (type: string) => t(`tickets.type.${type}`);
  const chart = useMemo<EChartOption | null>(() => {
    if (!d || d.tickets.byType.length === 0) return null;
    const typeName = (type: string) => t(`tickets.type.${type}`);
    const rows = d.tickets.byType;
    const series = (key: 'breached' | 'atRisk' | 'pendingCustomer', color: string) => ({
      name: t(`dashboard.byType.${key}`),
      type: 'bar',
      stack: 'sla',
      itemStyle: { color },
      data: rows.map((r) => r[key].count),
    });
    const onTrack = rows.map(
      (r) => r.open.count - r.breached.count - r.atRisk.count - r.pendingCustomer.count,
    );
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      // Bars lie down: a dozen ticket-type names side by side under columns overlap at this width.
      grid: { left: 8, right: 16, bottom: 8, top: 36, containLabel: true },
      yAxis: {
        type: 'category',
        inverse: true,
        data: rows.map((r) => typeName(r.type)),
        axisLabel: { interval: 0 },
      },
      xAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          name: t('dashboard.byType.onTrack'),
          type: 'bar',
          stack: 'sla',
          itemStyle: { color: '#69b1ff' },
          data: onTrack,
        },
        series('atRisk', TONE.atRisk),
        series('breached', TONE.breached),
        series('pendingCustomer', '#bfbfbf'),
      ],
    };
  }, [d, t]);

  const satisfaction = d?.satisfactionWeek;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="dashboard">
      <Card size="small">
        <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('dashboard.title')}
          </Typography.Title>
          <Space wrap>
            <UnitTreeSelect
              allowClear
              placeholder={t('dashboard.allUnits')}
              value={unitId}
              onChange={(value) => setUnitChoice({ value: value ?? undefined })}
              style={{ width: 220 }}
              data-testid="dashboard-unit"
            />
            <Typography.Text type="secondary" data-testid="dashboard-updated">
              {d ? t('dashboard.updatedAt', { time: dayjs(d.generatedAt).format('HH:mm') }) : ''}
            </Typography.Text>
            <Button
              icon={<ReloadOutlined />}
              loading={board.isFetching}
              onClick={() => void board.refetch()}
              aria-label={t('dashboard.refresh')}
            />
          </Space>
        </Space>
      </Card>
      {d?.calendarWarnings.map((w) => (
        <Alert
          key={w.years.join()}
          type="warning"
          showIcon
          data-testid="dashboard-calendar-warning"
          message={currentLanguage() === 'en' ? w.messageEn : w.message}
          action={
            <Link to={w.href}>
              <Button size="small">{t('dashboard.calendarWarning.open')}</Button>
            </Link>
          }
        />
      ))}
      {d && (
        <>
          <Row gutter={[16, 16]}>
            <Col xs={12} md={8} xl={4}>
              <Tile id="open" title={t('dashboard.tile.open')} link={d.tickets.open} />
            </Col>
            <Col xs={12} md={8} xl={4}>
              <Tile id="dueToday" title={t('dashboard.tile.dueToday')} link={d.tickets.dueToday} />
            </Col>
            <Col xs={12} md={8} xl={4}>
              <Tile id="atRisk" title={t('dashboard.tile.atRisk')} link={d.tickets.atRisk} />
            </Col>
            <Col xs={12} md={8} xl={4}>
              <Tile id="breached" title={t('dashboard.tile.breached')} link={d.tickets.breached} />
            </Col>
            <Col xs={12} md={8} xl={4}>
              <Tile
                id="waitingDepartment"
                title={t('dashboard.tile.waitingDepartment')}
                link={d.tickets.waitingDepartment}
              />
            </Col>
            {d.followUpsToday && (
              <Col xs={12} md={8} xl={4}>
                <Tile
                  id="followUpsToday"
                  title={t('dashboard.tile.followUpsToday')}
                  link={d.followUpsToday}
                />
              </Col>
            )}
            {d.technicians && (
              <Col xs={12} md={8} xl={4}>
                <Tile id="technicians" title={t('dashboard.tile.technicians')} link={d.technicians.total} />
              </Col>
            )}
            {satisfaction && (
              <Col xs={12} md={8} xl={4}>
                <Card
                  hoverable
                  size="small"
                  onClick={() => void navigate(satisfaction.href)}
                  data-testid="tile-satisfaction"
                  styles={{ body: { borderTop: `3px solid ${TONE.satisfaction}` } }}
                >
                  <Statistic
                    title={t('dashboard.tile.satisfaction')}
                    value={satisfaction.csatAverage ?? t('dashboard.tile.noScore')}
                    precision={satisfaction.csatAverage === null ? undefined : 2}
                    valueStyle={{ color: TONE.satisfaction }}
                  />
                  <Typography.Text type="secondary">
                    {t('dashboard.tile.responses', { count: satisfaction.responses })} ·{' '}
                    {t('dashboard.tile.detractors', { count: satisfaction.detractors })}
                  </Typography.Text>
                </Card>
              </Col>
            )}
          </Row>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={14}>
              <Card size="small" title={t('dashboard.byType.title')}>
                <Table<OpenByType>
                  size="small"
                  rowKey="type"
                  pagination={false}
                  dataSource={d.tickets.byType}
                  locale={{ emptyText: <Empty description={t('dashboard.byType.empty')} /> }}
                  data-testid="dashboard-by-type"
                  columns={[
                    { title: t('dashboard.byType.type'), dataIndex: 'type', render: typeName },
                    {
                      title: t('dashboard.byType.open'),
                      align: 'right',
                      render: (_, r) => cell(r.open, `by-type-${r.type}-open`),
                    },
                    {
                      title: t('dashboard.byType.atRisk'),
                      align: 'right',
                      render: (_, r) => cell(r.atRisk, `by-type-${r.type}-atRisk`),
                    },
                    {
                      title: t('dashboard.byType.breached'),
                      align: 'right',
                      render: (_, r) => cell(r.breached, `by-type-${r.type}-breached`),
                    },
                    {
                      title: t('dashboard.byType.waitingDepartment'),
                      align: 'right',
                      render: (_, r) => cell(r.waitingDepartment),
                    },
                    {
                      title: t('dashboard.byType.pendingCustomer'),
                      align: 'right',
                      render: (_, r) => cell(r.pendingCustomer),
                    },
                  ]}
                />
              </Card>
            </Col>
            <Col xs={24} xl={10}>
              <Card size="small" title={t('dashboard.byType.title')}>
                {chart ? (
                  <EChart
                    option={chart}
                    height={Math.max(260, 60 + 26 * (d?.tickets.byType.length ?? 0))}
                    testId="dashboard-chart"
                  />
                ) : (
                  <Empty description={t('dashboard.byType.empty')} />
                )}
              </Card>
            </Col>
          </Row>
          {d.technicians && (
            <Card size="small" title={t('dashboard.technicians.title')}>
              <Table
                size="small"
                rowKey="technicianId"
                pagination={false}
                dataSource={d.technicians.people}
                locale={{ emptyText: <Empty description={t('dashboard.technicians.empty')} /> }}
                columns={[
                  { title: t('dashboard.technicians.name'), dataIndex: 'name' },
                  {
                    title: t('dashboard.technicians.appointments'),
                    align: 'right',
                    render: (_, p) => cell(p.appointments),
                  },
                  { title: t('dashboard.technicians.finished'), align: 'right', dataIndex: 'finished' },
                ]}
              />
            </Card>
          )}
        </>
      )}
    </Space>
  );
}
