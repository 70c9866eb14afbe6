import { Space, Tag, Tooltip } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import type { TFunction } from 'i18next';
import type { User } from '../../api/types';
import { formatTime, localName } from '../../lib/format';

export function isLocked(user: User, now = dayjs()): boolean {
  return user.lockedUntil !== null && dayjs(user.lockedUntil).isAfter(now);
}

export function userColumns(t: TFunction): TableColumnsType<User> {
  return [
    { title: t('users.username'), dataIndex: 'username', width: 140 },
    { title: t('users.displayName'), dataIndex: 'displayName', width: 120 },
    {
      title: t('users.memberships'),
      key: 'memberships',
      render: (_, u) => (
        <Space size={[4, 4]} wrap>
          {u.memberships.map((m) => (
            <Tag key={`${m.unitId}:${m.roleId}`}>
              {m.unitName} · {localName(m.roleNameZh, m.roleNameEn)}
            </Tag>
          ))}
        </Space>
      ),
    },
    { title: t('common.phone'), dataIndex: 'phone', width: 130, render: (v: string | null) => v ?? '—' },
    {
      title: t('common.status'),
      key: 'status',
      width: 150,
      render: (_, u) => (
        <Space size={4}>
          {u.status === 'active' ? (
            <Tag color="success">{t('users.statusActive')}</Tag>
          ) : (
            <Tag>{t('users.statusDisabled')}</Tag>
          )}
          {isLocked(u) && (
            <Tooltip title={t('users.lockedUntil', { time: formatTime(u.lockedUntil) })}>
              <Tag color="warning">{t('users.locked')}</Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
    {
      title: t('common.createdAt'),
      dataIndex: 'createdAt',
      width: 150,
      render: (v: string) => formatTime(v),
    },
  ];
}
