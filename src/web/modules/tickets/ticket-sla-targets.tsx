import { Card, Empty, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../lib/format';
import { CountsInNote } from '../calendar/counts-in';
import { targetTone, TONE_COLOR, useNow } from './sla-clock';
import { Countdown } from './ticket-tags';
import type { SlaTarget } from './ticket-types';

const TAG: Record<string, string> = { green: 'success', orange: 'warning', red: 'error', grey: 'default' };
const RUNNING = ['on_track', 'at_risk', 'breached', 'escalated'];

function TargetRow({ target }: { target: SlaTarget }) {
  const { t } = useTranslation();
  const now = useNow();
  const tone = targetTone(target, now);
  const running = RUNNING.includes(target.state);
  const pastDue = running && target.dueAt !== null && Date.parse(target.dueAt) < now;
  // The scheduler advances states on its own beat; past due is shown as breached at once.
  const state =
    pastDue && (target.state === 'on_track' || target.state === 'at_risk') ? 'breached' : target.state;
  const allowed =
    target.allowed.amount !== undefined
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
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('tickets.sla.allowed', { allowed })}
          {target.pausesWhenPendingCustomer && ` · ${t('sla.pauses')}`}
        </Typography.Text>
        {target.dueAt && (
          <Space size={12} wrap>
            <Typography.Text style={{ fontSize: 12 }}>
              {t('tickets.sla.dueAt', { time: formatTime(target.dueAt) })}
            </Typography.Text>
            {running && <Countdown dueAt={target.dueAt} tone={tone} />}
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
      </Space>
    </List.Item>
  );
}

/** SLA targets with their due times, live countdowns and SLA-8 colours. */
export function TicketSlaTargets({ targets }: { targets: SlaTarget[] }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('tickets.detail.sla')} data-testid="sla-targets">
      {targets.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tickets.sla.none')} />
      ) : (
        <List size="small" dataSource={targets} renderItem={(target) => <TargetRow target={target} />} />
      )}
    </Card>
  );
}
