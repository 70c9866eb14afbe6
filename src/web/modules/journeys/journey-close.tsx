import { useState } from 'react';
import { Alert, Button, Input, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../auth/use-me';
import { formatTime } from '../../lib/format';
import { formatYuan } from '../workorders/money';
import type { JourneyDetail } from './journeys-api';

/**
 * 终止流程: closes a running journey early after a confirmation with the reason. For a journey that
 * took a deposit the dialog says what becomes of it (JRN-2: forfeited without a contract).
 */
export function CloseJourneyButton(props: {
  journey: JourneyDetail;
  busy: boolean;
  onClose: (reason: string) => void;
}) {
  const { t } = useTranslation();
  const can = useCan();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const j = props.journey;
  if (j.stage === null || !can('journeys.close')) return null;
  const hasDeposit = j.template.stages.some((s) => s.deposit && Number(j.fields[s.deposit.field]) > 0);
  return (
    <>
      <Button danger data-testid="close-journey" onClick={() => setOpen(true)}>
        {t('journeys.close.button')}
      </Button>
      <Modal
        open={open}
        title={t('journeys.close.title')}
        okText={t('journeys.close.confirm')}
        okButtonProps={{ danger: true, disabled: reason.trim() === '', loading: props.busy }}
        onCancel={() => setOpen(false)}
        onOk={() => {
          props.onClose(reason.trim());
          setOpen(false);
        }}
      >
        <Typography.Paragraph>{t('journeys.close.explain')}</Typography.Paragraph>
        {hasDeposit && (
          <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('journeys.close.deposit')} />
        )}
        <Input.TextArea
          data-testid="close-reason"
          rows={3}
          maxLength={500}
          placeholder={t('journeys.close.reason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </Modal>
    </>
  );
}

/** How a closed journey ended: the reason, who closed it and what became of its deposits. */
export function JourneyClosedNotice({ journey: j }: { journey: JourneyDetail }) {
  const { t } = useTranslation();
  const c = j.cancellation;
  if (!c) return null;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="journey-closed"
      message={t('journeys.close.closed', { at: formatTime(j.cancelledAt!), by: c.byName ?? '—' })}
      description={
        <>
          <div>
            {t('journeys.close.reasonShown')}：{c.reason}
          </div>
          {c.deposits.map((d) => (
            <div key={d.stage}>
              {t(`journeys.close.outcome.${d.outcome}`, { amount: formatYuan(d.amountFen) })}
            </div>
          ))}
        </>
      }
    />
  );
}
