import { useState } from 'react';
import { Alert, Button, Drawer, InputNumber, Select, Space, Switch, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { SLA_DURATION_UNITS } from '../../../shared/sla';
import { localizedMessage } from '../../api/errors';
import { CountsInNote, countsInOfUnit, type CalendarSummary } from './counts-in';

export const DURATION_UNITS = SLA_DURATION_UNITS;
type DurationUnit = (typeof DURATION_UNITS)[number];

/** A policy target as the server stores and accepts it (sla.schemas.ts `targetSchema`). */
export interface PolicyTarget {
  key: string;
  startsOn: string | { event: string };
  stopsOn: string;
  allowed: { unit: DurationUnit; amount: number } | { unit: 'committed_date' };
  pausesWhenPendingCustomer: boolean;
  atRiskRatio?: number;
}

// Matches the engine's default (SLA-8): a target is at risk once 80% of its time is used.
export const DEFAULT_AT_RISK_PERCENT = 80;

export interface DraftRow {
  key: string;
  unit: DurationUnit | 'committed_date';
  amount: number | null;
  atRiskPercent: number | null;
  pauses: boolean;
}

export const toDraft = (target: PolicyTarget): DraftRow => ({
  key: target.key,
  unit: target.allowed.unit,
  amount: target.allowed.unit === 'committed_date' ? null : target.allowed.amount,
  atRiskPercent:
    target.atRiskRatio === undefined ? DEFAULT_AT_RISK_PERCENT : Math.round(target.atRiskRatio * 1000) / 10,
  pauses: target.pausesWhenPendingCustomer,
});

/** Only the fields the server accepts: the PUT body is a strict object and refuses extras. */
export function cleanTarget(target: PolicyTarget): PolicyTarget {
  return {
    key: target.key,
    startsOn: target.startsOn,
    stopsOn: target.stopsOn,
    allowed: target.allowed,
    pausesWhenPendingCustomer: target.pausesWhenPendingCustomer,
    ...(target.atRiskRatio === undefined ? {} : { atRiskRatio: target.atRiskRatio }),
  };
}

export function applyDraft(target: PolicyTarget, row: DraftRow): PolicyTarget {
  const allowed: PolicyTarget['allowed'] =
    row.unit === 'committed_date' ? { unit: 'committed_date' } : { unit: row.unit, amount: row.amount ?? 0 };
  const percent = row.atRiskPercent ?? DEFAULT_AT_RISK_PERCENT;
  // Leave the ratio unset while it is the default, so a later change of the default still applies.
  const keepDefault = target.atRiskRatio === undefined && percent === DEFAULT_AT_RISK_PERCENT;
  return {
    ...cleanTarget(target),
    allowed,
    pausesWhenPendingCustomer: row.pauses,
    ...(keepDefault ? {} : { atRiskRatio: percent / 100 }),
  };
}

/** One of the unit's own overrides, as GET returns and PUT accepts it. */
export interface PolicyOverride {
  ticketType: string;
  priority: string | null;
  targets: PolicyTarget[];
}

/** The unit's own overrides with one type's general (no-priority) policy replaced, or dropped when `targets` is null. */
export function overridesWith(
  own: PolicyOverride[],
  ticketType: string,
  targets: PolicyTarget[] | null,
): PolicyOverride[] {
  // PUT replaces the unit's whole override set, so every other override is sent along unchanged.
  const others = own
    .filter((p) => !(p.ticketType === ticketType && p.priority === null))
    .map((p) => ({ ...p, targets: p.targets.map(cleanTarget) }));
  return targets ? [...others, { ticketType, priority: null, targets }] : others;
}

/** The at-risk share as shown to people, e.g. "80%". */
export const atRiskText = (r: PolicyTarget) =>
  `${Math.round((r.atRiskRatio ?? DEFAULT_AT_RISK_PERCENT / 100) * 1000) / 10}%`;

const targetName = (t: TFunction, key: string) => t(`sla.target.${key}`, { defaultValue: key });

interface Props {
  ticketType: string;
  targets: PolicyTarget[];
  /** The unit's calendar, to show which one each target counts in as its unit is changed. */
  calendar: CalendarSummary | null;
  saving: boolean;
  error: unknown;
  onSave(targets: PolicyTarget[]): void;
  onClose(): void;
}

/** Drawer editing one ticket type's targets for the chosen unit (SLA-2: configurable per unit). */
export function SlaPolicyEditor({ ticketType, targets, calendar, saving, error, onSave, onClose }: Props) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<DraftRow[]>(() => targets.map(toDraft));
  const update = (key: string, patch: Partial<DraftRow>) =>
    setDraft((rows) => rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const incomplete = draft.some(
    (r) => (r.unit !== 'committed_date' && r.amount === null) || r.atRiskPercent === null,
  );
  const save = () => onSave(targets.map((target, i) => applyDraft(target, draft[i] ?? toDraft(target))));

  return (
    <Drawer
      open
      size={820}
      title={t('sla.editTitle', { type: t(`sla.type.${ticketType}`) })}
      onClose={onClose}
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} disabled={incomplete} onClick={save}>
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('sla.editHelp')}</Typography.Text>
        {error ? <Alert type="error" showIcon message={localizedMessage(error)} /> : null}
        <Table<DraftRow>
          size="small"
          rowKey="key"
          pagination={false}
          dataSource={draft}
          columns={[
            { title: t('sla.targetLabel'), dataIndex: 'key', render: (k: string) => targetName(t, k) },
            {
              title: t('sla.allowed'),
              key: 'allowed',
              render: (_, r) =>
                r.unit === 'committed_date' ? (
                  <Typography.Text>{t('sla.unit.committed_date')}</Typography.Text>
                ) : (
                  <Space.Compact>
                    <InputNumber
                      aria-label={t('sla.amount')}
                      style={{ width: 90 }}
                      min={0}
                      value={r.amount}
                      status={r.amount === null ? 'error' : undefined}
                      onChange={(v) => update(r.key, { amount: v })}
                    />
                    <Select
                      aria-label={t('sla.durationUnit')}
                      style={{ width: 120 }}
                      value={r.unit}
                      onChange={(unit: DurationUnit) => update(r.key, { unit })}
                      options={DURATION_UNITS.map((u) => ({ value: u, label: t(`sla.unitName.${u}`) }))}
                    />
                  </Space.Compact>
                ),
            },
            ...(calendar
              ? [
                  {
                    title: t('countsIn.column'),
                    key: 'countsIn',
                    render: (_: unknown, r: DraftRow) => (
                      <CountsInNote countsIn={countsInOfUnit(r.unit, calendar)} />
                    ),
                  },
                ]
              : []),
            {
              title: t('sla.atRiskRatio'),
              key: 'atRisk',
              width: 130,
              render: (_, r) => (
                <InputNumber
                  aria-label={t('sla.atRiskRatio')}
                  style={{ width: 100 }}
                  min={1}
                  max={99}
                  value={r.atRiskPercent}
                  status={r.atRiskPercent === null ? 'error' : undefined}
                  suffix="%"
                  onChange={(v) => update(r.key, { atRiskPercent: v })}
                />
              ),
            },
            {
              title: t('sla.pauses'),
              key: 'pauses',
              width: 140,
              render: (_, r) => (
                <Switch
                  aria-label={t('sla.pauses')}
                  checked={r.pauses}
                  onChange={(pauses) => update(r.key, { pauses })}
                />
              ),
            },
          ]}
        />
      </Space>
    </Drawer>
  );
}
