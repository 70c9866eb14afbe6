import { useState } from 'react';
import { Badge, Button, Card, Empty, Flex, List, Segmented, Space, Tag, Typography } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { get, post } from '../../api/client';
import { formatTime } from '../../lib/format';
import { notifySuccess } from '../../lib/notify';
import {
  NOTIFICATIONS,
  NOTIFICATIONS_KEY,
  subjectPath,
  type NotificationPage,
  type NotificationView,
} from './notifications-api';

/** The notice's own words: the number and title it carries (T20261207-003 · 空调不制冷), else nothing more than its kind. */
const detailOf = (n: NotificationView): string | null => {
  const p = n.payload ?? {};
  const text = (key: string) => (typeof p[key] === 'string' && p[key] ? p[key] : null);
  const number = text('ticketNumber') ?? text('number');
  const title = text('title') ?? text('subject') ?? text('summary');
  return [number, title].filter(Boolean).join(' · ') || null;
};

/** 我的通知: what the system told me, newest first, unread in bold; one column so it reads at 375 px. */
export function NotificationsPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [filter, setFilter] = useState<'all' | 'unread'>('all');
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const list = useQuery({
    queryKey: [NOTIFICATIONS_KEY, 'list', filter, paging],
    queryFn: ({ signal }) =>
      get<NotificationPage>(
        NOTIFICATIONS,
        { ...paging, unread: filter === 'unread' ? 'true' : undefined },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
  const refresh = () => qc.invalidateQueries({ queryKey: [NOTIFICATIONS_KEY] });
  const markRead = useMutation({
    mutationFn: (id: string) => post<NotificationView>(`${NOTIFICATIONS}/${id}/read`, {}),
    onSuccess: refresh,
  });
  const markAll = useMutation({
    mutationFn: () => post<{ updated: number }>(`${NOTIFICATIONS}/read-all`, {}),
    onSuccess: async () => {
      notifySuccess(t('notifications.allRead'));
      await refresh();
    },
  });
  const open = async (n: NotificationView) => {
    const path = subjectPath(n);
    if (!n.readAt) await markRead.mutateAsync(n.id);
    if (path) void navigate(path);
  };
  const unread = list.data?.unread ?? 0;
  return (
    <Card
      style={{ maxWidth: 760 }}
      title={
        <Space wrap>
          {t('notifications.title')}
          {unread > 0 && <Tag color="red">{t('notifications.unreadCount', { count: unread })}</Tag>}
        </Space>
      }
    >
      <Flex justify="space-between" align="center" gap={8} wrap style={{ marginBottom: 12 }}>
        <Segmented<'all' | 'unread'>
          value={filter}
          onChange={(v) => {
            setFilter(v);
            setPaging((p) => ({ ...p, page: 1 }));
          }}
          options={[
            { value: 'all', label: t('notifications.all') },
            { value: 'unread', label: t('notifications.unreadOnly') },
          ]}
        />
        <Button
          icon={<CheckOutlined />}
          disabled={unread === 0}
          loading={markAll.isPending}
          onClick={() => markAll.mutate()}
          data-testid="mark-all-read"
        >
          {t('notifications.markAllRead')}
        </Button>
      </Flex>
      {list.data && list.data.items.length === 0 && paging.page === 1 ? (
        <Empty description={t('notifications.empty')} />
      ) : (
        <List
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          data-testid="notification-list"
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: list.data?.total ?? 0,
            size: 'small',
            hideOnSinglePage: true,
            showTotal: (n) => t('common.total', { total: n }),
            onChange: (page, pageSize) =>
              setPaging({ page: pageSize === paging.pageSize ? page : 1, pageSize }),
          }}
          renderItem={(n) => {
            const detail = detailOf(n);
            const path = subjectPath(n);
            return (
              <List.Item
                data-testid="notification"
                data-read={n.readAt ? 'true' : 'false'}
                style={{ paddingInline: 0, alignItems: 'flex-start' }}
              >
                <Flex vertical gap={4} style={{ width: '100%', minWidth: 0 }}>
                  <Flex justify="space-between" gap={8} wrap>
                    <Space size={6} wrap>
                      {!n.readAt && <Badge status="processing" />}
                      <Typography.Text strong={!n.readAt}>
                        {t(`notifications.kind.${n.kind}`, { defaultValue: t('notifications.kind.other') })}
                      </Typography.Text>
                    </Space>
                    <Typography.Text type="secondary">{formatTime(n.createdAt)}</Typography.Text>
                  </Flex>
                  {detail && (
                    <Typography.Text type="secondary" ellipsis={{ tooltip: detail }}>
                      {detail}
                    </Typography.Text>
                  )}
                  <Space size={4} wrap>
                    {path && (
                      <Button
                        size="small"
                        type="link"
                        style={{ paddingInline: 0 }}
                        onClick={() => void open(n)}
                      >
                        {t('notifications.open')}
                      </Button>
                    )}
                    {!n.readAt && (
                      <Button
                        size="small"
                        type="link"
                        loading={markRead.isPending && markRead.variables === n.id}
                        onClick={() => markRead.mutate(n.id)}
                        data-testid="mark-read"
                      >
                        {t('notifications.markRead')}
                      </Button>
                    )}
                  </Space>
                </Flex>
              </List.Item>
            );
          }}
        />
      )}
    </Card>
  );
}
