import { useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Dropdown,
  Flex,
  Result,
  Row,
  Space,
  Spin,
  Tag,
  Typography,
} from 'antd';
import { DownOutlined, EditOutlined, PhoneOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, get, localizedMessage } from '../../api/client';
import { NotFound } from '../../app/require-auth';
import { formatTime } from '../../lib/format';
import { CustomerCardById } from '../customers';
import { SubjectJourneysCard } from '../journeys';
import { TicketDepartmentReplies } from '../department';
import { WriteCaseButton } from '../knowledge';
import { TaskFormModal } from '../tasks/task-form-modal';
import { TicketCalls } from '../telephony';
import { CreateWorkOrderButton } from '../workorders/create-workorder';
import {
  AssignModal,
  EditTicketModal,
  MergeModal,
  ReclassifyModal,
  TransitionModal,
} from './ticket-action-modals';
import { TicketAttachments } from './ticket-attachments';
import { TicketComplaintCard } from './ticket-complaint-card';
import { ticketLink } from './ticket-columns';
import { TicketSlaTargets } from '../sla/ticket-sla-targets';
import { customerOriginLabel, PriorityTag, SlaBadge, TicketStateTag, TicketTypeTag } from './ticket-tags';
import { TicketTimeline } from './ticket-timeline';
import { ticketKey, ticketPath } from './tickets-api';
import type { TicketDetail, TicketState } from '../../../shared/tickets';

type Dialog = 'assign' | 'reclassify' | 'merge' | 'edit' | 'task' | null;

function Header({
  ticket,
  onDialog,
  onMove,
}: {
  ticket: TicketDetail;
  onDialog: (d: Dialog) => void;
  onMove: (s: TicketState) => void;
}) {
  const { t } = useTranslation();
  // ORG-1: the server says what this person may do on this ticket now (ticket.can).
  const { can } = ticket;
  const moves = can.transition ? ticket.allowedTransitions : [];
  const actions = (
    <Space wrap>
      <CreateWorkOrderButton ticket={ticket} />
      <WriteCaseButton ticketId={ticket.id} />
      {can.assign && (
        <Button onClick={() => onDialog('assign')} data-testid="action-assign">
          {t('tickets.actions.assign')}
        </Button>
      )}
      {moves.length > 0 && (
        <Dropdown
          trigger={['click']}
          menu={{
            items: moves.map((s) => ({ key: s, label: t(`tickets.state.${s}`), danger: s === 'cancelled' })),
            onClick: ({ key }) => onMove(key as TicketState),
          }}
        >
          <Button data-testid="action-transition">
            {t('tickets.actions.transition')} <DownOutlined />
          </Button>
        </Dropdown>
      )}
      {can.edit && (
        <Dropdown
          trigger={['click']}
          menu={{
            items: [
              ...(can.reclassify ? [{ key: 'reclassify', label: t('tickets.actions.reclassify') }] : []),
              ...(can.merge ? [{ key: 'merge', label: t('tickets.actions.merge'), danger: true }] : []),
              { key: 'task', label: t('tickets.intake.task') },
            ],
            onClick: ({ key }) => onDialog(key as Dialog),
          }}
        >
          <Button data-testid="action-more">
            {t('common.actions')} <DownOutlined />
          </Button>
        </Dropdown>
      )}
      {can.edit && (
        <Button
          type="primary"
          icon={<EditOutlined />}
          onClick={() => onDialog('edit')}
          data-testid="action-edit"
        >
          {t('tickets.actions.edit')}
        </Button>
      )}
    </Space>
  );
  const missing = ticket.missingEssentials.map((f) => t(`tickets.field.${f}`)).join('、');
  return (
    <Card size="small" data-testid="ticket-header">
      {/* Number and tags on the left, actions on the right; in a narrow window or a longer language
          the actions wrap under the number instead of clipping it. */}
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 8 }}>
        <Space size={8} wrap>
          <Typography.Text
            strong
            copyable
            style={{ fontFamily: 'monospace', fontSize: 16, whiteSpace: 'nowrap' }}
            data-testid="ticket-number"
          >
            {ticket.number}
          </Typography.Text>
          <TicketTypeTag type={ticket.type} />
          <TicketStateTag state={ticket.state} />
          <PriorityTag priority={ticket.priority} />
        </Space>
        {actions}
      </Flex>
      <Space align="center" size={12} wrap style={{ marginBottom: 8 }}>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="ticket-subject">
          {ticket.subject}
        </Typography.Title>
        <SlaBadge sla={ticket.sla} />
      </Space>
      {ticket.mergedIntoId && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={
            <span>
              {t('tickets.detail.mergedInto')}{' '}
              <Link to={ticketLink(ticket.mergedIntoId)}>{t('tickets.event.open')}</Link>
            </span>
          }
        />
      )}
      {missing && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="missing-essentials"
          title={t('tickets.detail.missing', { fields: missing })}
          action={
            can.edit && (
              <Button size="small" onClick={() => onDialog('edit')}>
                {t('tickets.detail.complete')}
              </Button>
            )
          }
        />
      )}
      <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
        <Descriptions.Item label={t('tickets.channelLabel')}>
          {t(`tickets.channel.${ticket.channel}`)}
        </Descriptions.Item>
        <Descriptions.Item label={t('tickets.unit')}>{ticket.unit.name}</Descriptions.Item>
        <Descriptions.Item label={t('tickets.receivedAt')}>{formatTime(ticket.receivedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('tickets.intakeAgent')}>
          <span data-testid="ticket-intake-agent">
            {ticket.intakeAgent?.name ?? customerOriginLabel(t, ticket.intakeOrigin) ?? '—'}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('tickets.assignee')}>
          {ticket.assigneeUser?.name ?? ticket.assigneeTeam?.name ?? '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('tickets.department')}>
          {ticket.assigneeDepartment?.name ?? '—'}
        </Descriptions.Item>
        {ticket.rectificationKind && (
          <Descriptions.Item label={t('tickets.rectificationKindLabel')}>
            {t(`tickets.rectificationKind.${ticket.rectificationKind}`)}
          </Descriptions.Item>
        )}
        {ticket.salesChannel && (
          <Descriptions.Item label={t('tickets.salesChannel')}>{ticket.salesChannel.name}</Descriptions.Item>
        )}
        {ticket.contactPhone && (
          <Descriptions.Item label={t('tickets.field.contactPhone')}>
            <Typography.Text copyable>
              <PhoneOutlined /> {ticket.contactPhone}
            </Typography.Text>
          </Descriptions.Item>
        )}
        {ticket.address && (
          <Descriptions.Item label={t('tickets.field.address')}>{ticket.address}</Descriptions.Item>
        )}
        {ticket.assetModel && (
          <Descriptions.Item label={t('tickets.field.assetModel')}>
            {[ticket.assetModel, ticket.assetSerial].filter(Boolean).join(' / ')}
          </Descriptions.Item>
        )}
        {ticket.purchaseDate && (
          <Descriptions.Item label={t('tickets.field.purchaseDate')}>{ticket.purchaseDate}</Descriptions.Item>
        )}
        {ticket.requestedTime && (
          <Descriptions.Item label={t('tickets.field.requestedTime')}>
            {ticket.requestedTime}
          </Descriptions.Item>
        )}
        {ticket.publicPostUrl && (
          <Descriptions.Item label={t('tickets.field.publicPostUrl')}>
            <Typography.Link href={ticket.publicPostUrl} target="_blank" rel="noreferrer noopener">
              {ticket.publicPostUrl}
            </Typography.Link>
          </Descriptions.Item>
        )}
      </Descriptions>
      {ticket.description && (
        <Typography.Paragraph
          style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}
          data-testid="ticket-description"
        >
          {ticket.description}
        </Typography.Paragraph>
      )}
    </Card>
  );
}

/** 工单详情: header and actions, SLA targets with countdowns, the customer card, the timeline. */
export function TicketDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [move, setMove] = useState<TicketState | null>(null);
  const query = useQuery({
    queryKey: ticketKey(id),
    queryFn: ({ signal }) => get<TicketDetail>(ticketPath(id), undefined, signal),
    refetchInterval: 60_000,
    meta: { silent: true },
  });
  if (query.error) {
    // Outside the caller's units answers 404 exactly like a ticket that does not exist (ORG-1).
    if (
      query.error instanceof ApiError &&
      (query.error.status === 404 || query.error.code === 'validation.failed')
    )
      return <NotFound />;
    return <Result status="error" title={localizedMessage(query.error)} />;
  }
  const ticket = query.data;
  if (!ticket) return <Spin />;
  const close = () => setDialog(null);
  return (
    <Row gutter={[16, 16]} data-testid="ticket-detail">
      <Col xs={24} xl={16}>
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Header ticket={ticket} onDialog={setDialog} onMove={setMove} />
          <TicketDepartmentReplies ticketId={ticket.id} />
          <TicketTimeline ticket={ticket} canManage={ticket.can.edit} />
        </Space>
      </Col>
      <Col xs={24} xl={8}>
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <TicketComplaintCard ticket={ticket} />
          <TicketSlaTargets ticket={ticket} canManage={ticket.can.edit} />
          <SubjectJourneysCard subjectType="ticket" subjectId={ticket.id} />
          {ticket.customerId ? (
            <CustomerCardById
              customerId={ticket.customerId}
              fallback={
                <Card size="small" title={t('tickets.customer')} data-testid="ticket-customer-summary">
                  <Space size={8} wrap>
                    <Typography.Text type={ticket.customer?.specialAttention ? 'danger' : undefined}>
                      {ticket.customer?.name}
                    </Typography.Text>
                    {ticket.contactPhone && <Tag>{ticket.contactPhone}</Tag>}
                  </Space>
                  <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>
                    {t('tickets.detail.customerOutsideScope')}
                  </Typography.Paragraph>
                </Card>
              }
            />
          ) : (
            <Card size="small" title={t('tickets.customer')}>
              <Typography.Text type="secondary">{t('tickets.detail.noCustomer')}</Typography.Text>
              {ticket.contactPhone && <Tag style={{ marginInlineStart: 8 }}>{ticket.contactPhone}</Tag>}
            </Card>
          )}
          <TicketCalls ticketId={ticket.id} />
          <TicketAttachments ticketId={ticket.id} canUpload={ticket.can.edit} />
        </Space>
      </Col>
      <AssignModal ticket={ticket} open={dialog === 'assign'} onClose={close} />
      <ReclassifyModal ticket={ticket} open={dialog === 'reclassify'} onClose={close} />
      <MergeModal ticket={ticket} open={dialog === 'merge'} onClose={close} />
      <EditTicketModal ticket={ticket} open={dialog === 'edit'} onClose={close} />
      <TransitionModal ticket={ticket} to={move} onClose={() => setMove(null)} />
      <TaskFormModal
        open={dialog === 'task'}
        prefill={{
          callerPhone: ticket.contactPhone ?? '',
          callerName: ticket.customer?.name,
          customerId: ticket.customerId,
          ticketId: ticket.id,
        }}
        onClose={close}
      />
    </Row>
  );
}
