import { Card, Descriptions, Empty, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../../api/client';
import { formatTime } from '../../lib/format';
import type { DepartmentReplyView } from '../../../shared/complaints';

export const DEPARTMENT_REPLIES_KEY = 'department-replies';
export const departmentRepliesKey = (ticketId: string) => [DEPARTMENT_REPLIES_KEY, ticketId] as const;

/** CMP-3: the replies the departments filed on a ticket (any type), oldest first. */
export function useDepartmentReplies(ticketId: string) {
  return useQuery({
    queryKey: departmentRepliesKey(ticketId),
    queryFn: ({ signal }) =>
      get<{ items: DepartmentReplyView[] }>(
        `/api/v1/tickets/${ticketId}/department-replies`,
        undefined,
        signal,
      ),
    meta: { silent: true },
  });
}

const multiline = { whiteSpace: 'pre-wrap' as const, margin: 0 };

/** One 部门回复单 as the agent, the close-out owners and the department read it. */
function ReplyBlock({ reply, index, total }: { reply: DepartmentReplyView; index: number; total: number }) {
  const { t } = useTranslation();
  return (
    <div data-testid="department-reply" style={{ marginBottom: index < total - 1 ? 16 : 0 }}>
      <Space size={8} wrap style={{ marginBottom: 4 }}>
        <Typography.Text strong>{reply.department?.name ?? t('department.department')}</Typography.Text>
        {total > 1 && (
          <Tag color={index === total - 1 ? 'blue' : 'default'}>
            {index === total - 1
              ? t('department.replies.latest')
              : t('department.replies.nth', { n: index + 1 })}
          </Tag>
        )}
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="department-reply-by">
          {t('department.replies.by', { name: reply.author?.name ?? '', time: formatTime(reply.createdAt) })}
        </Typography.Text>
      </Space>
      <Descriptions size="small" column={1} bordered styles={{ label: { width: 150 } }}>
        <Descriptions.Item label={t('department.findings')}>
          <Typography.Paragraph style={multiline} data-testid="department-reply-findings">
            {reply.findings}
          </Typography.Paragraph>
        </Descriptions.Item>
        <Descriptions.Item label={t('department.rootCause')}>
          <Typography.Paragraph style={multiline} data-testid="department-reply-root-cause">
            {reply.rootCause}
          </Typography.Paragraph>
        </Descriptions.Item>
        <Descriptions.Item label={t('department.correctiveAction')}>
          <Space orientation="vertical" size={2}>
            <Tag color="orange">{t(`department.corrective.${reply.correctiveAction.kind}`)}</Tag>
            <Typography.Paragraph style={multiline} data-testid="department-reply-corrective">
              {reply.correctiveAction.text}
            </Typography.Paragraph>
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('department.preventiveAction')}>
          <Typography.Paragraph style={multiline} data-testid="department-reply-preventive">
            {reply.preventiveAction}
          </Typography.Paragraph>
        </Descriptions.Item>
        <Descriptions.Item label={t('department.committedDate')}>
          <span data-testid="department-reply-committed">{reply.committedDate}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('department.responsiblePerson')}>
          {reply.responsiblePerson?.name ?? '—'}
        </Descriptions.Item>
      </Descriptions>
    </div>
  );
}

/** Every reply in order, the latest marked; an empty list says the department has not answered yet. */
export function DepartmentReplyList({ replies }: { replies: readonly DepartmentReplyView[] }) {
  const { t } = useTranslation();
  if (replies.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('department.replies.none')} />;
  return (
    <div data-testid="department-reply-list">
      {replies.map((r, i) => (
        <ReplyBlock key={r.id} reply={r} index={i} total={replies.length} />
      ))}
    </div>
  );
}

/**
 * 部门回复 on the ticket page: what the department found, why, what it will do and by when — what
 * the intake agent tells the customer. Shown once a department has replied.
 */
export function TicketDepartmentReplies({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation();
  const replies = useDepartmentReplies(ticketId).data?.items ?? [];
  if (replies.length === 0) return null;
  return (
    <div id="department-replies" data-testid="ticket-department-replies">
      <Card size="small" title={t('department.replies.title', { count: replies.length })}>
        <DepartmentReplyList replies={replies} />
      </Card>
    </div>
  );
}
