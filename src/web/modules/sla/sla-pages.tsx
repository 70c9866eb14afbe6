import { useState } from 'react';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Form,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { Link } from 'react-router';
import { TICKET_TYPES } from '../../../shared/tickets';
import { api, get, post } from '../../api/client';
import { localizedMessage } from '../../api/errors';
import { UnitTreeSelect } from '../../components/unit-tree-select';
import { formatTime } from '../../lib/format';
import { notifySuccess, showError } from '../../lib/notify';
import { PERM } from '../../auth/permissions';
import { useCan } from '../../auth/use-me';
import { MissingYearBanner, useUnitChoice } from '../calendar/calendar-page';
import type { MissingYearWarning } from '../calendar/calendar-model';
import { CountsInNote, holidaysOf, hoursOf, type CalendarSummary, type CountsIn } from './counts-in';
import {
  SlaPolicyEditor,
  atRiskText,
  overridesWith,
  type PolicyOverride,
  type PolicyTarget,
} from './sla-policy-editor';

interface Allowed {
  unit: string;
  amount?: number;
}
interface TargetRow {
  key: string;
  startsOn: string | { event: string };
  allowed: Allowed;
  pausesWhenPendingCustomer: boolean;
  startsAt?: string | null;
  dueAt?: string | null;
  atRiskAt?: string | null;
  note?: string | null;
}
interface Calculation {
  timeZone: string;
  policySource: string;
  targets: TargetRow[];
  warnings: MissingYearWarning[];
}

const allowedText = (t: TFunction, a: Allowed) =>
  a.unit === 'committed_date' ? t('sla.unit.committed_date') : t(`sla.unit.${a.unit}`, { count: a.amount });
const startsText = (t: TFunction, s: TargetRow['startsOn']) =>
  typeof s === 'string'
    ? t(`sla.startsOn.${s}`)
    : t('sla.startsOn.event', { event: t(`sla.event.${s.event}`, { defaultValue: s.event }) });
const targetName = (t: TFunction, key: string) => t(`sla.target.${key}`, { defaultValue: key });

/** 时限计算器: every target's due time for a ticket taken in at a given moment (SLA-2). */
export function SlaCalculatorPage() {
  const { t } = useTranslation();
  const [unitId, setUnitId] = useUnitChoice();
  const [result, setResult] = useState<Calculation | null>(null);
  const calc = useMutation({
    mutationFn: (v: { ticketType: string; intakeAt: Dayjs; committedAt?: Dayjs }) =>
      post<Calculation>('/api/v1/sla/calculate', {
        unitId,
        ticketType: v.ticketType,
        intakeAt: v.intakeAt.toISOString(),
        ...(v.committedAt ? { committedAt: v.committedAt.toISOString() } : {}),
      }),
    onSuccess: setResult,
    onError: showError,
  });
  return (
    <Card title={t('sla.calculatorTitle')}>
      <Form
        layout="inline"
        onFinish={calc.mutate}
        initialValues={{ ticketType: 'rectification' }}
        style={{ marginBottom: 16 }}
      >
        <Form.Item label={t('common.unit')}>
          <UnitTreeSelect value={unitId} onChange={setUnitId} />
        </Form.Item>
        <Form.Item name="ticketType" label={t('sla.ticketType')}>
          <Select
            style={{ width: 200 }}
            options={TICKET_TYPES.map((v) => ({ value: v, label: t(`sla.type.${v}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="intakeAt"
          label={t('sla.intakeAt')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
        </Form.Item>
        <Form.Item name="committedAt" label={t('sla.committedAt')}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={calc.isPending} disabled={!unitId}>
          {t('sla.calculate')}
        </Button>
      </Form>
      {result && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <MissingYearBanner warnings={result.warnings} />
          <Typography.Text type="secondary">
            {t('sla.policySourceLabel')}：{t(`sla.source.${result.policySource}`)} · {result.timeZone}
          </Typography.Text>
          <Table<TargetRow>
            size="small"
            rowKey="key"
            pagination={false}
            dataSource={result.targets}
            columns={[
              { title: t('sla.targetLabel'), dataIndex: 'key', render: (k: string) => targetName(t, k) },
              { title: t('sla.allowed'), key: 'allowed', render: (_, r) => allowedText(t, r.allowed) },
              { title: t('sla.startsOnLabel'), key: 'starts', render: (_, r) => startsText(t, r.startsOn) },
              {
                title: t('sla.atRiskAt'),
                dataIndex: 'atRiskAt',
                render: (v: string | null) => (v ? formatTime(v) : '—'),
              },
              {
                title: t('sla.dueAt'),
                key: 'due',
                render: (_, r) =>
                  r.dueAt ? (
                    <Typography.Text strong>{formatTime(r.dueAt)}</Typography.Text>
                  ) : (
                    <Tag>{t(`sla.note.${r.note ?? 'none'}`)}</Tag>
                  ),
              },
            ]}
          />
        </Space>
      )}
    </Card>
  );
}

interface Policies {
  effective: {
    ticketType: string;
    source: string;
    sourceUnitId: string | null;
    targets: PolicyTarget[];
    countsIn: CountsIn[];
  }[];
  own: PolicyOverride[];
  calendar: CalendarSummary;
}

/** SLA-1: the calendar this unit's working-time targets count in, above its policies. */
function CalendarBanner({ calendar }: { calendar: CalendarSummary }) {
  const { t } = useTranslation();
  return (
    <Alert
      type="info"
      showIcon
      data-testid="sla-calendar-banner"
      title={t('countsIn.banner', {
        unit: calendar.unitName,
        hours: hoursOf(calendar),
        holidays: holidaysOf(calendar),
      })}
      description={
        <Space wrap>
          <Typography.Text type="secondary">{t('countsIn.bannerHint')}</Typography.Text>
          <Link to="/calendar">{t('countsIn.editCalendar')}</Link>
        </Space>
      }
    />
  );
}
/** 时限策略: the effective targets per ticket type for a unit; holders of sla.manage edit them (SLA-2). */
export function SlaPoliciesPage() {
  const { t } = useTranslation();
  const canManage = useCan()(PERM.slaManage);
  const [unitId, setUnitId] = useUnitChoice();
  const [editing, setEditing] = useState<string | null>(null);
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: ['sla-policies', unitId],
    queryFn: ({ signal }) => get<Policies>('/api/v1/sla/policies', { unitId }, signal),
    enabled: !!unitId,
  });
  const put = useMutation({
    mutationFn: (v: { policies: PolicyOverride[]; reset: boolean }) =>
      api<Policies>('/api/v1/sla/policies', {
        method: 'PUT',
        query: { unitId },
        body: { policies: v.policies },
      }),
    onSuccess: (_, v) => {
      notifySuccess(v.reset ? t('sla.resetDone') : t('common.saved'));
      setEditing(null);
      void qc.invalidateQueries({ queryKey: ['sla-policies'] });
    },
    // Save errors (e.g. 422 sla.invalid_policy) stay in the open drawer; a reset has no drawer.
    onError: (err, v) => v.reset && showError(err),
  });
  const own = q.data?.own ?? [];
  const editingPolicy = q.data?.effective.find((p) => p.ticketType === editing);
  const changeUnit = (id: string | undefined) => {
    setEditing(null);
    put.reset();
    setUnitId(id);
  };

  return (
    <Card title={t('sla.policiesTitle')} extra={<UnitTreeSelect value={unitId} onChange={changeUnit} />}>
      {q.error && <Alert type="error" message={localizedMessage(q.error)} />}
      <Space direction="vertical" style={{ width: '100%' }}>
        {q.data && <CalendarBanner calendar={q.data.calendar} />}
        {(q.data?.effective ?? []).map((p) => (
          <Card
            key={p.ticketType}
            size="small"
            title={t(`sla.type.${p.ticketType}`)}
            extra={
              <Space>
                <Tag color={SOURCE_COLOR[p.source]}>{t(`sla.source.${p.source}`)}</Tag>
                {canManage && p.source === 'own' && (
                  <Popconfirm
                    title={t('sla.resetConfirm')}
                    onConfirm={() =>
                      put.mutate({ policies: overridesWith(own, p.ticketType, null), reset: true })
                    }
                  >
                    <Button size="small" disabled={put.isPending}>
                      {t('sla.reset')}
                    </Button>
                  </Popconfirm>
                )}
                {canManage && (
                  <Button
                    size="small"
                    type="primary"
                    ghost
                    onClick={() => {
                      put.reset();
                      setEditing(p.ticketType);
                    }}
                  >
                    {t('common.edit')}
                  </Button>
                )}
              </Space>
            }
          >
            <Table<PolicyTarget>
              size="small"
              rowKey="key"
              pagination={false}
              dataSource={p.targets}
              columns={[
                { title: t('sla.targetLabel'), dataIndex: 'key', render: (k: string) => targetName(t, k) },
                { title: t('sla.allowed'), key: 'allowed', render: (_, r) => allowedText(t, r.allowed) },
                {
                  title: t('countsIn.column'),
                  key: 'countsIn',
                  render: (_, r, i) => (p.countsIn[i] ? <CountsInNote countsIn={p.countsIn[i]} /> : null),
                },
                { title: t('sla.startsOnLabel'), key: 'starts', render: (_, r) => startsText(t, r.startsOn) },
                { title: t('sla.atRiskRatio'), key: 'atRisk', render: (_, r) => atRiskText(r) },
                {
                  title: t('sla.pauses'),
                  dataIndex: 'pausesWhenPendingCustomer',
                  render: (v: boolean) => (v ? t('common.yes') : t('common.no')),
                },
              ]}
            />
          </Card>
        ))}
      </Space>
      {editingPolicy && (
        <SlaPolicyEditor
          key={`${unitId ?? ''}:${editingPolicy.ticketType}`}
          ticketType={editingPolicy.ticketType}
          targets={editingPolicy.targets}
          calendar={q.data?.calendar ?? null}
          saving={put.isPending}
          error={put.isError ? put.error : null}
          onClose={() => setEditing(null)}
          onSave={(targets) =>
            put.mutate({ policies: overridesWith(own, editingPolicy.ticketType, targets), reset: false })
          }
        />
      )}
    </Card>
  );
}

const SOURCE_COLOR: Record<string, string> = { own: 'blue', inherited: 'purple', default: 'default' };
