import { Descriptions, Skeleton, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../../api/client';
import { formatTime } from '../../lib/format';
import { COMPLAINT_RECORD_TYPES } from '../../../domain/tickets/complaints';
import type { ComplaintView } from '../../../shared/complaints';
import { complaintKey } from '../complaints';
import type { TicketDetail } from '../../../shared/tickets';
import { TicketTypeTag } from '../tickets/ticket-tags';
import { ticketKey, ticketPath } from '../tickets/tickets-api';
import { DepartmentReplyList, useDepartmentReplies } from './department-replies';

const multiline = { whiteSpace: 'pre-wrap' as const, margin: 0 };

/**
 * What the department is answering, beside its reply form: the ticket's subject and description,
 * the complaint as the agent recorded it (what happened, what the customer asks for), the
 * customer as the ticket may show them (name, masked number) and any earlier replies.
 */
export function DepartmentCaseSummary({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation();
  const ticket = useQuery({
    queryKey: ticketKey(ticketId),
    queryFn: ({ signal }) => get<TicketDetail>(ticketPath(ticketId), undefined, signal),
    meta: { silent: true },
  });
  const type = ticket.data?.type;
  const complaint = useQuery({
    queryKey: complaintKey(ticketId),
    queryFn: ({ signal }) => get<ComplaintView>(`${ticketPath(ticketId)}/complaint`, undefined, signal),
    enabled: !!type && COMPLAINT_RECORD_TYPES.includes(type),
    meta: { silent: true },
  });
  const replies = useDepartmentReplies(ticketId).data?.items ?? [];
  const d = ticket.data;
  if (!d) return <Skeleton active paragraph={{ rows: 3 }} />;
  const details = complaint.data?.details;
  return (
    <div data-testid="department-case" style={{ marginBottom: 16 }}>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('department.case.title')}
      </Typography.Title>
      <Descriptions size="small" column={1} bordered styles={{ label: { width: 110 } }}>
        <Descriptions.Item label={t('tickets.subject')}>
          <Space size={8} wrap>
            <TicketTypeTag type={d.type} />
            <Typography.Text strong data-testid="department-case-subject">
              {d.subject}
            </Typography.Text>
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('department.case.description')}>
          <Typography.Paragraph style={multiline} data-testid="department-case-description">
            {d.description || t('department.case.noDescription')}
          </Typography.Paragraph>
        </Descriptions.Item>
        {details?.whatHappened && (
          <Descriptions.Item label={t('department.case.whatHappened')}>
            <Typography.Paragraph style={multiline}>{details.whatHappened}</Typography.Paragraph>
          </Descriptions.Item>
        )}
        {details?.customerRequest && (
          <Descriptions.Item label={t('department.case.customerRequest')}>
            <Typography.Paragraph style={multiline}>{details.customerRequest}</Typography.Paragraph>
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('department.case.customer')}>
          <Space size={8} wrap data-testid="department-case-customer">
            {d.customer ? (
              <Typography.Text type={d.customer.specialAttention ? 'danger' : undefined}>
                {d.customer.name}
              </Typography.Text>
            ) : null}
            {d.contactPhone && <Tag>{d.contactPhone}</Tag>}
            {!d.customer && !d.contactPhone && '—'}
          </Space>
        </Descriptions.Item>
        {d.address && <Descriptions.Item label={t('tickets.field.address')}>{d.address}</Descriptions.Item>}
        <Descriptions.Item label={t('department.case.receivedAt')}>
          {formatTime(d.receivedAt)}
          {d.intakeAgent ? ` · ${d.intakeAgent.name}` : ''}
        </Descriptions.Item>
      </Descriptions>
      {replies.length > 0 && (
        <>
          <Typography.Title level={5}>{t('department.case.earlier')}</Typography.Title>
          <DepartmentReplyList replies={replies} />
        </>
      )}
    </div>
  );
}
