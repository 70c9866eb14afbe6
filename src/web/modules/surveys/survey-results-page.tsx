import { useMemo, useState } from 'react';
import {
  Alert,
  Card,
  Col,
  DatePicker,
  Empty,
  Flex,
  Row,
  Select,
  Space,
  Statistic,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { get } from '../../api/client';
import { useCurrentUnit } from '../../app/current-unit';
import { ListExportButton } from '../../components/list-export-button';
import { UnitTreeSelect } from '../../components/unit-tree-select';
import { UserSelect } from '../../components/user-select';
import { formatTime } from '../../lib/format';
import { CsatTrendChart, DistributionChart, NpsChart } from './survey-charts';
import { SURVEYS_API } from './surveys-api';
import type { SurveyResults, SurveyTemplate } from '../../../shared/surveys';
import { ListTable } from '../../components/list-table';

type Employee = SurveyResults['employees'][number];
type Comment = SurveyResults['comments'][number];

const pct = (v: number | null) => (v === null ? '—' : `${v}%`);
const num = (v: number | null) => (v === null ? '—' : String(v));

const employeeColumns = (t: TFunction): TableColumnsType<Employee> => [
  { title: t('surveys.results.employee'), dataIndex: 'name' },
  { title: t('surveys.results.responses'), dataIndex: 'responses', width: 100 },
  { title: t('surveys.results.csat'), key: 'csat', width: 150, render: (_, r) => num(r.csatAverage) },
  {
    title: t('surveys.results.satisfiedRate'),
    key: 'sat',
    width: 140,
    render: (_, r) => pct(r.csatSatisfiedRate),
  },
  { title: t('surveys.results.nps'), key: 'nps', width: 110, render: (_, r) => num(r.nps.score) },
  {
    title: t('surveys.results.detractors'),
    dataIndex: 'detractors',
    width: 150,
    render: (v: number) => (v > 0 ? <Tag color="red">{v}</Tag> : 0),
  },
];

const scoreOf = (t: TFunction, r: Comment) =>
  [
    r.csat !== null ? `CSAT ${r.csat}` : null,
    r.nps !== null ? `NPS ${r.nps}` : null,
    r.satisfaction ? t(`surveys.level.${r.satisfaction}`) : null,
  ]
    .filter(Boolean)
    .join(' · ');

const commentColumns = (t: TFunction): TableColumnsType<Comment> => [
  {
    title: t('surveys.results.respondedAt'),
    key: 'at',
    width: 150,
    render: (_, r) => formatTime(r.respondedAt),
  },
  { title: t('surveys.results.score'), key: 'score', width: 160, render: (_, r) => scoreOf(t, r) },
  { title: t('surveys.results.comment'), dataIndex: 'comment' },
  {
    title: t('surveys.results.employee'),
    dataIndex: 'employeeName',
    width: 110,
    render: (v: string | null) => v ?? '—',
  },
  {
    title: t('surveys.results.subject'),
    key: 'subject',
    width: 110,
    render: (_, r) =>
      r.subjectType === 'ticket' ? (
        <Link to={`/tickets/${r.subjectId}`}>{t('surveys.results.subject')}</Link>
      ) : (
        r.subjectType
      ),
  },
  {
    title: t('surveys.results.followUp'),
    key: 'followUp',
    width: 100,
    render: (_, r) =>
      r.followUpTicketId ? (
        <Link to={`/tickets/${r.followUpTicketId}`} data-testid="comment-follow-up">
          {t('surveys.results.followUp')}
        </Link>
      ) : (
        '—'
      ),
  },
];
/** 满意度结果: CSAT trend, NPS, answer distributions, employees and comments for a unit (SAT-3, SAT-4). */
export function SurveyResultsPage() {
  const { t } = useTranslation();
  const { unitId: currentUnit } = useCurrentUnit();
  const [params] = useSearchParams();
  const [unitId, setUnitId] = useState<string | undefined>(params.get('unitId') ?? currentUnit);
  const [employeeId, setEmployeeId] = useState<string | undefined>(params.get('employeeId') ?? undefined);
  const [templateCode, setTemplateCode] = useState<string | undefined>(
    params.get('templateCode') ?? undefined,
  );
  // From/to in the address (the dashboard's "this week" tile, RPT-1) open that period.
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() =>
    params.get('from') && params.get('to')
      ? [dayjs(params.get('from')), dayjs(params.get('to')).subtract(1, 'millisecond')]
      : [dayjs().subtract(12, 'week').startOf('day'), dayjs().endOf('day')],
  );
  const subjectType = params.get('subjectType') ?? undefined;
  const subjectId = params.get('subjectId') ?? undefined;

  const templates = useQuery({
    queryKey: ['surveys', 'templates', unitId],
    queryFn: ({ signal }) => get<{ items: SurveyTemplate[] }>(`${SURVEYS_API}/templates`, { unitId }, signal),
    enabled: !!unitId,
  });
  const filters = {
    unitId,
    employeeId,
    templateCode,
    subjectType,
    subjectId,
    from: range[0].toISOString(),
    to: range[1].toISOString(),
  };
  const results = useQuery({
    queryKey: ['surveys', 'results', filters],
    queryFn: ({ signal }) => get<SurveyResults>(`${SURVEYS_API}/results`, filters, signal),
  });
  const data = results.data;
  const optionsOf = useMemo(
    () => new Map((templates.data?.items ?? []).map((tp) => [tp.code, tp])),
    [templates.data],
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('surveys.results.title')}
      </Typography.Title>
      <Flex wrap gap={8} align="center">
        <UnitTreeSelect value={unitId} onChange={(v) => setUnitId(v)} data-testid="results-unit" />
        <DatePicker.RangePicker
          value={range}
          allowClear={false}
          onChange={(v) => v?.[0] && v[1] && setRange([v[0].startOf('day'), v[1].endOf('day')])}
        />
        <Select
          allowClear
          style={{ minWidth: 180 }}
          placeholder={t('surveys.results.allTemplates')}
          value={templateCode}
          onChange={setTemplateCode}
          options={(templates.data?.items ?? []).map((tp) => ({ value: tp.code, label: tp.name }))}
        />
        <UserSelect
          allowClear
          style={{ minWidth: 180 }}
          placeholder={t('surveys.results.allEmployees')}
          value={employeeId}
          onChange={setEmployeeId}
        />
        {subjectId && <Tag color="blue">{t('surveys.results.filteredBySubject')}</Tag>}
      </Flex>
      {data?.truncated && <Alert type="info" showIcon title={t('surveys.results.truncated')} />}
      <Row gutter={[12, 12]}>
        {[
          ['invited', data?.summary.invited],
          ['responses', data?.summary.responses],
          ['responseRate', pct(data?.summary.responseRate ?? null)],
          ['csat', num(data?.summary.csatAverage ?? null)],
          ['satisfiedRate', pct(data?.summary.csatSatisfiedRate ?? null)],
          ['nps', num(data?.summary.nps.score ?? null)],
          ['detractors', data?.summary.detractors],
        ].map(([key, value]) => (
          <Col key={key as string} xs={12} sm={8} md={6} lg={3}>
            <Card size="small" loading={results.isLoading}>
              <Statistic
                title={t(`surveys.results.${key as string}`)}
                value={(value as string | number | undefined) ?? '—'}
              />
            </Card>
          </Col>
        ))}
      </Row>
      {data && data.summary.responses === 0 ? (
        <Card>
          <Empty description={t('surveys.results.noData')} />
        </Card>
      ) : (
        data && (
          <>
            <Row gutter={[12, 12]}>
              <Col xs={24} lg={15}>
                <Card size="small" title={t('surveys.results.trend')}>
                  <CsatTrendChart trend={data.trend} />
                </Card>
              </Col>
              <Col xs={24} lg={9}>
                <Card
                  size="small"
                  title={`${t('surveys.results.nps')} · ${t('surveys.results.npsBreakdown')}`}
                >
                  <NpsChart nps={data.summary.nps} />
                </Card>
              </Col>
            </Row>
            {data.distributions.map((d) => (
              <Card
                key={d.templateCode}
                size="small"
                title={`${t('surveys.results.distribution')} · ${optionsOf.get(d.templateCode)?.name ?? d.title}`}
              >
                <Row gutter={[12, 12]}>
                  {d.questions.map((q) => (
                    <Col key={q.questionId} xs={24} md={12} xl={8}>
                      <Typography.Text strong>{q.label}</Typography.Text>
                      <Typography.Text type="secondary"> （{q.answered}）</Typography.Text>
                      <DistributionChart question={q} options={q.options} />
                    </Col>
                  ))}
                </Row>
              </Card>
            ))}
            <Card size="small" title={t('surveys.results.employees')}>
              <ListTable<Employee>
                rowKey="employeeId"
                size="small"
                columns={employeeColumns(t)}
                dataSource={data.employees}
                pagination={{ pageSize: 20 }}
              />
            </Card>
            <Card
              size="small"
              title={t('surveys.results.comments')}
              extra={
                <ListExportButton
                  path={`${SURVEYS_API}/answers/export.xlsx`}
                  filters={filters}
                  filename={t('surveys.results.answers')}
                />
              }
            >
              <ListTable<Comment>
                rowKey="invitationId"
                size="small"
                columns={commentColumns(t)}
                dataSource={data.comments}
                pagination={{ pageSize: 20 }}
              />
            </Card>
          </>
        )
      )}
    </Space>
  );
}
