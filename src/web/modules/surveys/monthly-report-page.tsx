import { useMemo, useState } from 'react';
import {
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Form,
  Input,
  Modal,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { get, patch, post } from '../../api/client';
import { useCurrentUnit } from '../../app/current-unit';
import { useCan } from '../../auth/use-me';
import { UnitTreeSelect } from '../../components/unit-tree-select';
import { UserSelect } from '../../components/user-select';
import { showError } from '../../lib/notify';
import {
  IMPROVEMENT_STATES,
  type ImprovementAction,
  type ImprovementState,
  type MonthlyReport,
} from '../../../shared/satisfaction-reports';
import { PrintButton, ReportExcelButton, ReportPrintStyle } from '../dashboard';
import { EChart, type EChartOption } from '../../components/echart';
import { SURVEY_PERM, SURVEYS_API } from './surveys-api';

const KEY = 'surveys-monthly';
const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const num = (v: number | null, digits = 2) => (v === null ? '—' : v.toFixed(digits));
const STATE_COLOR: Record<ImprovementState, string> = {
  open: 'default',
  in_progress: 'processing',
  done: 'success',
  cancelled: 'default',
};

/** RPT-5 / SAT-4: 月度满意度报告 — units, employees, trend, agent figures and the improvement plan. */
export function MonthlyReportPage() {
  const { t } = useTranslation();
  const can = useCan();
  const client = useQueryClient();
  const { unitId: currentUnitId } = useCurrentUnit();
  const [unitChoice, setUnitChoice] = useState<{ value: string | undefined } | null>(null);
  const unitId = unitChoice ? unitChoice.value : currentUnitId;
  // Until a month is picked the server answers the current report month (the company's cut-off day).
  const [month, setMonth] = useState<Dayjs | null>(null);
  const query = { unitId, month: month?.format('YYYY-MM') };
  const report = useQuery({
    queryKey: [KEY, query],
    queryFn: ({ signal }) => get<MonthlyReport>(`${SURVEYS_API}/monthly-report`, query, signal),
    placeholderData: keepPreviousData,
  });
  const r = report.data;
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm();
  const refresh = () => void client.invalidateQueries({ queryKey: [KEY] });
  const add = useMutation({
    mutationFn: (v: { action: string; ownerId: string; dueDate: Dayjs; note?: string }) =>
      post<ImprovementAction>(`${SURVEYS_API}/improvement-actions`, {
        unitId,
        period: query.month ?? r?.period.label,
        action: v.action,
        ownerId: v.ownerId,
        dueDate: v.dueDate.format('YYYY-MM-DD'),
        ...(v.note ? { note: v.note } : {}),
      }),
    onSuccess: () => {
      setAdding(false);
      form.resetFields();
      refresh();
    },
    onError: showError,
  });
  const move = useMutation({
    mutationFn: ({ id, state }: { id: string; state: ImprovementState }) =>
      patch<ImprovementAction>(`${SURVEYS_API}/improvement-actions/${id}`, { state }),
    onSuccess: refresh,
    onError: showError,
  });

  const chart = useMemo<EChartOption | null>(() => {
    if (!r) return null;
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 48, bottom: 32, top: 40 },
      xAxis: { type: 'category', data: r.trend.map((p) => p.label) },
      yAxis: [
        { type: 'value', min: 0, max: 5, name: 'CSAT' },
        { type: 'value', minInterval: 1, name: t('surveys.monthly.responses') },
      ],
      series: [
        { name: t('surveys.monthly.csat'), type: 'line', data: r.trend.map((p) => p.csatAverage) },
        {
          name: t('surveys.monthly.responses'),
          type: 'bar',
          yAxisIndex: 1,
          data: r.trend.map((p) => p.responses),
        },
      ],
    };
  }, [r, t]);

  const summaryColumns = [
    { title: t('surveys.monthly.responses'), dataIndex: 'responses', align: 'right' as const },
    {
      title: t('surveys.monthly.csat'),
      dataIndex: 'csatAverage',
      align: 'right' as const,
      render: (v: number | null) => num(v),
    },
    { title: 'NPS', dataIndex: 'nps', align: 'right' as const, render: (v: number | null) => num(v, 0) },
    { title: t('surveys.monthly.detractors'), dataIndex: 'detractors', align: 'right' as const },
  ];
  const canManage = can(SURVEY_PERM.manage) && !!unitId;

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="surveys-monthly">
      <ReportPrintStyle />
      <Card
        title={t('surveys.monthly.title')}
        extra={
          <Space className="no-print">
            <ReportExcelButton
              path={`${SURVEYS_API}/monthly-report.xlsx`}
              query={{ unitId, month: r?.period.label }}
              filename={`${t('surveys.monthly.title')}-${r?.period.label ?? ''}`}
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
          <DatePicker
            picker="month"
            allowClear={false}
            value={month ?? (r ? dayjs(`${r.period.label}-01`) : null)}
            onChange={(v) => v && setMonth(v)}
            data-testid="monthly-month"
          />
        </Space>
        {r && (
          <>
            <Typography.Paragraph type="secondary">
              {t('surveys.monthly.period', {
                from: r.period.from,
                to: r.period.to,
                rule:
                  r.cutOffDay === 31
                    ? t('surveys.monthly.calendarMonth')
                    : t('surveys.monthly.cutOff', { day: r.cutOffDay }),
              })}
            </Typography.Paragraph>
            <Row gutter={16}>
              <Col span={4}>
                <Statistic title={t('surveys.monthly.csat')} value={num(r.summary.csatAverage)} />
              </Col>
              <Col span={4}>
                <Statistic title={t('surveys.monthly.responses')} value={r.summary.responses} />
              </Col>
              <Col span={4}>
                <Statistic title={t('surveys.monthly.responseRate')} value={pct(r.summary.responseRate)} />
              </Col>
              <Col span={4}>
                <Statistic title="NPS" value={num(r.summary.nps, 0)} />
              </Col>
              <Col span={4}>
                <Statistic title={t('surveys.monthly.detractors')} value={r.summary.detractors} />
              </Col>
              <Col span={4}>
                <Statistic
                  title={t('surveys.monthly.followUpRate')}
                  value={pct(r.followUps.completionRate)}
                  suffix={
                    <Typography.Text type="secondary">{`${r.followUps.completed}/${r.followUps.due}`}</Typography.Text>
                  }
                />
              </Col>
            </Row>
          </>
        )}
      </Card>
      <Row gutter={16}>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('surveys.monthly.trend')}>
            {chart ? <EChart option={chart} height={280} testId="monthly-chart" /> : <Empty />}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('surveys.monthly.units')}>
            <Table
              size="small"
              rowKey="unitId"
              pagination={false}
              dataSource={r?.units ?? []}
              columns={[{ title: t('surveys.monthly.unit'), dataIndex: 'unitName' }, ...summaryColumns]}
            />
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('surveys.monthly.employees')}>
        <Table
          size="small"
          rowKey="employeeId"
          pagination={false}
          dataSource={r?.employees ?? []}
          data-testid="monthly-employees"
          columns={[
            { title: t('surveys.monthly.employee'), dataIndex: 'name' },
            ...summaryColumns,
            { title: t('surveys.monthly.resolved'), dataIndex: 'resolved', align: 'right' },
            {
              title: t('surveys.monthly.firstContact'),
              dataIndex: 'firstContactRate',
              align: 'right',
              render: (v: number | null) => pct(v),
            },
            {
              title: t('surveys.monthly.handlingHours'),
              dataIndex: 'averageHandlingHours',
              align: 'right',
              render: (v: number | null) => num(v, 1),
            },
          ]}
        />
      </Card>
      <Card
        size="small"
        title={t('surveys.monthly.plan')}
        extra={
          canManage && (
            <Button className="no-print" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {t('surveys.monthly.addAction')}
            </Button>
          )
        }
      >
        <Table<ImprovementAction>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={r?.actions ?? []}
          data-testid="monthly-actions"
          columns={[
            { title: t('surveys.monthly.unit'), dataIndex: 'unitName' },
            { title: t('surveys.monthly.action'), dataIndex: 'action' },
            { title: t('surveys.monthly.owner'), dataIndex: 'ownerName' },
            {
              title: t('surveys.monthly.dueDate'),
              dataIndex: 'dueDate',
              render: (v: string, a) =>
                a.overdue ? <Typography.Text type="danger">{v}</Typography.Text> : v,
            },
            {
              title: t('surveys.monthly.state'),
              dataIndex: 'state',
              render: (s: ImprovementState, a) =>
                can(SURVEY_PERM.manage) ? (
                  <Select<ImprovementState>
                    size="small"
                    value={s}
                    style={{ width: 110 }}
                    onChange={(state) => move.mutate({ id: a.id, state })}
                    options={IMPROVEMENT_STATES.map((v) => ({
                      value: v,
                      label: t(`surveys.monthly.states.${v}`),
                    }))}
                  />
                ) : (
                  <Tag color={STATE_COLOR[s]}>{t(`surveys.monthly.states.${s}`)}</Tag>
                ),
            },
          ]}
        />
      </Card>
      <Modal
        open={adding}
        title={t('surveys.monthly.addAction')}
        onCancel={() => setAdding(false)}
        onOk={() => form.submit()}
        confirmLoading={add.isPending}
      >
        <Form form={form} layout="vertical" onFinish={(v) => add.mutate(v)}>
          <Form.Item name="action" label={t('surveys.monthly.action')} rules={[{ required: true, max: 500 }]}>
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item name="ownerId" label={t('surveys.monthly.owner')} rules={[{ required: true }]}>
            <UserSelect userStatus="active" />
          </Form.Item>
          <Form.Item name="dueDate" label={t('surveys.monthly.dueDate')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="note" label={t('surveys.monthly.note')} rules={[{ max: 1000 }]}>
            <Input />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
