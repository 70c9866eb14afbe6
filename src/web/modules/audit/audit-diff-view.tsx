import { Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../api/types';
import { diffSnapshots, displayValue } from './audit-diff';
import type { FieldChange } from './audit-diff';

const Value = ({ value, tone }: { value: unknown; tone: 'danger' | 'success' | undefined }) =>
  value === undefined ? (
    <Typography.Text type="secondary">—</Typography.Text>
  ) : (
    <Typography.Text type={tone} style={{ whiteSpace: 'pre-wrap', fontFamily: 'monospace', fontSize: 12 }}>
      {displayValue(value)}
    </Typography.Text>
  );

/** Before/after of one audit row, field by field, changed fields highlighted. */
export function AuditDiffView({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const rows = diffSnapshots(entry.before, entry.after);
  const changed = rows.filter((r) => r.changed).length;
  const columns: TableColumnsType<FieldChange> = [
    {
      title: t('audit.field'),
      dataIndex: 'field',
      width: 200,
      render: (f: string, r) => <Typography.Text strong={r.changed}>{f || '—'}</Typography.Text>,
    },
    {
      title: t('audit.before'),
      key: 'before',
      render: (_, r) => <Value value={r.before} tone={r.changed ? 'danger' : undefined} />,
    },
    {
      title: t('audit.after'),
      key: 'after',
      render: (_, r) => <Value value={r.after} tone={r.changed ? 'success' : undefined} />,
    },
  ];
  return (
    <div data-testid="audit-diff">
      <Typography.Text type="secondary">
        {changed ? t('audit.changedCount', { count: changed }) : t('audit.noChanges')}
      </Typography.Text>
      <Table<FieldChange>
        rowKey="field"
        size="small"
        pagination={false}
        dataSource={rows}
        columns={columns}
        rowClassName={(r) => (r.changed ? 'audit-changed' : '')}
        style={{ marginTop: 8 }}
      />
    </div>
  );
}
