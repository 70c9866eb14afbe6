import { useState } from 'react';
import { Badge, Button, Card, Table, Tabs } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../../api/client';
import type { Page } from '../../api/types';
import { queueColumns } from './ticket-columns';
import { TICKET_VIEWS } from '../../../shared/tickets';
import { TICKETS, TICKETS_KEY } from './tickets-api';
import type { TicketSummary, TicketView } from '../../../shared/tickets';

const REFRESH_MS = 30_000;
const PAGE_SIZE = 15;

/** How many tickets a view holds, for the tab badges; refreshed with the queue. */
function ViewCount({ view, tone }: { view: TicketView; tone: string }) {
  const count = useQuery({
    queryKey: [TICKETS_KEY, 'count', view],
    queryFn: ({ signal }) => get<Page<TicketSummary>>(TICKETS, { view, page: 1, pageSize: 1 }, signal),
    refetchInterval: REFRESH_MS,
    meta: { silent: true },
  });
  return (
    <Badge count={count.data?.total ?? 0} color={tone} size="small" overflowCount={999} showZero={false} />
  );
}

const TAB_TONE: Record<TicketView, string> = {
  my_queue: '#1677ff',
  due_today: '#d46b08',
  breached: '#cf1322',
  at_risk: '#d4b106',
  waiting_department: '#722ed1',
};

/** The agent's queue: saved views as tabs, earliest due first, refreshed every 30 seconds. */
export function DeskQueue() {
  const { t } = useTranslation();
  const [view, setView] = useState<TicketView>('my_queue');
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: [TICKETS_KEY, 'list', { view }, page, PAGE_SIZE],
    queryFn: ({ signal }) => get<Page<TicketSummary>>(TICKETS, { view, page, pageSize: PAGE_SIZE }, signal),
    refetchInterval: REFRESH_MS,
    placeholderData: keepPreviousData,
  });
  const items = list.data?.items ?? [];
  return (
    <Card
      size="small"
      title={t('tickets.desk.queue')}
      extra={
        <Button
          size="small"
          icon={<ReloadOutlined />}
          loading={list.isFetching}
          onClick={() => void list.refetch()}
          aria-label={t('common.refresh')}
        />
      }
      styles={{ body: { paddingTop: 0 } }}
      data-testid="desk-queue"
    >
      <Tabs
        activeKey={view}
        onChange={(key) => {
          setView(key as TicketView);
          setPage(1);
        }}
        items={TICKET_VIEWS.map((v) => ({
          key: v,
          label: (
            <span data-testid={`view-${v}`}>
              {t(`tickets.view.${v}`)} <ViewCount view={v} tone={TAB_TONE[v]} />
            </span>
          ),
        }))}
      />
      <Table<TicketSummary>
        rowKey="id"
        size="small"
        dataSource={items}
        columns={queueColumns(t)}
        loading={list.isLoading}
        locale={{ emptyText: t(`tickets.desk.empty.${view}`) }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: list.data?.total ?? 0,
          size: 'small',
          showSizeChanger: false,
          hideOnSinglePage: true,
          onChange: setPage,
        }}
        data-testid="queue-table"
      />
    </Card>
  );
}
