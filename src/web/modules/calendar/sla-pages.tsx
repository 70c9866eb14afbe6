import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Form, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { get, post } from '../../api/client';
import { localizedMessage } from '../../api/errors';
import { UnitTreeSelect } from '../../components/unit-tree-select';
import { formatTime } from '../../lib/format';
import { showError } from '../../lib/notify';
import { MissingYearBanner, useUnitChoice } from './calendar-page';
import type { MissingYearWarning } from './calendar-model';

export const TICKET_TYPES = [
  'consultation_direct',
  'consultation_indirect',
  'rectification',
  'soft_complaint',
  'hard_complaint',
  'repair',
] as const;

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
  typeof s === 'string' ? t(`sla.startsOn.${s}`) : t('sla.startsOn.event', { event: s.event });
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
            style={{ width: 160 }}
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
  effective: { ticketType: string; source: string; targets: TargetRow[] }[];
}

/** 时限策略: the effective targets per ticket type for a unit (read-only for now). */
export function SlaPoliciesPage() {
  const { t } = useTranslation();
  const [unitId, setUnitId] = useUnitChoice();
  const q = useQuery({
    queryKey: ['sla-policies', unitId],
    queryFn: ({ signal }) => get<Policies>('/api/v1/sla/policies', { unitId }, signal),
    enabled: !!unitId,
  });
  return (
    <Card title={t('sla.policiesTitle')} extra={<UnitTreeSelect value={unitId} onChange={setUnitId} />}>
      {q.error && <Alert type="error" message={localizedMessage(q.error)} />}
      <Space direction="vertical" style={{ width: '100%' }}>
        {(q.data?.effective ?? []).map((p) => (
          <Card
            key={p.ticketType}
            size="small"
            title={t(`sla.type.${p.ticketType}`)}
            extra={
              <Tag color={p.source === 'default' ? 'default' : 'blue'}>{t(`sla.source.${p.source}`)}</Tag>
            }
          >
            <Table<TargetRow>
              size="small"
              rowKey="key"
              pagination={false}
              dataSource={p.targets}
              columns={[
                { title: t('sla.targetLabel'), dataIndex: 'key', render: (k: string) => targetName(t, k) },
                { title: t('sla.allowed'), key: 'allowed', render: (_, r) => allowedText(t, r.allowed) },
                { title: t('sla.startsOnLabel'), key: 'starts', render: (_, r) => startsText(t, r.startsOn) },
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
    </Card>
  );
}
