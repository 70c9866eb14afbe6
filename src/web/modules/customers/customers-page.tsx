import { useState } from 'react';
import { Button, Card, Input, Modal, Select, Space } from 'antd';
import i18n from '../../i18n';
import { post } from '../../api/client';
import { ApiError } from '../../api/errors';
import { notifySuccess, showError } from '../../lib/notify';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useCurrentUnit } from '../../app/current-unit';
import { useCan } from '../../auth/use-me';
import { PERM } from '../../auth/permissions';
import { ListExportButton } from '../../components/list-export-button';
import { UnitTreeSelect } from '../../components/unit-tree-select';
import { usePagedList } from '../../hooks/use-paged-list';
import { customerColumns } from './customer-columns';
import { CustomerDrawer } from './customer-drawer';
import type { CustomerDrawerTarget } from './customer-drawer';
import { CUSTOMERS_KEY } from './customer-types';
import type { Customer } from './customer-types';
import { ListTable } from '../../components/list-table';
import { ImportLink } from '../imports/import-link';

type AttentionFilter = 'true' | 'false';

/**
 * CUS-3: above the approval limit the export becomes a request the general manager approves; the
 * requester downloads it afterwards from 档案查阅记录 → 导出申请.
 */
function offerExportRequest(filter: Record<string, string | undefined>, reason: string) {
  Modal.confirm({
    title: i18n.t('customers.access.needsApprovalTitle'),
    content: i18n.t('customers.access.needsApprovalBody'),
    okText: i18n.t('customers.access.requestExport'),
    onOk: async () => {
      try {
        const clean = Object.fromEntries(
          Object.entries(filter).filter(([, v]) => v !== undefined && v !== ''),
        );
        await post('/api/v1/customers/exports', { filter: clean, reason });
        notifySuccess(i18n.t('customers.access.requested'));
      } catch (error) {
        showError(error);
      }
    },
  });
}

/** 客户档案: find a customer by name or any part of a number (CUS-1, IN-3). */
export function CustomersPage() {
  const { t } = useTranslation();
  const canManage = useCan()(PERM.customersManage);
  const { unitId: currentUnitId } = useCurrentUnit();
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  const [unitId, setUnitId] = useState<string | undefined>();
  const [attention, setAttention] = useState<AttentionFilter | undefined>();
  const { query, items, pagination } = usePagedList<Customer>(CUSTOMERS_KEY, '/api/v1/customers', {
    q,
    unitId,
    specialAttention: attention,
  });
  // ?customer=<id> opens that record (links from the caller pop-up and the contact log).
  const [params, setParams] = useSearchParams();
  const linked = params.get('customer');
  const [drawerState, setDrawer] = useState<CustomerDrawerTarget | null>(null);
  const drawer = drawerState ?? (linked ? { mode: 'view' as const, customerId: linked } : null);
  const closeDrawer = () => {
    setDrawer(null);
    if (linked) setParams({}, { replace: true });
  };

  return (
    <Card
      title={t('customers.title')}
      extra={
        <Space>
          <ListExportButton
            path="/api/v1/customers/export.xlsx"
            filters={{ q, unitId, specialAttention: attention }}
            filename={t('customers.title')}
            askReason
            onRefused={(error, reason) => {
              if (!(error instanceof ApiError) || error.code !== 'customers.export_needs_approval' || !reason)
                return false;
              offerExportRequest({ q, unitId, specialAttention: attention }, reason);
              return true;
            }}
          />
          <ImportLink />
          {canManage && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setDrawer({ mode: 'create', unitId: unitId ?? currentUnitId })}
              data-testid="create-customer"
            >
              {t('customers.create')}
            </Button>
          )}
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          autoFocus
          placeholder={t('customers.searchPlaceholder')}
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            if (!e.target.value) setQ('');
          }}
          onSearch={(value) => setQ(value.trim())}
          style={{ width: 300 }}
          data-testid="customer-search"
        />
        <UnitTreeSelect
          allowClear
          placeholder={t('customers.filterUnit')}
          value={unitId}
          onChange={(value) => setUnitId(value ?? undefined)}
          style={{ width: 200 }}
        />
        <Select<AttentionFilter>
          allowClear
          placeholder={t('customers.filterAttention')}
          value={attention}
          onChange={(value) => setAttention(value ?? undefined)}
          style={{ width: 200 }}
          data-testid="customer-attention-filter"
          options={[
            { value: 'true', label: t('customers.attentionOnly') },
            { value: 'false', label: t('customers.attentionNone') },
          ]}
        />
        <Button
          icon={<ReloadOutlined />}
          onClick={() => void query.refetch()}
          aria-label={t('common.refresh')}
        />
      </Space>
      <ListTable<Customer>
        rowKey="id"
        size="middle"
        loading={query.isFetching}
        dataSource={items}
        columns={customerColumns(t, (c) => setDrawer({ mode: 'view', customerId: c.id }))}
        pagination={pagination}
        data-testid="customers-table"
      />
      <CustomerDrawer
        target={drawer}
        onClose={closeDrawer}
        onCreated={(c) => setDrawer({ mode: 'view', customerId: c.id })}
      />
    </Card>
  );
}
