import { useState } from 'react';
import { Button, Card, Dropdown, Input, Select, Space } from 'antd';
import type { TableColumnsType } from 'antd';
import { MoreOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { post } from '../../api/client';
import type { User, UserStatus } from '../../api/types';
import { useCurrentUnit } from '../../app/current-unit';
import { useCan } from '../../auth/use-me';
import { PERM } from '../../auth/permissions';
import { usePagedList } from '../../hooks/use-paged-list';
import { ListExportButton } from '../../components/list-export-button';
import { UnitTreeSelect } from '../../components/unit-tree-select';
import { notifySuccess } from '../../lib/notify';
import { userColumns } from './user-columns';
import { UserFormDrawer } from './user-form-drawer';
import type { UserFormTarget } from './user-form-drawer';
import { DisableUserModal } from './disable-user-modal';
import { ResetPasswordModal } from './reset-password-modal';
import { StaffIdsModal } from './staff-ids-modal';
import { ListTable } from '../../components/list-table';

export function UsersPage() {
  const { t } = useTranslation();
  const canManage = useCan()(PERM.usersManage);
  const queryClient = useQueryClient();
  const { unitId: currentUnitId } = useCurrentUnit();
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  // null = follow the unit chosen in the header; {value: undefined} = all units.
  const [unitChoice, setUnitChoice] = useState<{ value: string | undefined } | null>(null);
  const unitId = unitChoice ? unitChoice.value : currentUnitId;
  const [status, setStatus] = useState<UserStatus | undefined>();
  const { query, items, pagination } = usePagedList<User>('users', '/api/v1/users', { q, unitId, status });

  const [formTarget, setFormTarget] = useState<UserFormTarget | null>(null);
  const [disabling, setDisabling] = useState<User | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const [mapping, setMapping] = useState<User | null>(null);
  const enable = useMutation({
    mutationFn: (u: User) => post<User>(`/api/v1/users/${u.id}/enable`),
    onSuccess: async () => {
      notifySuccess(t('users.enabled'));
      await queryClient.invalidateQueries({ queryKey: ['users'] });
    },
  });

  const actionColumn: TableColumnsType<User>[number] = {
    title: t('common.actions'),
    key: 'actions',
    width: 140,
    fixed: 'right',
    render: (_, u) => (
      <Space size={0}>
        <Button type="link" size="small" onClick={() => setFormTarget({ mode: 'edit', user: u })}>
          {t('common.edit')}
        </Button>
        <Dropdown
          menu={{
            items: [
              u.status === 'active'
                ? { key: 'disable', danger: true, label: t('users.disable'), onClick: () => setDisabling(u) }
                : { key: 'enable', label: t('users.enable'), onClick: () => enable.mutate(u) },
              { key: 'reset', label: t('users.resetPassword'), onClick: () => setResetting(u) },
              { key: 'staffIds', label: t('users.staffIds.action'), onClick: () => setMapping(u) },
            ],
          }}
        >
          <Button type="link" size="small" icon={<MoreOutlined />} aria-label={t('common.actions')} />
        </Dropdown>
      </Space>
    ),
  };
  const columns = canManage ? [...userColumns(t), actionColumn] : userColumns(t);

  return (
    <Card
      title={t('users.title')}
      extra={
        <Space>
          <ListExportButton
            path="/api/v1/users/export.xlsx"
            filters={{ q, unitId, status }}
            filename={t('users.title')}
          />
          {canManage && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setFormTarget({ mode: 'create', defaultUnitId: unitId })}
              data-testid="create-user"
            >
              {t('users.create')}
            </Button>
          )}
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t('common.searchPlaceholder')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(value) => setQ(value.trim())}
          style={{ width: 240 }}
          data-testid="user-search"
        />
        <UnitTreeSelect
          allowClear
          allowInactive
          placeholder={t('users.filterUnit')}
          value={unitId}
          onChange={(value) => setUnitChoice({ value: value ?? undefined })}
          style={{ width: 220 }}
          data-testid="user-unit-filter"
        />
        <Select<UserStatus>
          allowClear
          placeholder={t('users.filterStatus')}
          value={status}
          onChange={(value) => setStatus(value ?? undefined)}
          style={{ width: 140 }}
          options={[
            { value: 'active', label: t('users.statusActive') },
            { value: 'disabled', label: t('users.statusDisabled') },
          ]}
        />
        <Button
          icon={<ReloadOutlined />}
          onClick={() => void query.refetch()}
          aria-label={t('common.refresh')}
        />
      </Space>
      <ListTable<User>
        rowKey="id"
        size="middle"
        loading={query.isFetching}
        dataSource={items}
        columns={columns}
        pagination={pagination}
        data-testid="users-table"
      />
      <UserFormDrawer target={formTarget} onClose={() => setFormTarget(null)} />
      <DisableUserModal user={disabling} onClose={() => setDisabling(null)} />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
      <StaffIdsModal user={mapping} onClose={() => setMapping(null)} />
    </Card>
  );
}
