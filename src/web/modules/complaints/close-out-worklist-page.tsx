import { useState } from 'react';
import { Button, Card, Empty, Segmented, Space, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { get } from '../../api/client';
import type { ItemList } from '../../api/types';
import { useCurrentUnit } from '../../app/current-unit';
import { ListExportButton } from '../../components/list-export-button';
import { formatTime } from '../../lib/format';
import { ticketLink } from '../tickets/ticket-columns';
import { TicketTypeTag } from '../tickets/ticket-tags';
import { CLOSE_OUT_VIEWS, CLOSE_OUTS_KEY } from './complaint-types';
import type { CloseOutItem, CloseOutView } from './complaint-types';
import { ListTable } from '../../components/list-table';

const STAGE_COLOR: Record<string, string> = {
  quality_opinion: 'blue',
  assessment: 'cyan',
  approval: 'gold',
  returned: 'red',
  filed: 'green',
};

const stageText = (t: TFunction, r: CloseOutItem) => t(`complaintFlow.chain.stage.${r.stage ?? 'none'}`);
const who = (n: { name: string } | null) => n?.name ?? '';

function columns(t: TFunction, view: CloseOutView): TableColumnsType<CloseOutItem> {
  const text = (value: string | null, by: { name: string } | null) =>
    value ? (
      <Space orientation="vertical" size={0}>
        <Typography.Paragraph ellipsis={{ rows: 3, expandable: true }} style={{ marginBottom: 0 }}>
          {value}
        </Typography.Paragraph>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {who(by)}
        </Typography.Text>
      </Space>
    ) : (
      '—'
    );
  return [
    {
      title: t('tickets.number'),
      key: 'number',
      width: 160,
      render: (_, r) => (
        <Space orientation="vertical" size={2}>
          <Link to={ticketLink(r.ticket.id)} style={{ fontFamily: 'monospace' }}>
            {r.ticket.number}
          </Link>
          <TicketTypeTag type={r.ticket.type} />
        </Space>
      ),
    },
    { title: t('tickets.subject'), key: 'subject', ellipsis: true, render: (_, r) => r.ticket.subject },
    { title: t('complaints.unit'), key: 'unit', width: 130, render: (_, r) => r.ticket.unit.name },
    {
      title: t('complaintFlow.worklist.stage'),
      key: 'stage',
      width: 170,
      render: (_, r) => (
        <Space orientation="vertical" size={2}>
          <Tag color={STAGE_COLOR[r.stage ?? ''] ?? 'default'}>{stageText(t, r)}</Tag>
          {r.lastReturn && r.stage !== 'filed' && (
            <Typography.Text type="danger" style={{ fontSize: 12 }}>
              {t('complaintFlow.chain.lastReturn', {
                name: who(r.lastReturn.by),
                step: t(`complaintFlow.chain.step.${r.lastReturn.from}`),
                reason: r.lastReturn.reason ?? '',
              })}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('complaintFlow.worklist.requestedBy'),
      key: 'requested',
      width: 150,
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          {who(r.requestedBy) || '—'}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatTime(r.requestedAt)}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('complaintFlow.worklist.qualityOpinion'),
      key: 'quality',
      width: 240,
      render: (_, r) => text(r.qualityOpinion, r.qualityBy),
    },
    {
      title: t('complaintFlow.worklist.assessment'),
      key: 'assessment',
      width: 200,
      render: (_, r) =>
        r.assessmentCounts === false
          ? text(t('complaintFlow.action.notCountedDone'), r.assessmentBy)
          : text(r.assessmentNote, r.assessmentBy),
    },
    view === 'filed'
      ? {
          title: t('complaintFlow.worklist.approvedBy'),
          key: 'approved',
          width: 150,
          render: (_, r) => (
            <Space orientation="vertical" size={0}>
              {who(r.approvedBy)}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatTime(r.archivedAt)}
              </Typography.Text>
            </Space>
          ),
        }
      : {
          title: t('common.actions'),
          key: 'actions',
          width: 100,
          fixed: 'right',
          render: (_, r) => (
            <Link to={ticketLink(r.ticket.id)} data-testid="close-out-open-ticket">
              <Button size="small" type={view === 'mine' ? 'primary' : 'default'}>
                {t('complaintFlow.worklist.open_ticket')}
              </Button>
            </Link>
          ),
        },
  ];
}

/**
 * 投诉结案 (CMP-5): the complaints whose close-out waits for the caller (their step, or sent back
 * to them as requester), every chain under way, and the filed ones. Steps are done on the ticket
 * page, where the whole chain and the case are in view.
 */
export function CloseOutWorklistPage() {
  const { t } = useTranslation();
  const { unitId } = useCurrentUnit();
  const [view, setView] = useState<CloseOutView>('mine');
  const list = useQuery({
    queryKey: [CLOSE_OUTS_KEY, view, unitId ?? null],
    queryFn: ({ signal }) =>
      get<ItemList<CloseOutItem>>('/api/v1/complaints/close-outs', { view, unitId }, signal),
  });
  const items = list.data?.items ?? [];
  return (
    <Card
      title={t('complaintFlow.worklist.title')}
      extra={
        <Space>
          <ListExportButton
            path="/api/v1/complaints/close-outs/export.xlsx"
            filters={{ view, unitId }}
            filename={t('complaintFlow.worklist.title')}
          />
          <Button
            icon={<ReloadOutlined />}
            onClick={() => void list.refetch()}
            aria-label={t('common.refresh')}
          />
        </Space>
      }
    >
      <Segmented<CloseOutView>
        value={view}
        onChange={setView}
        options={CLOSE_OUT_VIEWS.map((v) => ({ value: v, label: t(`complaintFlow.worklist.${v}`) }))}
        style={{ marginBottom: 16 }}
      />
      <ListTable<CloseOutItem>
        rowKey={(r) => r.ticket.id}
        size="middle"
        loading={list.isFetching}
        dataSource={items}
        columns={columns(t, view)}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty description={t('complaintFlow.worklist.empty')} /> }}
        data-testid="close-out-table"
      />
    </Card>
  );
}
