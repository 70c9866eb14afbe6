import { useState } from 'react';
import { Card, DatePicker, Select, Space, Table, Tag, Tooltip } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { AuditEntry } from '../../api/types';
import { usePagedList } from '../../hooks/use-paged-list';
import { useDebouncedValue } from '../../hooks/use-debounced-value';
import { ListExportButton } from '../../components/list-export-button';
import { UserSelect } from '../../components/user-select';
import { formatTimeSeconds } from '../../lib/format';
import { AuditDiffView } from './audit-diff-view';
import { AUDIT_ACTION_LABELS, AUDIT_SUBJECT_TYPE_LABELS, auditActionLabel } from '../../../shared/audit';

// Old rows say 'unit' and 'workorder' for what newer ones call 'organisation_unit' and 'work_order'.
const FILTER_SUBJECT_TYPES = Object.keys(AUDIT_SUBJECT_TYPE_LABELS).filter(
  (type) => type !== 'unit' && type !== 'workorder',
);

const subjectTypeLabel = (t: TFunction, type: string) => t(`subjectType.${type}`, { defaultValue: type });
/** A subject as people call it: its number or name; without one, the start of its id. */
const subjectText = (e: AuditEntry) =>
  e.subjectLabel ?? (e.subjectId.length > 12 ? `${e.subjectId.slice(0, 8)}…` : e.subjectId);

export function AuditPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith('zh') ? 'zh' : 'en';
  const actionName = (code: string) => auditActionLabel(code, lang);
  const [subjectType, setSubjectType] = useState('');
  const [action, setAction] = useState('');
  const [actorId, setActorId] = useState<string | undefined>();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const typedSubjectType = useDebouncedValue(subjectType.trim());
  const typedAction = useDebouncedValue(action.trim());
  const filters = {
    subjectType: typedSubjectType,
    action: typedAction,
    actorId,
    from: range?.[0]?.startOf('day').toISOString(),
    to: range?.[1]?.endOf('day').toISOString(),
  };
  const { query, items, pagination } = usePagedList<AuditEntry>('audit', '/api/v1/audit', filters);

  const actorName = (e: AuditEntry) =>
    e.actor?.displayName ??
    (e.actorOrigin === 'customer_survey'
      ? t('audit.customerSurvey')
      : e.actorOrigin === 'customer_link'
        ? t('audit.customerLink')
        : e.actorOrigin === 'customer_portal'
          ? t('audit.customerPortal')
          : t('audit.system'));
  const columns: TableColumnsType<AuditEntry> = [
    { title: t('audit.at'), dataIndex: 'at', width: 170, render: (v: string) => formatTimeSeconds(v) },
    { title: t('audit.actor'), key: 'actor', width: 120, ellipsis: true, render: (_, e) => actorName(e) },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      width: 220,
      ellipsis: { showTitle: false },
      render: (v: string) => (
        <Tooltip title={t('audit.actionCode', { code: v })}>
          <span data-testid="audit-action">{actionName(v)}</span>
        </Tooltip>
      ),
    },
    {
      title: t('audit.subjectId'),
      key: 'subject',
      ellipsis: { showTitle: false },
      render: (_, e) => (
        <Tooltip title={t('audit.subjectCode', { id: e.subjectId })}>
          <Space size={4}>
            <Tag>{subjectTypeLabel(t, e.subjectType)}</Tag>
            <span data-testid="audit-subject">{subjectText(e)}</span>
          </Space>
        </Tooltip>
      ),
    },
    { title: t('audit.ip'), dataIndex: 'ip', width: 130, render: (v: string | null) => v ?? '—' },
  ];

  return (
    <Card
      title={t('audit.title')}
      extra={
        <ListExportButton path="/api/v1/audit/export.xlsx" filters={filters} filename={t('audit.title')} />
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          value={subjectType || undefined}
          onChange={(v: string | undefined) => setSubjectType(v ?? '')}
          placeholder={t('audit.subjectType')}
          aria-label={t('audit.subjectType')}
          options={FILTER_SUBJECT_TYPES.map((type) => ({ value: type, label: subjectTypeLabel(t, type) }))}
          style={{ width: 180 }}
        />
        <Select
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          value={action || undefined}
          onChange={(v: string | undefined) => setAction(v ?? '')}
          placeholder={t('audit.action')}
          aria-label={t('audit.action')}
          options={Object.keys(AUDIT_ACTION_LABELS).map((code) => ({ value: code, label: actionName(code) }))}
          style={{ width: 220 }}
          popupMatchSelectWidth={false}
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
