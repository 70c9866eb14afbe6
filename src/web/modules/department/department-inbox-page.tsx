import { useState } from 'react';
import { Button, Card, Drawer, Empty, Select, Space, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { FormOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { get } from '../../api/client';
import { ListExportButton } from '../../components/list-export-button';
import { formatTime } from '../../lib/format';
import { Countdown, SlaBadge, TicketTypeTag } from '../tickets/ticket-tags';
import { ticketLink } from '../tickets/ticket-columns';
import { useNow } from '../sla/sla-clock';
import { DepartmentCaseSummary } from './department-case';
import { DepartmentReplyForm } from './department-reply-form';
import { DEPARTMENT_INBOX_KEY, replyTone } from './department-types';
import type { DepartmentInbox, InboxItem } from './department-types';
import { ListTable } from '../../components/list-table';

function ReplyDue({ item }: { item: InboxItem }) {
  const { t } = useTranslation();
  const now = useNow();
  const due = item.departmentReply;
  if (!due?.dueAt) return <Typography.Text type="secondary">{t('department.noReplyTarget')}</Typography.Text>;
  return (
    <Space orientation="vertical" size={0} data-testid="reply-due" data-tone={replyTone(due, now)}>
      <Countdown dueAt={due.dueAt} tone={replyTone(due, now)} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {formatTime(due.dueAt)}
      </Typography.Text>
    </Space>
  );
}

function columns(t: TFunction, onReply: (item: InboxItem) => void): TableColumnsType<InboxItem> {
  return [
    {
      title: t('tickets.number'),
      key: 'number',
      width: 160,
      render: (_, r) => (
        <Space orientation="vertical" size={2}>
          <Link to={ticketLink(r.id)} style={{ fontFamily: 'monospace' }}>
            {r.number}
          </Link>
          <TicketTypeTag type={r.type} />
        </Space>
      ),
    },
    // The due time comes first: it is what the department scans for.
    { title: t('department.replyDue'), key: 'due', width: 170, render: (_, r) => <ReplyDue item={r} /> },
    { title: t('tickets.subject'), dataIndex: 'subject', key: 'subject', ellipsis: true },
    { title: t('department.fromUnit'), key: 'unit', width: 140, render: (_, r) => r.unit.name },
    {
      title: t('department.department'),
      key: 'dept',
      width: 120,
      render: (_, r) => r.assigneeDepartment?.name ?? '—',
    },
    {
      title: t('department.intakeAgent'),
      key: 'agent',
      width: 100,
      render: (_, r) => r.intakeAgent?.name ?? '—',
    },
    {
      title: t('department.receivedAt'),
      key: 'received',
      width: 150,
      render: (_, r) => formatTime(r.receivedAt),
    },
    { title: t('department.ticketSla'), key: 'sla', width: 200, render: (_, r) => <SlaBadge sla={r.sla} /> },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 120,
      fixed: 'right',
      render: (_, r) => (
        <Button type="link" icon={<FormOutlined />} onClick={() => onReply(r)} data-testid="open-reply-form">
          {t('department.reply')}
        </Button>
      ),
    },
  ];
}

/** 部门待办 (CMP-3, SLA-3): what the department owes and by when; the reply form opens in a drawer. */
export function DepartmentInboxPage() {
  const { t } = useTranslation();
  const [departmentId, setDepartmentId] = useState<string | undefined>();
  const [replying, setReplying] = useState<InboxItem | null>(null);
  const inbox = useQuery({
    queryKey: [DEPARTMENT_INBOX_KEY, departmentId ?? null],
    queryFn: ({ signal }) => get<DepartmentInbox>('/api/v1/department-inbox', { departmentId }, signal),
    refetchInterval: 60_000,
  });
  const items = inbox.data?.items ?? [];
  const departments = inbox.data?.departments ?? [];
  return (
    <Card
      title={t('department.inboxTitle')}
      extra={
        <Space>
          <ListExportButton
            path="/api/v1/department-inbox/export.xlsx"
            filters={{ departmentId }}
            filename={t('department.inboxTitle')}
          />
          <Button
            icon={<ReloadOutlined />}
            onClick={() => void inbox.refetch()}
            aria-label={t('common.refresh')}
          />
        </Space>
      }
    >
      <Space style={{ marginBottom: 16 }} wrap>
        <Select<string>
          allowClear
          placeholder={t('department.allMyDepartments')}
          value={departmentId}
          onChange={(v) => setDepartmentId(v ?? undefined)}
          options={departments.map((d) => ({ value: d.id, label: d.name }))}
          style={{ width: 220 }}
          data-testid="department-filter"
        />
        <Typography.Text type="secondary">{t('department.inboxHint')}</Typography.Text>
      </Space>
      <ListTable<InboxItem>
        rowKey="id"
        size="middle"
        loading={inbox.isFetching}
        dataSource={items}
        columns={columns(t, setReplying)}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty description={t('department.inboxEmpty')} /> }}
        data-testid="department-inbox-table"
      />
      <Drawer
        open={replying !== null}
        onClose={() => setReplying(null)}
        title={replying ? t('department.replyTitle', { number: replying.number }) : ''}
        size={640}
        destroyOnHidden
      >
        {replying && (
          <>
            <DepartmentCaseSummary ticketId={replying.id} />
            <DepartmentReplyForm
              ticketId={replying.id}
              unitId={replying.unit.id}
              onDone={() => setReplying(null)}
            />
          </>
        )}
      </Drawer>
    </Card>
  );
}
