import { useState } from 'react';
import { Button, Card, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../api/types';
import { useRoles } from '../../components/role-select';
import { ListExportButton } from '../../components/list-export-button';
import { usePermissionCatalog } from '../../hooks/use-permission-catalog';
import { localName } from '../../lib/format';
import { RoleFormModal } from './role-form-modal';
import type { RoleFormTarget } from './role-form-modal';

export function RolesPage() {
  const { t } = useTranslation();
  const roles = useRoles();
  const catalog = usePermissionCatalog();
  const [target, setTarget] = useState<RoleFormTarget | null>(null);
  const items = roles.data?.items ?? [];
  const permissionName = (code: string) => {
    const p = catalog.data?.items.find((x) => x.code === code);
    return p ? localName(p) : code;
  };

  const columns: TableColumnsType<Role> = [
    {
      title: t('roles.code'),
      dataIndex: 'code',
      width: 180,
      render: (code: string) => <Typography.Text code>{code}</Typography.Text>,
    },
    { title: t('roles.nameZh'), dataIndex: 'nameZh', width: 140 },
    { title: t('roles.nameEn'), dataIndex: 'nameEn', width: 180 },
    {
      title: t('roles.type'),
      key: 'builtin',
      width: 110,
      render: (_, r) =>
        r.builtin ? <Tag color="blue">{t('roles.builtin')}</Tag> : <Tag>{t('roles.custom')}</Tag>,
    },
    {
      title: t('roles.permissions'),
      key: 'permissions',
      render: (_, r) => (
        <Space size={[4, 4]} wrap>
          {r.permissions.map((p) => (
            <Tag key={p} title={p}>
              {permissionName(p)}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 100,
      render: (_, r) => (
        <Button type="link" size="small" onClick={() => setTarget({ mode: 'edit', role: r })}>
          {t('common.edit')}
        </Button>
      ),
    },
  ];

  return (
    <Card
      title={t('roles.title')}
      extra={
        <Space>
          <ListExportButton path="/api/v1/roles/export.xlsx" filters={{}} filename={t('roles.title')} />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setTarget({ mode: 'create' })}>
            {t('roles.create')}
          </Button>
        </Space>
      }
    >
      <Table<Role>
        rowKey="id"
        size="middle"
        loading={roles.isFetching}
        dataSource={items}
        columns={columns}
        pagination={false}
      />
      <RoleFormModal target={target} onClose={() => setTarget(null)} />
    </Card>
  );
}
