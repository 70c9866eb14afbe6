import { useEffect, useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Flex,
  Form,
  InputNumber,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { get, post } from '../../api/client';
import { useCurrentUnit } from '../../app/current-unit';
import { useCan } from '../../auth/use-me';
import { UnitTreeSelect } from '../../components/unit-tree-select';
import { UserSelect } from '../../components/user-select';
import { formatTime } from '../../lib/format';
import { notifySuccess, showError } from '../../lib/notify';
import {
  REVIEW_STATES,
  type ReviewSubjectType,
  type QualityFigures,
  type ReviewSummary,
  type SampleResult,
} from '../../../shared/quality';
import { QUALITY_API, QUALITY_PERM } from './quality-api';

export const STATE_COLORS: Record<ReviewSummary['state'], string> = {
  sampled: 'default',
  scored: 'blue',
  appealed: 'orange',
  upheld: 'purple',
  revised: 'green',
};
const REASON_COLORS: Record<ReviewSummary['reason'], string> = {
  complaint: 'red',
  dissatisfied: 'volcano',
  random: 'default',
};

interface DrawForm {
  unitId: string;
  range: [Dayjs, Dayjs];
  agentId?: string;
  subjectTypes: ReviewSubjectType[];
  everyComplaint: boolean;
  everyDissatisfied: boolean;
  randomPercent: number;
}

/** 抽取样本: the period's complaints, dissatisfied answers and a random share (RPT-7). */
function DrawCard({ unitId }: { unitId: string | undefined }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [form] = Form.useForm<DrawForm>();
  const [result, setResult] = useState<SampleResult | null>(null);
  const draw = useMutation({
    mutationFn: (v: DrawForm) =>
      post<SampleResult>(`${QUALITY_API}/samples`, {
        unitId: v.unitId,
        from: v.range[0].format('YYYY-MM-DD'),
        to: v.range[1].format('YYYY-MM-DD'),
        ...(v.agentId ? { agentIds: [v.agentId] } : {}),
        subjectTypes: v.subjectTypes,
        everyComplaint: v.everyComplaint,
        everyDissatisfied: v.everyDissatisfied,
        randomPercent: v.randomPercent,
      }),
    onSuccess: (r) => {
      setResult(r);
      notifySuccess(t('quality.draw.submit'));
      void client.invalidateQueries({ queryKey: ['quality', 'reviews'] });
    },
    onError: showError,
  });
  // The report month named after this calendar month, under the company's cut-off day (RPT-2): the
  // server names its dates, so a company cutting on the 20th samples the 21st to the 20th.
  const month = dayjs().format('YYYY-MM');
  const period = useQuery({
    queryKey: ['quality', 'figures', { unitId, month }],
    queryFn: ({ signal }) => get<QualityFigures>(`${QUALITY_API}/figures`, { unitId, month }, signal),
  });
  const from = period.data?.from;
  const to = period.data?.to;
  useEffect(() => {
    if (from && to && !form.isFieldTouched('range')) form.setFieldsValue({ range: [dayjs(from), dayjs(to)] });
  }, [form, from, to]);
  return (
    <Card size="small" title={t('quality.draw.title')}>
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t('quality.draw.hint')}
      </Typography.Paragraph>
      <Form<DrawForm>
        form={form}
        layout="inline"
        initialValues={{
          unitId,
          subjectTypes: ['ticket', 'follow_up'],
          everyComplaint: true,
          everyDissatisfied: true,
          randomPercent: 5,
        }}
        onFinish={(v) => draw.mutate(v)}
        data-testid="quality-draw"
      >
        <Form.Item name="unitId" rules={[{ required: true, message: t('quality.review.required') }]}>
          <UnitTreeSelect style={{ minWidth: 200 }} />
        </Form.Item>
        <Form.Item name="range" label={t('quality.draw.range')} rules={[{ required: true }]}>
          <DatePicker.RangePicker allowClear={false} data-testid="quality-draw-range" />
        </Form.Item>
        <Form.Item name="agentId">
          <UserSelect placeholder={t('quality.draw.agents')} style={{ minWidth: 220 }} />
        </Form.Item>
        <Form.Item name="subjectTypes" label={t('quality.draw.kinds')} rules={[{ required: true }]}>
          <Checkbox.Group
            options={(['ticket', 'follow_up'] as const).map((k) => ({
              value: k,
              label: t(`quality.subject.${k}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="everyComplaint" valuePropName="checked">
          <Checkbox>{t('quality.draw.everyComplaint')}</Checkbox>
        </Form.Item>
        <Form.Item name="everyDissatisfied" valuePropName="checked">
          <Checkbox>{t('quality.draw.everyDissatisfied')}</Checkbox>
        </Form.Item>
        <Form.Item name="randomPercent" label={t('quality.draw.randomPercent')}>
          <InputNumber min={0} max={100} style={{ width: 80 }} />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={draw.isPending} data-testid="quality-draw-submit">
            {t('quality.draw.submit')}
          </Button>
        </Form.Item>
      </Form>
      {result && (
        <Alert
          style={{ marginTop: 12 }}
          type="success"
          showIcon
          data-testid="quality-draw-result"
          title={t('quality.draw.done', {
            candidates: result.candidates,
            drawn: result.drawn,
            complaint: result.byReason.complaint,
            dissatisfied: result.byReason.dissatisfied,
            random: result.byReason.random,
            already: result.alreadyReviewed,
          })}
        />
      )}
    </Card>
  );
}

/** 质检记录: a supervisor draws and scores; an agent sees their own scored reviews (RPT-7). */
export function QualityReviewsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const navigate = useNavigate();
  const supervises = can(QUALITY_PERM.review);
  const { unitId: currentUnit } = useCurrentUnit();
  const [unitId, setUnitId] = useState<string | undefined>(supervises ? currentUnit : undefined);
  const [state, setState] = useState<ReviewSummary['state'] | undefined>();
  const [agentId, setAgentId] = useState<string | undefined>();
  const [month, setMonth] = useState<Dayjs | null>(null);
  const [page, setPage] = useState(1);
  const query = {
    unitId,
    state,
    agentId,
    month: month?.format('YYYY-MM'),
    page,
    pageSize: 20,
  };
  const list = useQuery({
    queryKey: ['quality', 'reviews', query],
    queryFn: ({ signal }) =>
      get<{ items: ReviewSummary[]; total: number }>(`${QUALITY_API}/reviews`, query, signal),
  });
  const score = (r: ReviewSummary) =>
    r.finalPercent === null ? (
      '—'
    ) : r.finalPercent !== r.percent ? (
      <span>
        <Typography.Text delete type="secondary">
          {r.percent}
        </Typography.Text>{' '}
        <Typography.Text strong>{r.finalPercent}</Typography.Text>
      </span>
    ) : (
      <Typography.Text strong>{r.finalPercent}</Typography.Text>
    );
  const columns: TableColumnsType<ReviewSummary> = [
    {
      title: t('quality.list.subject'),
      key: 'subject',
      render: (_, r) => (
        <Space size={4}>
          <Tag>{t(`quality.subject.${r.subjectType}`)}</Tag>
          <Link to={`/quality/reviews/${r.id}`}>{r.subjectLabel}</Link>
        </Space>
      ),
    },
    { title: t('quality.list.agent'), key: 'agent', width: 120, render: (_, r) => r.agent.name },
    {
      title: t('quality.list.reason'),
      key: 'reason',
      width: 120,
      render: (_, r) => <Tag color={REASON_COLORS[r.reason]}>{t(`quality.reason.${r.reason}`)}</Tag>,
    },
    {
      title: t('quality.list.state'),
      key: 'state',
      width: 170,
      render: (_, r) => <Tag color={STATE_COLORS[r.state]}>{t(`quality.state.${r.state}`)}</Tag>,
    },
    { title: t('quality.list.score'), key: 'score', width: 100, align: 'right', render: (_, r) => score(r) },
    {
      title: t('quality.list.reviewer'),
      key: 'reviewer',
      width: 110,
      render: (_, r) => r.reviewer?.name ?? '—',
    },
    { title: t('quality.list.month'), dataIndex: 'month', width: 100 },
    {
      title: t('quality.list.handledAt'),
      key: 'handledAt',
      width: 150,
      render: (_, r) => formatTime(r.handledAt),
    },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {supervises ? t('quality.list.title') : t('quality.list.mineTitle')}
      </Typography.Title>
      {!supervises && <Alert type="info" showIcon title={t('quality.list.mineHint')} />}
      {supervises && <DrawCard unitId={currentUnit} />}
      <Flex wrap gap={8} align="center">
        {supervises && <UnitTreeSelect value={unitId} onChange={(v) => (setUnitId(v), setPage(1))} />}
        <Select
          allowClear
          style={{ minWidth: 180 }}
          placeholder={t('quality.list.allStates')}
          value={state}
          onChange={(v) => (setState(v), setPage(1))}
          options={REVIEW_STATES.map((s) => ({ value: s, label: t(`quality.state.${s}`) }))}
          data-testid="quality-state-filter"
        />
        {supervises && (
          <UserSelect
            allowClear
            style={{ minWidth: 180 }}
            placeholder={t('quality.list.allAgents')}
            value={agentId}
            onChange={(v) => (setAgentId(v), setPage(1))}
          />
        )}
        <DatePicker
          picker="month"
          value={month}
          placeholder={t('quality.list.month')}
          onChange={(v) => (setMonth(v), setPage(1))}
        />
      </Flex>
      <Table<ReviewSummary>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        columns={columns}
        locale={{ emptyText: supervises ? t('quality.list.empty') : undefined }}
        onRow={(r) => ({ onDoubleClick: () => void navigate(`/quality/reviews/${r.id}`) })}
        pagination={{
          current: page,
          pageSize: 20,
          total: list.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
        }}
        data-testid="quality-reviews"
      />
    </Space>
  );
}
