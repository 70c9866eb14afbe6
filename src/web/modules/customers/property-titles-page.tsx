import { useState } from 'react';
import { Card, Segmented, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { usePagedList } from '../../hooks/use-paged-list';
import type { propertyTitleListSchema } from '../../../shared/customers';

type TitleRow = z.infer<typeof propertyTitleListSchema>['items'][number];

/**
 * 产权证号待补 (CUS-1 real estate): houses whose certificate was issued but whose title number is not
 * on file; due 14 calendar days after the certificate. Overdue first, or those still within the days.
 */
export function PropertyTitlesPage() {
  const { t } = useTranslation();
  const [state, setState] = useState<'overdue' | 'pending'>('overdue');
  const { query, items, pagination } = usePagedList<TitleRow>(
    'customer-property-titles',
    '/api/v1/customers/property-titles',
    { state },
  );
  const columns: TableColumnsType<TitleRow> = [
    { title: t('customers.titles.customer'), dataIndex: 'customerName', width: 160 },
    { title: t('customers.titles.house'), dataIndex: 'name', width: 180 },
    {
      title: t('customers.titles.room'),
      dataIndex: 'roomNumber',
      width: 110,
      render: (v: string | null) => v ?? '—',
    },
    { title: t('customers.titles.certificateOn'), dataIndex: 'titleCertificateOn', width: 130 },
    { title: t('customers.titles.dueOn'), dataIndex: 'dueOn', width: 130 },
    {
      title: t('customers.titles.state'),
      key: 'state',
      width: 150,
      render: (_, r) =>
        r.state === 'overdue' ? (
          <Tag color="red">{t('customers.titles.overdueDays', { count: r.daysOverdue })}</Tag>
        ) : (
          <Tag color="gold">{t('customers.titles.pending')}</Tag>
        ),
    },
    { title: t('customers.titles.unit'), dataIndex: 'unitName' },
  ];
  return (
    <Card title={t('customers.titles.title')}>
      <Typography.Paragraph type="secondary">{t('customers.titles.hint')}</Typography.Paragraph>
      <Segmented
        style={{ marginBottom: 16 }}
        value={state}
        onChange={(v) => setState(v as 'overdue' | 'pending')}
        options={[
          { value: 'overdue', label: t('customers.titles.overdue') },
          { value: 'pending', label: t('customers.titles.pending') },
        ]}
      />
      <Table<TitleRow>
        rowKey="assetId"
        size="middle"
        loading={query.isFetching}
        dataSource={items}
        columns={columns}
        pagination={pagination}
        data-testid="property-titles-table"
      />
    </Card>
  );
}
