import { useState } from 'react';
import { Alert, Button, Card, Popconfirm, Space, Switch, Tabs, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlayCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { api, get, post } from '../../api/client';
import { useCurrentUnit } from '../../app/current-unit';
import { useCan } from '../../auth/use-me';
import { ListExportButton } from '../../components/list-export-button';
import { localName } from '../../lib/format';
import { notifySuccess, showError } from '../../lib/notify';
import { CARE_API, CARE_KEY, CARE_PERM, type CareRule, type RuleInForce, type TriggerKind } from './care-api';
import { CareObjections } from './care-objections';
import { CareRuleModal } from './care-rule-modal';
import { ListTable } from '../../components/list-table';

/** How a rule's trigger reads in a list: the event, the date, or the days of silence. */
export function triggerText(t: TFunction, rule: CareRule): string {
  const tr = rule.trigger;
  if (tr.kind === 'event') return t(`care.rules.event.${tr.event}`);
  if (tr.kind === 'inactivity') return t('care.rules.inactivityDays', { days: tr.days });
  return t(`care.rules.field.${tr.field}`);
}
export const offsetText = (t: TFunction, rule: CareRule) =>
  `${rule.offset.amount >= 0 ? '+' : ''}${rule.offset.amount} ${t(`care.rules.unit.${rule.offset.unit}`)}`;

/** 关怀规则 (CARE-1): the rules in force at the chosen unit, grouped by trigger; edit, switch off, restore. */
export function CareRulesPage() {
  const { t } = useTranslation();
  const can = useCan();
  const queryClient = useQueryClient();
  const { unitId } = useCurrentUnit();
  const [editing, setEditing] = useState<CareRule | 'new' | null>(null);
  const manage = can(CARE_PERM.manage);
  const key = [CARE_KEY, 'rules', unitId];
  const rules = useQuery({
    queryKey: key,
    enabled: !!unitId,
    queryFn: ({ signal }) =>
      get<{ items: RuleInForce[] }>(`${CARE_API}/units/${unitId}/rules`, undefined, signal),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: [CARE_KEY, 'rules'] });
  const save = useMutation({
    mutationFn: ({ code, ...rule }: CareRule) =>
      api<CareRule>(`${CARE_API}/units/${unitId}/rules/${code}`, { method: 'PUT', body: rule }),
    onSuccess: async () => {
      notifySuccess(t('care.rules.saved'));
      setEditing(null);
      await refresh();
    },
    onError: showError,
  });
  const reset = useMutation({
    mutationFn: (code: string) =>
      api<void>(`${CARE_API}/units/${unitId}/rules/${code}`, { method: 'DELETE' }),
    onSuccess: async () => {
      notifySuccess(t('care.rules.resetDone'));
      await refresh();
    },
    onError: showError,
  });
  const run = useMutation({
    mutationFn: () => post<{ created: number }>(`${CARE_API}/units/${unitId}/run`, {}),
    onSuccess: async (r) => {
      notifySuccess(t('care.rules.ran', { count: r.created }));
      await queryClient.invalidateQueries({ queryKey: [CARE_KEY] });
    },
    onError: showError,
  });

  const columns: TableColumnsType<RuleInForce> = [
    {
      title: t('care.rules.name'),
      key: 'name',
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{localName(r.rule.nameZh, r.rule.nameEn)}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.rule.code}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('care.rules.when'), key: 'when', width: 140, render: (_, r) => triggerText(t, r.rule) },
    { title: t('care.rules.offset'), key: 'offset', width: 110, render: (_, r) => offsetText(t, r.rule) },
    {
      title: t('care.rules.channel'),
      key: 'channel',
      width: 120,
      render: (_, r) => (
        <Space size={2}>
          <Tag>{t(`care.channel.${r.rule.channel}`)}</Tag>
          {r.rule.purpose === 'marketing' && <Tag color="orange">{t('care.purpose.marketing')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('care.rules.line'),
      key: 'line',
      width: 90,
      render: (_, r) => t(`care.rules.businessLine.${r.rule.businessLine}`),
    },
    {
      title: t('care.rules.source'),
      key: 'source',
      width: 100,
      render: (_, r) =>
        r.ownHere ? (
          <Tag color="blue">{t('care.rules.own')}</Tag>
        ) : r.fromUnitId ? (
          <Tag>{t('care.rules.inherited')}</Tag>
        ) : (
          <Tag>{t('care.rules.shipped')}</Tag>
        ),
    },
    {
      title: t('care.rules.enabled'),
      key: 'enabled',
      width: 80,
      render: (_, r) => (
        <Switch
          checked={r.rule.enabled}
          disabled={!manage}
          loading={save.isPending && save.variables.code === r.rule.code}
          onChange={(enabled) => save.mutate({ ...r.rule, enabled })}
          data-testid={`care-rule-enabled-${r.rule.code}`}
        />
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 150,
      render: (_, r) =>
        manage && (
          <Space size={0}>
            <Button type="link" size="small" onClick={() => setEditing(r.rule)}>
              {t('care.rules.edit')}
            </Button>
            {r.ownHere && (
              <Popconfirm title={t('care.rules.reset')} onConfirm={() => reset.mutate(r.rule.code)}>
                <Button type="link" size="small">
                  {t('care.rules.reset')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        ),
    },
  ];
  const items = rules.data?.items ?? [];
  const groups: TriggerKind[] = ['event', 'date', 'inactivity'];

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Card
        title={t('care.rules.title')}
        extra={
          <Space>
            <ListExportButton
              path={`${CARE_API}/rules/export.xlsx`}
              filters={{ unitId }}
              filename={t('care.rules.title')}
            />
            {manage && (
              <Button icon={<PlayCircleOutlined />} loading={run.isPending} onClick={() => run.mutate()}>
                {t('care.rules.runNow')}
              </Button>
            )}
            {manage && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
                {t('care.rules.newRule')}
              </Button>
            )}
          </Space>
        }
      >
        <Alert type="info" showIcon title={t('care.rules.intro')} style={{ marginBottom: 12 }} />
        <Tabs
          items={groups.map((g) => {
            const rows = items.filter((r) => r.rule.trigger.kind === g);
            return {
              key: g,
              label: `${t(`care.rules.group.${g}`)} (${rows.length})`,
              children: (
                <ListTable<RuleInForce>
                  rowKey={(r) => r.rule.code}
                  size="small"
                  loading={rules.isFetching}
                  dataSource={rows}
                  columns={columns}
                  pagination={{ pageSize: 20, hideOnSinglePage: true }}
                  expandable={{
                    expandedRowRender: (r) => <Typography.Paragraph>{r.rule.script}</Typography.Paragraph>,
                  }}
                  data-testid={`care-rules-${g}`}
                />
              ),
            };
          })}
        />
      </Card>
      {unitId && <CareObjections unitId={unitId} manage={manage} ruleCodes={items.map((r) => r.rule)} />}
      {editing && (
        <CareRuleModal
          rule={editing === 'new' ? null : editing}
          saving={save.isPending}
          onCancel={() => setEditing(null)}
          onSave={(rule) => save.mutate(rule)}
        />
      )}
    </Space>
  );
}
