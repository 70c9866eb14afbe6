import { Alert, Drawer, Table } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { get, type QueryValue } from '../../api/client';
import { formatTime } from '../../lib/format';
import { TICKET_TYPE_LABELS, type TicketType } from '../../../shared/tickets';
import type { DrillDown } from '../../../shared/reports';
import { REPORTS_API } from './reports-api';

/** What was clicked: a title and the extra filter (dimension = value; '' asks for "not filled in"). */
export interface DrillTarget {
  title: string;
  query: Record<string, QueryValue>;
}

/** The tickets behind a number, each linked to its page. */
export function DrillDownDrawer({
  target,
  base,
  onClose,
}: {
  target: DrillTarget | null;
  base: Record<string, QueryValue>;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith('zh') ? 'zh' : 'en';
  const query = { ...base, ...target?.query };
  const list = useQuery({
    queryKey: ['reports', 'drill', query],
    queryFn: ({ signal }) => get<DrillDown>(`${REPORTS_API}/tickets`, query, signal),
    enabled: !!target,
  });
  return (
    <Drawer
      open={!!target}
      onClose={onClose}
      size="large"
      title={t('reports.common.drillTitle', { what: target?.title ?? '' })}
      data-testid="report-drill"
    >
      {list.data?.truncated && <Alert type="info" showIcon title={t('reports.common.truncated')} />}
      <Table
        size="small"
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 20 }}
        columns={[
          {
            title: t('reports.common.number'),
            dataIndex: 'number',
            width: 170,
            render: (v: string, r) => <Link to={`/tickets/${r.id}`}>{v}</Link>,
          },
          { title: t('reports.common.subject'), dataIndex: 'subject' },
          {
            title: t('reports.common.type'),
            dataIndex: 'type',
            width: 110,
            render: (v: string) => TICKET_TYPE_LABELS[v as TicketType]?.[lang] ?? v,
          },
          {
            title: t('reports.common.receivedAt'),
            dataIndex: 'receivedAt',
            width: 150,
            render: (v: string) => formatTime(v),
          },
        ]}
      />
    </Drawer>
  );
}
