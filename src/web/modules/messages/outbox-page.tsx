import { useState } from 'react';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Drawer,
  Input,
  Modal,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { get, post } from '../../api/client';
import { useCan } from '../../auth/use-me';
import { ExportButton } from '../../components/export-button';
import { UnitTreeSelect } from '../../components/unit-tree-select';
import { useDebouncedValue } from '../../hooks/use-debounced-value';
import { usePagedList } from '../../hooks/use-paged-list';
import type { CsvColumn } from '../../lib/csv';
import { formatTime, formatTimeSeconds } from '../../lib/format';
import { notifySuccess } from '../../lib/notify';
import {
  MESSAGE_STATES,
  MESSAGES_API,
  MSG_PERM,
  OUTBOX_KEY,
  STATE_COLOR,
  type MessageChannel,
  type MessageState,
  type OutboxMessage,
  type OutboxMessageDetail,
  type ProvidersInfo,
} from './messages-api';

const reasonText = (t: TFunction, reason: string | null) =>
  reason ? t(`messages.reason.${reason}`, { defaultValue: reason }) : null;
const providerText = (t: TFunction, provider: string | null) =>
  provider ? t(`messages.outbox.providerNames.${provider}`, { defaultValue: provider }) : '—';

function StateTag({ message }: { message: Pick<OutboxMessage, 'state' | 'stateReason'> }) {
  const { t } = useTranslation();
  return (
    <Space orientation="vertical" size={0}>
      <Tag color={STATE_COLOR[message.state]} data-testid="message-state">
        {t(`messages.state.${message.state}`)}
      </Tag>
      {message.stateReason && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {reasonText(t, message.stateReason)}
        </Typography.Text>
      )}
    </Space>
  );
}

/** The plain warning when a channel only keeps messages: nobody must believe customers got them. */
export function DemoProviderBanner() {
  const { t } = useTranslation();
  const providers = useQuery({
    queryKey: [OUTBOX_KEY, 'providers'],
    queryFn: () => get<ProvidersInfo>(`${MESSAGES_API}/providers`),
  });
  if (!providers.data) return null;
  const { sms, email } = providers.data;
  if (sms.sendsForReal && email.sendsForReal) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="demo-provider-banner"
      title={t('messages.outbox.demoBanner')}
      description={
        <Space orientation="vertical" size={0}>
          {!sms.sendsForReal && <span>{t('messages.outbox.demoBannerSms')}</span>}
          {!email.sendsForReal && <span>{t('messages.outbox.demoBannerEmail')}</span>}
          <span>{t('messages.outbox.demoBannerHow')}</span>
        </Space>
      }
    />
  );
}

function columns(t: TFunction, open: (m: OutboxMessage) => void): TableColumnsType<OutboxMessage> {
  return [
    {
      title: t('messages.outbox.createdAt'),
      key: 'createdAt',
      width: 150,
      render: (_, r) => formatTime(r.createdAt),
    },
    {
      title: t('common.status'),
      key: 'state',
      width: 150,
      render: (_, r) => <StateTag message={r} />,
    },
    {
      title: t('messages.outbox.recipient'),
      key: 'recipient',
      width: 190,
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <Space size={4}>
            <Tag>{t(`messages.channel.${r.channel}`)}</Tag>
            <Typography.Text style={{ fontFamily: 'monospace' }}>{r.recipient}</Typography.Text>
          </Space>
          {r.unitName && <Typography.Text type="secondary">{r.unitName}</Typography.Text>}
        </Space>
      ),
    },
    {
      title: t('messages.outbox.content'),
      key: 'content',
      render: (_, r) => (
        <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginBottom: 0 }}>
          {r.subject ? <strong>{r.subject}：</strong> : null}
          {r.body}
        </Typography.Paragraph>
      ),
    },
    {
      title: t('messages.outbox.sendAt'),
      key: 'sendAt',
      width: 150,
      render: (_, r) =>
        r.state === 'sent' || r.state === 'delivered'
          ? formatTime(r.sentAt)
          : r.state === 'queued'
            ? formatTime(r.nextAttemptAt)
            : '—',
    },
    { title: t('messages.outbox.attempts'), dataIndex: 'attempts', width: 90 },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 90,
      fixed: 'right',
      render: (_, r) => (
        <Button type="link" size="small" onClick={() => open(r)} data-testid="message-open">
          {t('messages.outbox.detail')}
        </Button>
      ),
    },
  ];
}

const csvColumns = (t: TFunction): CsvColumn<OutboxMessage>[] => [
  { title: t('messages.outbox.createdAt'), value: (r) => formatTime(r.createdAt) },
  { title: t('common.status'), value: (r) => t(`messages.state.${r.state}`) },
  { title: t('messages.templates.channelLabel'), value: (r) => t(`messages.channel.${r.channel}`) },
  { title: t('messages.outbox.recipient'), value: (r) => r.recipient },
  { title: t('messages.outbox.unit'), value: (r) => r.unitName },
  { title: t('messages.outbox.purposeLabel'), value: (r) => t(`messages.purpose.${r.purpose}`) },
  { title: t('messages.outbox.template'), value: (r) => r.templateCode },
  { title: t('messages.templates.subject'), value: (r) => r.subject },
  { title: t('messages.outbox.content'), value: (r) => r.body },
  { title: t('messages.outbox.sendAt'), value: (r) => formatTime(r.nextAttemptAt) },
  { title: t('messages.outbox.sentAt'), value: (r) => formatTime(r.sentAt) },
  { title: t('messages.outbox.attempts'), value: (r) => r.attempts },
  { title: t('messages.outbox.provider'), value: (r) => providerText(t, r.provider) },
  { title: t('messages.outbox.lastError'), value: (r) => r.lastError },
  { title: '', value: (r) => reasonText(t, r.stateReason) },
];

function MessageDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
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

/** 发件箱: every SMS and e-mail with its state; open one for its attempts, cancel or send again. */
export function OutboxPage() {
  const { t } = useTranslation();
  const [unitId, setUnitId] = useState<string | undefined>();
  const [state, setState] = useState<MessageState | undefined>();
  const [channel, setChannel] = useState<MessageChannel | 'all'>('all');
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim());
  const [openId, setOpenId] = useState<string | null>(null);
  const { query, items, pagination } = usePagedList<OutboxMessage>(OUTBOX_KEY, MESSAGES_API, {
    unitId,
    state,
    channel: channel === 'all' ? undefined : channel,
    from: range?.[0]?.startOf('day').toISOString(),
    to: range?.[1]?.add(1, 'day').startOf('day').toISOString(),
    q: q || undefined,
  });
  return (
    <Card
      title={t('messages.outbox.title')}
      extra={<ExportButton rows={items} columns={csvColumns(t)} filename={t('messages.outbox.title')} />}
    >
      <DemoProviderBanner />
      <Space wrap style={{ marginBottom: 16 }}>
        <UnitTreeSelect
          allowClear
          value={unitId}
          onChange={(v) => setUnitId(v)}
          placeholder={t('messages.outbox.unit')}
        />
        <Select<MessageState>
          allowClear
          style={{ width: 130 }}
          placeholder={t('messages.outbox.allStates')}
          value={state}
          onChange={(v) => setState(v)}
          options={MESSAGE_STATES.map((s) => ({ value: s, label: t(`messages.state.${s}`) }))}
          data-testid="outbox-state-filter"
        />
        <Segmented<MessageChannel | 'all'>
          value={channel}
          onChange={setChannel}
          options={[
            { value: 'all', label: t('messages.outbox.allChannels') },
            { value: 'sms', label: t('messages.channel.sms') },
            { value: 'email', label: t('messages.channel.email') },
          ]}
        />
        <DatePicker.RangePicker value={range} onChange={(v) => setRange(v)} />
        <Input.Search
          allowClear
          style={{ width: 220 }}
          placeholder={t('messages.outbox.search')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <Button
          icon={<ReloadOutlined />}
          onClick={() => void query.refetch()}
          aria-label={t('common.refresh')}
        />
      </Space>
      <Table<OutboxMessage>
        rowKey="id"
        size="middle"
        loading={query.isFetching}
        dataSource={items}
        columns={columns(t, (m) => setOpenId(m.id))}
        pagination={pagination}
        scroll={{ x: 1100 }}
        data-testid="outbox-table"
      />
      <MessageDrawer id={openId} onClose={() => setOpenId(null)} />
    </Card>
  );
}
