import { useState } from 'react';
import { Button, Card, DatePicker, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ListExportButton } from '../../components/list-export-button';
import { UserSelect } from '../../components/user-select';
import { usePagedList } from '../../hooks/use-paged-list';
import { useMe } from '../../auth/use-me';
import { downloadFile } from '../../lib/download';
import { formatTimeSeconds } from '../../lib/format';
import { showError } from '../../lib/notify';
import {
  ACCESS_KINDS,
  ACCESS_KIND_LABELS,
  type AccessEntry,
  type CustomerExportRequest,
} from '../../../shared/customers';
import { CustomerSelect } from './customer-select';

const KIND_COLOURS: Record<AccessEntry['kind'], string> = {
  view: 'default',
  card: 'default',
  unmask: 'orange',
  export: 'red',
};
const STATUS_COLOURS: Record<CustomerExportRequest['status'], string> = {
  pending: 'processing',
  approved: 'success',
  sent_back: 'error',
};

/** 档案查阅记录 (CUS-3): who viewed, unmasked or exported which customer's record, when and why. */
function AccessLog() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith('zh') ? 'zh' : 'en';
  const [userId, setUserId] = useState<string | undefined>();
  const [customerId, setCustomerId] = useState<string | undefined>();
  const [kind, setKind] = useState<AccessEntry['kind'] | undefined>();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const filters = {
    userId,
    customerId,
    kind,
    from: range?.[0]?.startOf('day').toISOString(),
    to: range?.[1]?.endOf('day').toISOString(),
  };
  const { query, items, pagination } = usePagedList<AccessEntry>(
    'customer-access',
    '/api/v1/customers/access',
    filters,
  );
  const columns: TableColumnsType<AccessEntry> = [
    {
      title: t('customers.access.at'),
      key: 'at',
      width: 190,
      render: (_, e) => (
        <Space direction="vertical" size={0}>
          <span>{formatTimeSeconds(e.at)}</span>
          {e.times > 1 && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('customers.access.times', { count: e.times, last: formatTimeSeconds(e.lastAt) })}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    { title: t('customers.access.person'), key: 'user', width: 120, render: (_, e) => e.user.displayName },
    {
      title: t('customers.access.kind'),
      dataIndex: 'kind',
      width: 120,
      render: (k: AccessEntry['kind']) => <Tag color={KIND_COLOURS[k]}>{ACCESS_KIND_LABELS[k][lang]}</Tag>,
    },
    {
      title: t('customers.access.customer'),
      key: 'customer',
      width: 140,
      render: (_, e) =>
        e.customer?.name ?? (e.rows !== null ? t('customers.access.exportRows', { count: e.rows }) : '—'),
    },
    { title: t('customers.access.unit'), key: 'unit', width: 140, render: (_, e) => e.unit.name },
    { title: t('customers.access.reason'), dataIndex: 'reason', render: (v: string | null) => v ?? '—' },
  ];
  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <UserSelect
          value={userId}
          onChange={(v) => setUserId(v ?? undefined)}
          placeholder={t('customers.access.person')}
        />
        <CustomerSelect
          allowClear
          value={customerId}
          onChange={(v) => setCustomerId(v ?? undefined)}
          placeholder={t('customers.access.customer')}
          style={{ width: 200 }}
        />
        <Select
          allowClear
          value={kind}
          onChange={(v: AccessEntry['kind'] | undefined) => setKind(v)}
          placeholder={t('customers.access.kind')}
          aria-label={t('customers.access.kind')}
          options={ACCESS_KINDS.map((k) => ({ value: k, label: ACCESS_KIND_LABELS[k][lang] }))}
          style={{ width: 150 }}
        />
        <DatePicker.RangePicker value={range} onChange={(v) => setRange(v)} />
        <ListExportButton
          path="/api/v1/customers/access/export.xlsx"
          filters={filters}
          filename={t('customers.access.title')}
        />
      </Space>
      <Table<AccessEntry>
        rowKey="id"
        size="middle"
        loading={query.isFetching}
        dataSource={items}
        columns={columns}
        pagination={pagination}
        data-testid="access-table"
      />
    </>
  );
}

/** 导出申请: exports above the approval limit, downloadable by their requester once approved. */
function ExportRequests() {
  const { t } = useTranslation();
  const me = useMe();
  const { query, items, pagination } = usePagedList<CustomerExportRequest>(
    'customer-exports',
    '/api/v1/customers/exports',
    {},
  );
  const download = async (e: CustomerExportRequest) => {
    try {
      await downloadFile(
        `/api/v1/customers/exports/${e.id}/download.xlsx`,
        {},
        `${t('customers.title')}-${dayjs().format('YYYYMMDD-HHmmss')}.xlsx`,
      );
      void query.refetch();
    } catch (error) {
      showError(error);
    }
  };
  const columns: TableColumnsType<CustomerExportRequest> = [
    {
      title: t('customers.access.requestedAt'),
      dataIndex: 'requestedAt',
      width: 180,
      render: (v: string) => formatTimeSeconds(v),
    },
    {
      title: t('customers.access.person'),
      key: 'by',
      width: 120,
      render: (_, e) => e.requestedBy.displayName,
    },
    { title: t('customers.access.rows'), dataIndex: 'rows', width: 90 },
    { title: t('customers.access.reason'), dataIndex: 'reason' },
    {
      title: t('customers.access.status'),
      dataIndex: 'status',
      width: 110,
      render: (s: CustomerExportRequest['status']) => (
        <Tag color={STATUS_COLOURS[s]}>{t(`customers.access.statuses.${s}`)}</Tag>
      ),
    },
    {
      title: '',
      key: 'download',
      width: 120,
      render: (_, e) =>
        e.status === 'approved' && e.requestedBy.id === me.data?.id ? (
          <Button size="small" icon={<DownloadOutlined />} onClick={() => void download(e)}>
            {t('customers.access.download')}
          </Button>
        ) : null,
    },
  ];
  return (
    <Table<CustomerExportRequest>
      rowKey="id"
      size="middle"
      loading={query.isFetching}
      dataSource={items}
      columns={columns}
      pagination={pagination}
      data-testid="export-requests-table"
    />
  );
}

/** 档案查阅记录: the archive keeper's review of access by person and by customer (CUS-3). */
export function CustomerAccessPage() {
  const { t } = useTranslation();
  return (
    <Card title={t('customers.access.title')}>
      <Typography.Paragraph type="secondary">{t('customers.access.hint')}</Typography.Paragraph>
      <Tabs
        items={[
          { key: 'log', label: t('customers.access.tabLog'), children: <AccessLog /> },
          { key: 'exports', label: t('customers.access.tabExports'), children: <ExportRequests /> },
        ]}
      />
    </Card>
  );
}
