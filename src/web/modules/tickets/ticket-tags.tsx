import { Space, Tag, Tooltip, Typography } from 'antd';
import { ClockCircleOutlined } from '@ant-design/icons';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../lib/format';
import { countdownParts, ticketTone, TONE_COLOR, useNow } from '../sla/sla-clock';
import type { SlaTone } from '../sla/sla-clock';
import type { SlaState } from '../../../shared/sla';
import type { TicketPriority, TicketState, TicketSummary, TicketType } from '../../../shared/tickets';

const TYPE_COLOR: Partial<Record<TicketType, string>> = {
  hard_complaint: 'red',
  soft_complaint: 'volcano',
  rectification: 'purple',
  repair: 'blue',
  installation: 'geekblue',
  return_exchange: 'gold',
  order_cancellation: 'orange',
  praise: 'green',
  consultation_direct: 'cyan',
  consultation_indirect: 'cyan',
};

const STATE_COLOR: Record<TicketState, string> = {
  new: 'blue',
  assigned: 'geekblue',
  in_progress: 'processing',
  waiting_department: 'purple',
  pending_customer: 'gold',
  resolved: 'success',
  closed: 'default',
  cancelled: 'default',
  merged: 'default',
};

const PRIORITY_COLOR: Record<TicketPriority, string | undefined> = {
  low: undefined,
  normal: undefined,
  high: 'orange',
  urgent: 'red',
};

export function TicketTypeTag({ type }: { type: TicketType }) {
  const { t } = useTranslation();
  return <Tag color={TYPE_COLOR[type]}>{t(`tickets.type.${type}`)}</Tag>;
}

export function TicketStateTag({ state }: { state: TicketState }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATE_COLOR[state]} data-testid="ticket-state">
      {t(`tickets.state.${state}`)}
    </Tag>
  );
}

export function PriorityTag({ priority }: { priority: TicketPriority }) {
  const { t } = useTranslation();
  return <Tag color={PRIORITY_COLOR[priority]}>{t(`tickets.priority.${priority}`)}</Tag>;
}

/** "剩 2天3小时" / "超时 40分钟" in the colour of the SLA state. */
export function Countdown({ dueAt, tone }: { dueAt: string; tone: SlaTone }) {
  const { t } = useTranslation();
  const now = useNow();
  const p = countdownParts(dueAt, now);
  const span =
    p.days > 0
      ? t('tickets.sla.daysHours', { days: p.days, hours: p.hours })
      : p.hours > 0
        ? t('tickets.sla.hoursMinutes', { hours: p.hours, minutes: p.minutes })
        : t('tickets.sla.minutes', { minutes: p.minutes });
  return (
    <Tooltip title={t('tickets.sla.dueAt', { time: formatTime(dueAt) })}>
      <Typography.Text style={{ color: TONE_COLOR[tone], whiteSpace: 'nowrap' }} data-testid="sla-countdown">
        <ClockCircleOutlined />{' '}
        {p.overdue ? t('tickets.sla.overdueBy', { span }) : t('tickets.sla.left', { span })}
      </Typography.Text>
    </Tooltip>
  );
}

const BADGE_TAG: Record<SlaTone, string> = {
  green: 'success',
  orange: 'warning',
  red: 'error',
  grey: 'default',
};

/** The ticket's SLA state as a badge with a live countdown to the next due time. */
export function SlaBadge({ sla }: { sla: { state: SlaState; nextDueAt: string | null } }) {
  const { t } = useTranslation();
  const now = useNow();
  const tone = ticketTone(sla.state, sla.nextDueAt, now);
  const overdue = sla.nextDueAt !== null && Date.parse(sla.nextDueAt) < now;
  const state = tone === 'red' && overdue && sla.state !== 'breached' ? 'breached' : sla.state;
  return (
    <Space size={4} wrap data-testid="sla-badge" data-tone={tone}>
      <Tag color={BADGE_TAG[tone]} style={{ marginInlineEnd: 0 }}>
        {t(`tickets.slaState.${state}`)}
      </Tag>
      {sla.nextDueAt && <Countdown dueAt={sla.nextDueAt} tone={tone} />}
    </Space>
  );
}

/** Who holds the ticket: the person, else the team, plus the responsible department. */
/** Who took in a case no member of staff took in: the customer, through a survey answer or the portal. */
export function customerOriginLabel(t: TFunction, origin: unknown): string | null {
  if (origin === 'customer_survey') return t('tickets.event.customerSurvey');
  if (origin === 'customer_portal') return t('tickets.event.customerPortal');
  return null;
}

export function assigneeText(ticket: TicketSummary, none: string): string {
  const holder = ticket.assigneeUser?.name ?? ticket.assigneeTeam?.name;
  const dept = ticket.assigneeDepartment?.name;
  return [holder, dept].filter(Boolean).join(' / ') || none;
}
