import { useState } from 'react';
import { Button, Descriptions, Drawer, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { get, post } from '../../api/client';
import { useCan } from '../../auth/use-me';
import { formatTimeSeconds } from '../../lib/format';
import { notifySuccess } from '../../lib/notify';
import {
  MESSAGES_API,
  MSG_PERM,
  OUTBOX_KEY,
  STATE_COLOR,
  type OutboxMessage,
  type OutboxMessageDetail,
} from './messages-api';

export const reasonText = (t: TFunction, reason: string | null) =>
  reason ? t(`messages.reason.${reason}`, { defaultValue: reason }) : null;
export const providerText = (t: TFunction, provider: string | null) =>
  provider ? t(`messages.outbox.providerNames.${provider}`, { defaultValue: provider }) : '—';

export function StateTag({
  message,
}: {
  message: Pick<OutboxMessage, 'state' | 'stateReason' | 'provider'>;
}) {
  const { t } = useTranslation();
  // The demo channel "sends" by keeping the message: never call that 已发出.
  const keptOnly = message.state === 'sent' && message.provider === 'outbox';
  return (
    <Space orientation="vertical" size={0}>
      <Tag color={keptOnly ? 'default' : STATE_COLOR[message.state]} data-testid="message-state">
        {keptOnly ? t('messages.state.keptInOutbox') : t(`messages.state.${message.state}`)}
      </Tag>
      {message.stateReason && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {reasonText(t, message.stateReason)}
        </Typography.Text>
      )}
    </Space>
  );
}

/** One message: its fields, the attempt log, and cancel / send again for managers. */
export function MessageDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const can = useCan();
  const queryClient = useQueryClient();
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState('');
  const detail = useQuery({
    queryKey: [OUTBOX_KEY, 'detail', id],
    queryFn: () => get<OutboxMessageDetail>(`${MESSAGES_API}/${id}`),
    enabled: id !== null,
  });
  const done = async (text: string) => {
    notifySuccess(text);
    await queryClient.invalidateQueries({ queryKey: [OUTBOX_KEY] });
  };
  const cancel = useMutation({
    mutationFn: () =>
      post<OutboxMessageDetail>(
        `${MESSAGES_API}/${id}/cancel`,
        reason.trim() ? { reason: reason.trim() } : {},
      ),
    onSuccess: async () => {
      setCancelling(false);
      setReason('');
      await done(t('messages.outbox.cancelled'));
    },
  });
  const retry = useMutation({
    mutationFn: () => post<OutboxMessageDetail>(`${MESSAGES_API}/${id}/retry`),
    onSuccess: () => done(t('messages.outbox.retried')),
  });
  const m = detail.data;
  const manage = can(MSG_PERM.manage);
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size={640}
      title={t('messages.outbox.detail')}
      loading={detail.isLoading}
      extra={
        m && manage ? (
          <Space>
            {m.state === 'queued' && (
              <Button danger onClick={() => setCancelling(true)} data-testid="message-cancel">
                {t('messages.outbox.cancel')}
              </Button>
            )}
            {(m.state === 'failed' || m.state === 'cancelled') && (
              <Button
                type="primary"
                loading={retry.isPending}
                onClick={() => retry.mutate()}
                data-testid="message-retry"
              >
                {t('messages.outbox.retry')}
              </Button>
            )}
          </Space>
        ) : null
      }
    >
      {m && (
        <Space orientation="vertical" size="large" style={{ width: '100%' }}>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('common.status')}>
              <StateTag message={m} />
            </Descriptions.Item>
            <Descriptions.Item label={t('messages.outbox.recipient')}>
              {t(`messages.channel.${m.channel}`)} · {m.recipient}
            </Descriptions.Item>
            <Descriptions.Item label={t('messages.outbox.unit')}>{m.unitName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('messages.outbox.purposeLabel')}>
              {t(`messages.purpose.${m.purpose}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t('messages.outbox.template')}>
              {m.templateCode ?? '—'}
            </Descriptions.Item>
            {m.subject && (
              <Descriptions.Item label={t('messages.templates.subject')}>{m.subject}</Descriptions.Item>
            )}
            <Descriptions.Item label={t('messages.outbox.content')}>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                {m.body}
              </Typography.Paragraph>
            </Descriptions.Item>
            <Descriptions.Item label={t('messages.outbox.createdAt')}>
              {formatTimeSeconds(m.createdAt)}
            </Descriptions.Item>
            <Descriptions.Item label={t('messages.outbox.sendAt')}>
              {formatTimeSeconds(m.nextAttemptAt)}
              {m.channel === 'sms' && m.state === 'queued' && (
                <Typography.Text type="secondary"> （{t('messages.outbox.quietHoursNote')}）</Typography.Text>
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('messages.outbox.sentAt')}>
              {formatTimeSeconds(m.sentAt) || '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('messages.outbox.provider')}>
              {providerText(t, m.provider)}
            </Descriptions.Item>
            {m.providerMessageId && (
              <Descriptions.Item label={t('messages.outbox.providerMessageId')}>
                <Typography.Text copyable style={{ fontFamily: 'monospace' }}>
                  {m.providerMessageId}
                </Typography.Text>
              </Descriptions.Item>
            )}
            {m.source && (
              <Descriptions.Item label={t('messages.outbox.source')}>
                {m.source.type} · {m.source.id}
              </Descriptions.Item>
            )}
            {m.lastError && (
              <Descriptions.Item label={t('messages.outbox.lastError')}>
                <Typography.Text type="danger">{m.lastError}</Typography.Text>
              </Descriptions.Item>
            )}
          </Descriptions>
          <div>
            <Typography.Title level={5}>{t('messages.outbox.attemptLog')}</Typography.Title>
            <Table
              rowKey="number"
              size="small"
              pagination={false}
              dataSource={m.attemptLog}
              locale={{ emptyText: t('messages.outbox.noAttempts') }}
              data-testid="message-attempts"
              columns={[
                { title: '#', dataIndex: 'number', width: 40 },
                {
                  title: t('messages.outbox.startedAt'),
                  key: 'at',
                  width: 150,
                  render: (_, a) => formatTimeSeconds(a.startedAt),
                },
                {
                  title: t('messages.outbox.provider'),
                  key: 'provider',
                  width: 120,
                  render: (_, a) => providerText(t, a.provider),
                },
                {
                  title: t('common.status'),
                  key: 'outcome',
                  render: (_, a) => (
                    <Space orientation="vertical" size={0}>
                      <Tag
                        color={
                          a.outcome === 'sent'
                            ? 'green'
                            : a.outcome === 'failed'
                              ? 'red'
                              : a.outcome
                                ? 'orange'
                                : 'blue'
                        }
                      >
                        {t(`messages.outcome.${a.outcome ?? 'running'}`)}
                      </Tag>
                      {a.error && <Typography.Text type="danger">{a.error}</Typography.Text>}
                    </Space>
                  ),
                },
              ]}
            />
          </div>
        </Space>
      )}
      <Modal
        open={cancelling}
        title={t('messages.outbox.cancelTitle')}
        onCancel={() => setCancelling(false)}
        onOk={() => cancel.mutate()}
        okButtonProps={{ danger: true, loading: cancel.isPending }}
      >
        <Input.TextArea
          value={reason}
          maxLength={200}
          onChange={(e) => setReason(e.target.value)}
          placeholder={t('messages.outbox.cancelReason')}
        />
      </Modal>
    </Drawer>
  );
}
