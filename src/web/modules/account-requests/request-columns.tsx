import { Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import type { AccountRequest, AccountRequestStatus } from '../../api/types';
import { formatTime } from '../../lib/format';

export const REQUEST_STATUSES: AccountRequestStatus[] = ['pending', 'approved', 'rejected', 'opened'];

const STATUS_KEY = {
  pending: 'accountRequests.statusPending',
  approved: 'accountRequests.statusApproved',
  rejected: 'accountRequests.statusRejected',
  opened: 'accountRequests.statusOpened',
} as const;
const STATUS_COLOR: Record<AccountRequestStatus, string> = {
  pending: 'processing',
  approved: 'success',
  rejected: 'error',
  opened: 'default',
};

export const statusLabel = (t: TFunction, s: AccountRequestStatus) => t(STATUS_KEY[s]);

export function requestColumns(
  t: TFunction,
  roleName: (r: AccountRequest) => string,
): TableColumnsType<AccountRequest> {
  return [
    { title: t('accountRequests.username'), dataIndex: 'username', width: 130 },
    { title: t('accountRequests.displayName'), dataIndex: 'displayName', width: 100 },
    { title: t('common.unit'), dataIndex: 'unitName', width: 140 },
    { title: t('common.role'), key: 'role', width: 120, render: (_, r) => roleName(r) },
    {
      title: t('accountRequests.reason'),
      dataIndex: 'reason',
      ellipsis: { showTitle: false },
      render: (v: string) => (
        <Tooltip title={v}>
          <span>{v}</span>
        </Tooltip>
      ),
    },
    {
      title: t('accountRequests.requestedBy'),
      key: 'requestedBy',
      width: 100,
      render: (_, r) => r.requestedBy.displayName,
    },
    {
      title: t('accountRequests.requestedAt'),
      dataIndex: 'requestedAt',
      width: 150,
      render: (v: string) => formatTime(v),
    },
    {
      title: t('common.status'),
      key: 'status',
      width: 110,
      render: (_, r) => <Tag color={STATUS_COLOR[r.status]}>{statusLabel(t, r.status)}</Tag>,
    },
    {
      title: t('accountRequests.decisionComment'),
      key: 'decision',
      width: 180,
      render: (_, r) =>
        r.decidedBy ? (
          <Typography.Text type="secondary">
            {r.decidedBy.displayName} {formatTime(r.decidedAt)}
            {r.decisionComment ? `：${r.decisionComment}` : ''}
          </Typography.Text>
        ) : null,
    },
  ];
}
