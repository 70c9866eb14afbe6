import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Input, Segmented, Select, Space, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { get } from '../../api/client';
import { ListExportButton } from '../../components/list-export-button';
import { UnitTreeSelect } from '../../components/unit-tree-select';
import { useDebouncedValue } from '../../hooks/use-debounced-value';
import { usePagedList } from '../../hooks/use-paged-list';
import { formatTime } from '../../lib/format';
import {
  MESSAGE_STATES,
  MESSAGES_API,
  OUTBOX_KEY,
  type MessageChannel,
  type MessageState,
  type OutboxMessage,
  type ProvidersInfo,
} from './messages-api';
import { MessageDrawer, StateTag } from './outbox-drawer';
import { ListTable } from '../../components/list-table';

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
  const filters = {
    unitId,
    state,
    channel: channel === 'all' ? undefined : channel,
    from: range?.[0]?.startOf('day').toISOString(),
    to: range?.[1]?.add(1, 'day').startOf('day').toISOString(),
    q: q || undefined,
  };
  const { query, items, pagination } = usePagedList<OutboxMessage>(OUTBOX_KEY, MESSAGES_API, filters);
  return (
    <Card
      title={t('messages.outbox.title')}
      extra={
        <ListExportButton
          path={`${MESSAGES_API}/export.xlsx`}
          filters={filters}
          filename={t('messages.outbox.title')}
        />
      }
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
      <ListTable<OutboxMessage>
        rowKey="id"
        size="middle"
        loading={query.isFetching}
        dataSource={items}
        columns={columns(t, (m) => setOpenId(m.id))}
        pagination={pagination}
        data-testid="outbox-table"
      />
      <MessageDrawer id={openId} onClose={() => setOpenId(null)} />
    </Card>
  );
}
