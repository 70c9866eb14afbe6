import { useState } from 'react';
import { AutoComplete, Card, DatePicker, Input, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { AuditEntry } from '../../api/types';
import { usePagedList } from '../../hooks/use-paged-list';
import { useDebouncedValue } from '../../hooks/use-debounced-value';
import { ExportButton } from '../../components/export-button';
import { UserSelect } from '../../components/user-select';
import type { CsvColumn } from '../../lib/csv';
import { formatTimeSeconds } from '../../lib/format';
import { AuditDiffView } from './audit-diff-view';
import { stableJson } from './audit-diff';

const KNOWN_SUBJECT_TYPES = ['unit', 'user', 'role', 'account_request', 'session'];

const subjectTypeLabel = (t: TFunction, type: string) => t(`subjectType.${type}`, { defaultValue: type });

export function AuditPage() {
  const { t } = useTranslation();
  const [subjectType, setSubjectType] = useState('');
  const [action, setAction] = useState('');
  const [actorId, setActorId] = useState<string | undefined>();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const typedSubjectType = useDebouncedValue(subjectType.trim());
  const typedAction = useDebouncedValue(action.trim());
  const { query, items, pagination } = usePagedList<AuditEntry>('audit', '/api/v1/audit', {
    subjectType: typedSubjectType,
    action: typedAction,
    actorId,
    from: range?.[0]?.startOf('day').toISOString(),
    to: range?.[1]?.endOf('day').toISOString(),
  });

  const actorName = (e: AuditEntry) =>
    e.actor?.displayName ??
    (e.actorOrigin === 'customer_survey' ? t('audit.customerSurvey') : t('audit.system'));
  const columns: TableColumnsType<AuditEntry> = [
    { title: t('audit.at'), dataIndex: 'at', width: 170, render: (v: string) => formatTimeSeconds(v) },
    { title: t('audit.actor'), key: 'actor', width: 120, render: (_, e) => actorName(e) },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      width: 200,
      render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
    },
    {
      title: t('audit.subjectType'),
      dataIndex: 'subjectType',
      width: 130,
      render: (v: string) => <Tag>{subjectTypeLabel(t, v)}</Tag>,
    },
    { title: t('audit.subjectId'), dataIndex: 'subjectId', ellipsis: true },
    { title: t('audit.ip'), dataIndex: 'ip', width: 130, render: (v: string | null) => v ?? '—' },
  ];
  const csvColumns: CsvColumn<AuditEntry>[] = [
    { title: t('audit.at'), value: (e) => formatTimeSeconds(e.at) },
    { title: t('audit.actor'), value: actorName },
    { title: t('audit.action'), value: (e) => e.action },
    { title: t('audit.subjectType'), value: (e) => subjectTypeLabel(t, e.subjectType) },
    { title: t('audit.subjectId'), value: (e) => e.subjectId },
    { title: t('audit.ip'), value: (e) => e.ip },
    { title: t('audit.before'), value: (e) => stableJson(e.before ?? undefined) },
    { title: t('audit.after'), value: (e) => stableJson(e.after ?? undefined) },
  ];

  return (
    <Card
      title={t('audit.title')}
      extra={<ExportButton rows={items} columns={csvColumns} filename={t('audit.title')} />}
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <AutoComplete
          allowClear
          value={subjectType}
          onChange={(v: string | undefined) => setSubjectType(v ?? '')}
          placeholder={t('audit.subjectType')}
          options={KNOWN_SUBJECT_TYPES.map((type) => ({
            value: type,
            label: `${subjectTypeLabel(t, type)}（${type}）`,
          }))}
          style={{ width: 200 }}
        />
        <Input
          allowClear
          value={action}
          onChange={(e) => setAction(e.target.value)}
          placeholder={t('audit.action')}
          style={{ width: 200 }}
        />
        <UserSelect
          value={actorId}
          onChange={(v) => setActorId(v ?? undefined)}
          placeholder={t('audit.actor')}
        />
        <DatePicker.RangePicker
          value={range}
          onChange={(v) => setRange(v)}
          aria-label={t('audit.dateRange')}
        />
      </Space>
      <Table<AuditEntry>
        rowKey="id"
        size="middle"
        loading={query.isFetching}
        dataSource={items}
        columns={columns}
        pagination={pagination}
        expandable={{
          expandedRowRender: (e) => <AuditDiffView entry={e} />,
          rowExpandable: (e) => e.before !== null || e.after !== null,
        }}
        data-testid="audit-table"
      />
    </Card>
  );
}
