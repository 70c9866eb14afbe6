import { useState } from 'react';
import { Button, Card, Empty, Input, List, Space, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, get, post } from '../../api/client';
import { notifySuccess } from '../../lib/notify';
import { customerRecordPath } from '../customers/customer-path';
import { CONVERSATIONS_KEY, type Conversation } from './channels-api';

function ConversationCard({ conv }: { conv: Conversation }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const [customerId, setCustomerId] = useState('');
  const refresh = () => queryClient.invalidateQueries({ queryKey: [CONVERSATIONS_KEY] });
  const reply = useMutation({
    mutationFn: () => post(`/api/v1/channel-conversations/${conv.id}/replies`, { text }),
    onSuccess: async () => {
      setText('');
      notifySuccess(t('channels.conversations.sent'));
      await refresh();
    },
  });
  const bind = useMutation({
    mutationFn: () =>
      api(`/api/v1/channel-conversations/${conv.id}/customer`, {
        method: 'PUT',
        body: { customerId: customerId.trim() },
      }),
    onSuccess: async () => {
      notifySuccess(t('channels.conversations.bound'));
      await refresh();
    },
  });
  return (
    <Card
      size="small"
      title={
        <Space>
          <Tag color="green">{conv.accountName}</Tag>
          {conv.customerId ? (
            <Link to={customerRecordPath(conv.customerId)}>{conv.customerName ?? conv.customerId}</Link>
          ) : (
            <Typography.Text type="secondary">{t('channels.conversations.unbound')}</Typography.Text>
          )}
          {conv.customerDraft ? <Tag color="orange">{t('channels.conversations.newCustomer')}</Tag> : null}
          {conv.ticketId ? (
            <Link to={`/tickets/${conv.ticketId}`}>{t('channels.conversations.ticket')}</Link>
          ) : null}
        </Space>
      }
    >
      <List
        size="small"
        dataSource={conv.messages}
        renderItem={(m) => (
          <List.Item>
            <Space align="start">
              <Tag color={m.direction === 'inbound' ? 'blue' : 'default'}>
                {t(`channels.conversations.${m.direction}`)}
              </Tag>
              <Typography.Text>{m.body ?? `[${m.kind}]`}</Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {new Date(m.occurredAt).toLocaleString()}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
      <Space.Compact style={{ width: '100%', marginTop: 8 }}>
        <Input.TextArea
          value={text}
          onChange={(e) => setText(e.target.value)}
          autoSize={{ minRows: 1, maxRows: 4 }}
          maxLength={2000}
          placeholder={t('channels.conversations.replyPlaceholder')}
        />
        <Button
          type="primary"
          disabled={!text.trim()}
          loading={reply.isPending}
          onClick={() => reply.mutate()}
        >
          {t('channels.conversations.reply')}
        </Button>
      </Space.Compact>
      {conv.customerDraft ? (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('channels.conversations.draftHint')}
        </Typography.Paragraph>
      ) : null}
      {conv.customerId && !conv.customerDraft ? null : (
        <Space.Compact style={{ width: '100%', marginTop: 8 }}>
          <Input
            value={customerId}
            onChange={(e) => setCustomerId(e.target.value)}
            placeholder={t('channels.conversations.bind')}
          />
          <Button disabled={!customerId.trim()} loading={bind.isPending} onClick={() => bind.mutate()}>
            {t('channels.conversations.bind')}
          </Button>
        </Space.Compact>
      )}
    </Card>
  );
}

/** 客服会话: each WeChat or e-mail customer's messages, the ticket they joined, and a reply box. */
export function ConversationsPage() {
  const { t } = useTranslation();
  const list = useQuery({
    queryKey: [CONVERSATIONS_KEY],
    queryFn: () => get<Conversation[]>('/api/v1/channel-conversations'),
    refetchInterval: 15_000,
  });
  const items = list.data ?? [];
  return (
    <Card title={t('channels.conversations.title')} loading={list.isLoading}>
      {items.length === 0 ? (
        <Empty description={t('channels.conversations.empty')} />
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }}>
          {items.map((c) => (
            <ConversationCard key={c.id} conv={c} />
          ))}
        </Space>
      )}
    </Card>
  );
}
