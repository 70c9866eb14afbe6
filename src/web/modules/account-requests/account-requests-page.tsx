import { useState } from 'react';
import { Button, Card, Space, Tabs } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { AccountRequest, AccountRequestStatus } from '../../api/types';
import { useCurrentUnit } from '../../app/current-unit';
import { useCan } from '../../auth/use-me';
import { PERM } from '../../auth/permissions';
import { usePagedList } from '../../hooks/use-paged-list';
import { useRoles } from '../../components/role-select';
import { ListExportButton } from '../../components/list-export-button';
import { localName } from '../../lib/format';
import { REQUEST_STATUSES, requestColumns, statusLabel } from './request-columns';
import { RequestFormModal } from './request-form-modal';
import { RequestActionModal } from './request-action-modal';
import type { RequestAction } from './request-action-modal';
import { ListTable } from '../../components/list-table';

export function AccountRequestsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const { unitId } = useCurrentUnit();
  const roles = useRoles();
  const [status, setStatus] = useState<AccountRequestStatus | 'all'>('pending');
  const filters = { status: status === 'all' ? undefined : status };
  const { query, items, pagination } = usePagedList<AccountRequest>(
    'account-requests',
    '/api/v1/account-requests',
    filters,
  );
  const [filing, setFiling] = useState(false);
  const [acting, setActing] = useState<{ action: RequestAction; request: AccountRequest } | null>(null);

  const roleName = (r: AccountRequest) => {
    const role = roles.data?.items.find((x) => x.id === r.roleId);
    return role ? localName(role) : r.roleCode;
  };

  const canApprove = can(PERM.accountsApprove);
  const canOpen = can(PERM.accountsOpen);
  const actionColumn: TableColumnsType<AccountRequest>[number] = {
    title: t('common.actions'),
    key: 'actions',
    width: 150,
    fixed: 'right',
    render: (_, r) => (
      <Space size={0}>
        {r.status === 'pending' && canApprove && (
          <>
            <Button type="link" size="small" onClick={() => setActing({ action: 'approve', request: r })}>
              {t('accountRequests.approve')}
            </Button>
            <Button
              type="link"
              size="small"
              danger
              onClick={() => setActing({ action: 'reject', request: r })}
            >
              {t('accountRequests.reject')}
            </Button>
          </>
        )}
        {r.status === 'approved' && canOpen && (
          <Button type="link" size="small" onClick={() => setActing({ action: 'open', request: r })}>
            {t('accountRequests.open')}
          </Button>
        )}
      </Space>
    ),
  };
  const columns =
    canApprove || canOpen ? [...requestColumns(t, roleName), actionColumn] : requestColumns(t, roleName);

  return (
    <Card
      title={t('accountRequests.title')}
      extra={
        <Space>
          <ListExportButton
            path="/api/v1/account-requests/export.xlsx"
            filters={filters}
            filename={t('accountRequests.title')}
          />
          {can(PERM.accountsRequest) && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setFiling(true)}>
              {t('accountRequests.create')}
            </Button>
          )}
        </Space>
      }
    >
      <Tabs
        activeKey={status}
        onChange={(key) => setStatus(key as AccountRequestStatus | 'all')}
        items={[
          ...REQUEST_STATUSES.map((s) => ({ key: s, label: statusLabel(t, s) })),
          { key: 'all', label: t('common.all') },
        ]}
      />
      <ListTable<AccountRequest>
        rowKey="id"
        size="middle"
        loading={query.isFetching}
        dataSource={items}
        columns={columns}
        pagination={pagination}
      />
      <RequestFormModal open={filing} defaultUnitId={unitId} onClose={() => setFiling(false)} />
      <RequestActionModal target={acting} onClose={() => setActing(null)} />
    </Card>
  );
}
