import { useState } from 'react';
import { useCurrentMe } from '../../auth/use-me';
import { useTextDraft } from '../../lib/drafts';
import type { KeyboardEvent } from 'react';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Divider,
  Empty,
  Input,
  Radio,
  Segmented,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { CommentOutlined, LockOutlined } from '@ant-design/icons';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isEndedState } from '../../../domain/tickets/tickets.states';
import { formatTime } from '../../lib/format';
import { notifySuccess } from '../../lib/notify';
import { ticketLink } from './ticket-columns';
import { customerOriginLabel } from './ticket-tags';
import type { TicketDetail, TimelineEvent } from '../../../shared/tickets';
import { useTicketAction } from './use-ticket-action';

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** One line for an event that is not a note or a reply. */
function eventText(t: TFunction, e: TimelineEvent): string {
  const b = e.body;
  const typeName = (v: unknown) => (v ? t(`tickets.type.${str(v)}`) : '');
  const stateName = (v: unknown) => (v ? t(`tickets.state.${str(v)}`) : '');
  switch (e.type) {
    case 'created':
      return t('tickets.event.created', { channel: t(`tickets.channel.${str(b.channel)}`) });
    case 'routed':
      return b.rule === 'CL-3' ? t('tickets.event.routedDepartment') : t('tickets.event.routedTeam');
    case 'assigned':
      return b.userId
        ? t('tickets.event.assignedUser')
        : b.teamId
          ? t('tickets.event.assignedTeam')
          : t('tickets.event.assignedDepartment');
    case 'reclassified': {
      const from = (b.from ?? {}) as Record<string, unknown>;
      const to = (b.to ?? {}) as Record<string, unknown>;
      return t('tickets.event.reclassified', { from: typeName(from.type), to: typeName(to.type) });
    }
    case 'state_changed':
      return t('tickets.event.stateChanged', { from: stateName(b.from), to: stateName(b.to) });
    case 'updated': {
      const fields = Array.isArray(b.fields) ? (b.fields as string[]) : [];
      return t('tickets.event.updated', {
        fields: fields.map((f) => t(`tickets.field.${f}`, { defaultValue: f })).join('、'),
      });
    }
    case 'merged_into':
      return t('tickets.event.mergedInto', { number: str(b.intoNumber) });
    case 'merge_received':
      return t('tickets.event.mergeReceived', { number: str(b.fromNumber) });
    case 'commitment':
      return t('tickets.event.commitment', { text: str(b.text), date: str(b.dueDate) });
    case 'department_replied':
      return t('tickets.event.departmentReplied', { date: str(b.committedDate) });
    case 'evaluated':
      return t('tickets.event.evaluated', {
        result: t(`complaints.evaluationResult.${str(b.result)}`),
        comment: str(b.comment) ? t('tickets.event.evaluatedComment', { comment: str(b.comment) }) : '',
      });
    case 'close_out_requested':
      return t('complaintFlow.event.requested', { note: str(b.note) ? `：${str(b.note)}` : '' });
    case 'close_out_step':
      if (b.step === 'assessment' && b.counts === false) return t('complaintFlow.event.assessmentNotCounted');
      return t(`complaintFlow.event.step.${str(b.step)}`, { text: str(b.text) });
    case 'close_out_sent_back': {
      const to = str(b.to);
      return t('complaintFlow.event.sentBack', {
        step: t(`complaintFlow.chain.step.${str(b.step)}`),
        to:
          to === 'returned'
            ? t('complaintFlow.chain.owner.intake_agent')
            : t(`complaintFlow.chain.step.${to}`),
        reason: str(b.reason),
      });
    }
    case 'close_out_approved':
      // Before the CMP-5 chain an approval carried no step; it was the general manager's all the same.
      return t('complaintFlow.event.step.approval', { text: str(b.text) ? `：${str(b.text)}` : '' });
    case 'close_out_rejected':
      return t('tickets.event.closeOutRejected');
    case 'complaint_recorded':
      return t('tickets.event.complaintRecorded');
    case 'cause_analysis':
      return b.opened
        ? t('complaintFlow.meeting.opened', { reason: t(`complaintFlow.meeting.reason.${str(b.opened)}`) })
        : t('tickets.event.causeAnalysisSaved');
    case 'milestone':
      return t(`tickets.milestone.done.${str(b.kind)}`) + (str(b.note) ? `：${str(b.note)}` : '');
    default:
      return e.type;
  }
}

function EventBody({ event }: { event: TimelineEvent }) {
  const { t } = useTranslation();
  // A case the customer opened (a survey answer, the self-service portal) was taken in by nobody on the staff.
  const who = event.actor?.name ?? customerOriginLabel(t, event.body.origin) ?? t('tickets.event.system');
  const head = (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {formatTime(event.at)} · {who}
    </Typography.Text>
  );
  const fromCustomer = event.type === 'customer_reply'; // PORTAL-1: the customer's message from the portal
  if (event.type === 'reply' || event.type === 'note' || event.type === 'progress' || fromCustomer) {
    // A progress update (CMP-6) is customer-visible like a reply, labelled with its kind.
    const progress = event.type === 'progress';
    const reply = event.type === 'reply' || progress || fromCustomer;
    return (
      <div
        data-testid={
          fromCustomer
            ? 'timeline-customer-reply'
            : progress
              ? 'timeline-progress'
              : reply
                ? 'timeline-reply'
                : 'timeline-note'
        }
        style={{
          background: reply ? '#e6f4ff' : '#fffbe6',
          border: `1px solid ${reply ? '#91caff' : '#ffe58f'}`,
          borderRadius: 6,
          padding: '8px 12px',
        }}
      >
        <Space size={6} style={{ marginBottom: 4 }}>
          {reply ? (
            <Tag color="blue" icon={<CommentOutlined />}>
              {fromCustomer
                ? t('tickets.event.customerReply')
                : progress
                  ? t(`complaints.progress.${str(event.body.kind)}`)
                  : t(`tickets.replyKind.${str(event.body.kind) || 'answer'}`)}
            </Tag>
          ) : null}
          {event.body.postedPublicly === true ? (
            <Tag color="purple" data-testid="timeline-public-reply">
              {t('tickets.event.postedPublicly')}
            </Tag>
          ) : null}
          {reply ? null : (
            <Tag color="gold" icon={<LockOutlined />}>
              {t('tickets.event.note')}
            </Tag>
          )}
          {head}
        </Space>
        <Typography.Paragraph style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}>
          {str(event.body.text)}
        </Typography.Paragraph>
        {str(event.body.answerWithoutDepartmentReason) && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('tickets.event.answeredWithoutDepartment', {
              reason: str(event.body.answerWithoutDepartmentReason),
            })}
          </Typography.Text>
        )}
      </div>
    );
  }
  const reason = str(event.body.reason);
  const into = event.type === 'merged_into' ? str(event.body.intoTicketId) : '';
  return (
    <Space orientation="vertical" size={0}>
      <Typography.Text>
        {eventText(t, event)}
        {into && (
          <>
            {' '}
            <Link to={ticketLink(into)}>{t('tickets.event.open')}</Link>
          </>
        )}
      </Typography.Text>
      {reason && <Typography.Text type="secondary">{t('tickets.event.reason', { reason })}</Typography.Text>}
      {head}
    </Space>
  );
}

type ComposerMode = 'replies' | 'notes';
type ReplyKind = 'answer' | 'acknowledgement' | 'progress';

/** SLA-3: the server refuses an answer to these before the department's findings, unless a reason is given. */
const ANSWER_AFTER_DEPARTMENT = ['rectification', 'consultation_indirect'];
const CONSULTATIONS = ['consultation_direct', 'consultation_indirect'];

/** Reply to the customer (as the answer, an acknowledgement or a progress update) or leave an internal note; Ctrl+Enter sends. */
function Composer({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<ComposerMode>('replies');
  // Kept in the browser per user and ticket: an expired session or a reload gives it back.
  const [text, setText] = useTextDraft(useCurrentMe().id, `ticket.${ticket.id}.reply`);
  // A consultation is answered in one go; other cases are first acknowledged, then answered.
  const [kind, setKind] = useState<ReplyKind>(
    CONSULTATIONS.includes(ticket.type) ? 'answer' : 'acknowledgement',
  );
  const [withoutDepartment, setWithoutDepartment] = useState('');
  // IN-9: a complaint from a public post is answered there too; the reply records that it was.
  const [postedPublicly, setPostedPublicly] = useState(false);
  const send = useTicketAction(ticket.id, mode, () => {
    notifySuccess(mode === 'replies' ? t('tickets.composer.replied') : t('tickets.composer.noted'));
    setText('');
    setWithoutDepartment('');
    setPostedPublicly(false);
  });
  const repliesClosed = isEndedState(ticket.state);
  const effective: ComposerMode = repliesClosed ? 'notes' : mode;
  const findingsMissing =
    ANSWER_AFTER_DEPARTMENT.includes(ticket.type) &&
    !ticket.timeline.some((e) => e.type === 'department_replied');
  const needsReason = effective === 'replies' && kind === 'answer' && findingsMissing;
  const ready = !!text.trim() && (!needsReason || !!withoutDepartment.trim());
  const submit = () => {
    if (!ready) return;
    if (effective === 'notes') return send.mutate({ body: text.trim() });
    send.mutate({
      body: text.trim(),
      kind,
      ...(needsReason ? { answerWithoutDepartmentReason: withoutDepartment.trim() } : {}),
      ...(postedPublicly ? { postedPublicly: true } : {}),
    });
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      submit();
    }
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="composer">
      <Space wrap>
        <Segmented<ComposerMode>
          value={effective}
          onChange={setMode}
          options={[
            { value: 'replies', label: t('tickets.composer.reply'), disabled: repliesClosed },
            { value: 'notes', label: t('tickets.composer.note') },
          ]}
          data-testid="composer-mode"
        />
        {effective === 'replies' && (
          <Radio.Group
            size="small"
            optionType="button"
            value={kind}
            onChange={(e) => setKind(e.target.value as ReplyKind)}
            options={(['acknowledgement', 'progress', 'answer'] as const).map((k) => ({
              value: k,
              label: t(`tickets.replyKind.${k}`),
            }))}
            data-testid="composer-kind"
          />
        )}
      </Space>
      <Input.TextArea
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
        autoSize={{ minRows: 3, maxRows: 10 }}
        maxLength={10_000}
        placeholder={
          effective === 'replies'
            ? t('tickets.composer.replyPlaceholder')
            : t('tickets.composer.notePlaceholder')
        }
        style={effective === 'notes' ? { background: '#fffbe6' } : undefined}
        data-testid="composer-text"
      />
      {needsReason && (
        <Space orientation="vertical" size={4} style={{ width: '100%' }}>
          <Alert type="warning" showIcon title={t('tickets.composer.findingsMissing')} />
          <Input
            value={withoutDepartment}
            onChange={(e) => setWithoutDepartment(e.target.value)}
            maxLength={500}
            placeholder={t('tickets.composer.withoutDepartmentPlaceholder')}
            data-testid="composer-without-department"
          />
        </Space>
      )}
      <Space style={{ width: '100%', justifyContent: 'space-between' }}>
        <Space>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {effective === 'replies'
              ? t(`tickets.composer.kindHint.${kind}`)
              : t('tickets.composer.noteHint')}
          </Typography.Text>
          {effective === 'replies' && ticket.publicPostUrl ? (
            <Checkbox
              checked={postedPublicly}
              onChange={(e) => setPostedPublicly(e.target.checked)}
              data-testid="composer-posted-publicly"
            >
              {t('tickets.composer.postedPublicly')}
            </Checkbox>
          ) : null}
        </Space>
        <Button
          type="primary"
          onClick={submit}
          loading={send.isPending}
          disabled={!ready}
          data-testid="composer-send"
        >
          {effective === 'replies' ? t('tickets.composer.sendReply') : t('tickets.composer.saveNote')}
        </Button>
      </Space>
    </Space>
  );
}

/** The ticket's full history, oldest first, with the reply / note box under it. */
export function TicketTimeline({ ticket, canManage }: { ticket: TicketDetail; canManage: boolean }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('tickets.detail.timeline')} data-testid="ticket-timeline">
      {ticket.timeline.length === 0 ? (
        <Empty />
      ) : (
        <Timeline
          items={ticket.timeline.map((e) => ({
            key: e.id,
            color: e.type === 'reply' ? 'blue' : e.type === 'note' ? 'gold' : 'gray',
            content: <EventBody event={e} />,
          }))}
        />
      )}
      {canManage && (
        <>
          <Divider style={{ margin: '8px 0 12px' }} />
          <Composer key={ticket.id} ticket={ticket} />
        </>
      )}
    </Card>
  );
}
