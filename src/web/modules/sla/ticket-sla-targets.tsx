import { useState } from 'react';
import { Button, Card, Empty, Input, List, Modal, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../lib/format';
import { notifySuccess } from '../../lib/notify';
import { useTicketAction } from '../tickets/use-ticket-action';
import { CountsInNote } from './counts-in';
import { isLiveTarget, isOverdue, isRunningTarget } from '../../../domain/sla/sla.target-states';
import { instant, targetTone, TONE_COLOR, useNow } from './sla-clock';
import { Countdown } from '../tickets/ticket-tags';
import type { SlaTarget } from '../../../shared/sla';
import type { TicketDetail } from '../../../shared/tickets';

type Milestone = 'solution_offered' | 'item_returned' | 'satisfaction_call';

/**
 * The milestone that moves a live target on (SLA-5, SLA-6, SLA-10): the one that meets it, or —
 * for a target waiting for the item's return — the one that starts it.
 */
function milestoneFor(target: SlaTarget, definitionStart: unknown): Milestone | null {
  if (!isLiveTarget(target.state)) return null;
  if (target.state === 'pending' && (definitionStart as { event?: string } | null)?.event === 'item_returned')
    return 'item_returned';
  if (target.stopsOn === 'solution_offered') return 'solution_offered';
  if (target.stopsOn === 'satisfaction_call_made') return 'satisfaction_call';
  return null;
}

/** Records a milestone on the ticket, with an optional note (e.g. what the customer said on the call). */
function MilestoneButton({ ticketId, milestone }: { ticketId: string; milestone: Milestone }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const record = useTicketAction(ticketId, 'milestones', () => {
    notifySuccess(t('tickets.milestone.recorded'));
    setOpen(false);
    setNote('');
  });
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)} data-testid={`milestone-${milestone}`}>
        {t(`tickets.milestone.${milestone}`)}
      </Button>
      <Modal
        open={open}
        title={t(`tickets.milestone.${milestone}`)}
        okText={t('tickets.milestone.record')}
        onOk={() => record.mutate({ kind: milestone, ...(note.trim() ? { note: note.trim() } : {}) })}
        confirmLoading={record.isPending}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('tickets.milestone.hint')}</Typography.Paragraph>
        <Input.TextArea
          value={note}
          onChange={(e) => setNote(e.target.value)}
          maxLength={2000}
          autoSize={{ minRows: 2, maxRows: 6 }}
          placeholder={t('tickets.milestone.notePlaceholder')}
          data-testid="milestone-note"
        />
      </Modal>
    </>
  );
}

const TAG: Record<string, string> = { green: 'success', orange: 'warning', red: 'error', grey: 'default' };

function TargetRow({
  target,
  ticketId,
  canRecord,
}: {
  target: SlaTarget;
  ticketId: string;
  canRecord: boolean;
}) {
  const { t } = useTranslation();
  const now = useNow();
  const tone = targetTone(target, now);
  const milestone = milestoneFor(target, target.startsOn);
  const pastDue = isOverdue({ state: target.state, dueAt: instant(target.dueAt) }, now);
  // The scheduler advances states on its own beat; past due is shown as breached at once.
  const state =
    pastDue && (target.state === 'on_track' || target.state === 'at_risk') ? 'breached' : target.state;
  const allowed =
    'amount' in target.allowed
      ? t(`sla.unit.${target.allowed.unit}`, {
          count: target.allowed.amount,
          defaultValue: target.allowed.unit,
        })
      : t(`sla.unit.${target.allowed.unit}`, { defaultValue: target.allowed.unit });
  return (
    <List.Item
      style={{ borderInlineStart: `3px solid ${TONE_COLOR[tone]}`, paddingInlineStart: 12 }}
      data-testid="sla-target"
      data-tone={tone}
    >
      <Space orientation="vertical" size={2} style={{ width: '100%' }}>
        <Space style={{ width: '100%', justifyContent: 'space-between' }}>
          <Typography.Text strong>
            {t(`sla.target.${target.key}`, { defaultValue: target.key })}
          </Typography.Text>
          <Tag color={TAG[tone]} style={{ marginInlineEnd: 0 }}>
            {t(`tickets.targetState.${state}`)}
          </Tag>
        </Space>
        {canRecord && milestone && <MilestoneButton ticketId={ticketId} milestone={milestone} />}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('tickets.sla.allowed', { allowed })}
          {target.pausesWhenPendingCustomer && ` · ${t('sla.pauses')}`}
        </Typography.Text>
        {target.dueAt && (
          <Space size={12} wrap>
            <Typography.Text style={{ fontSize: 12 }}>
              {t('tickets.sla.dueAt', { time: formatTime(target.dueAt) })}
            </Typography.Text>
            {isRunningTarget(target.state) && <Countdown dueAt={target.dueAt} tone={tone} />}
            {target.countsIn && <CountsInNote countsIn={target.countsIn} />}
          </Space>
        )}
        {target.state === 'pending' && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('tickets.sla.pendingHint')}
          </Typography.Text>
        )}
        {target.metAt && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('tickets.sla.metAt', { time: formatTime(target.metAt) })}
          </Typography.Text>
        )}
        {target.state === 'ended' && target.endedAt && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="sla-target-ended">
            {t('tickets.sla.endedAt', {
              time: formatTime(target.endedAt),
              reason: t(`sla.endReason.${target.endReason ?? 'step_not_needed'}`),
            })}
          </Typography.Text>
        )}
      </Space>
    </List.Item>
  );
}

/** SLA targets with their due times, live countdowns, SLA-8 colours and the milestones that meet them. */
export function TicketSlaTargets({ ticket, canManage }: { ticket: TicketDetail; canManage: boolean }) {
  const targets = ticket.slaTargets;
  const canRecord = canManage && !['cancelled', 'merged'].includes(ticket.state);
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('tickets.detail.sla')} data-testid="sla-targets">
      {targets.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tickets.sla.none')} />
      ) : (
        <List
          size="small"
          dataSource={targets}
          renderItem={(target) => <TargetRow target={target} ticketId={ticket.id} canRecord={canRecord} />}
        />
      )}
    </Card>
  );
}
