import { useState } from 'react';
import { Alert, Checkbox, Flex, Input, Modal, Select, Typography } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { WorkingDayPicker } from '../../components/working-day-picker';
import i18n from '../../i18n';
import { notifyError } from '../../lib/notify';
import { useWorkOrderAction } from './workorders-api';
import type { Reason, WorkOrder } from '../../../shared/workorders';

export type AppointmentMode = 'appointment' | 'reschedule' | 'return_appointment';

const HOURS = Array.from({ length: 15 }, (_, i) => i + 7); // 07:00 … 21:00

/** A reason from the server in the interface language. */
export const reasonText = (r: Reason) => (i18n.language === 'en' ? r.en : r.zh);

/**
 * Agree, change or book the return of a visit window to the hour (REP-2, REP-3). Agreeing needs the
 * customer's yes; changing needs a reason and the customer's consent — both recorded by the server.
 */
export function AppointmentModal({
  workOrder,
  mode,
  open,
  onClose,
}: {
  workOrder: WorkOrder;
  mode: AppointmentMode;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const current = workOrder.appointment;
  const [day, setDay] = useState<Dayjs | null>(current ? dayjs(current.start) : dayjs().add(1, 'day'));
  const [startHour, setStartHour] = useState<number>(current ? dayjs(current.start).hour() : 9);
  const [endHour, setEndHour] = useState<number>(current ? dayjs(current.end).hour() : 11);
  const [agreed, setAgreed] = useState(false);
  const [reason, setReason] = useState('');
  const [warnings, setWarnings] = useState<Reason[]>([]);
  const action = useWorkOrderAction(workOrder.id);
  const reschedule = mode === 'reschedule';

  const ready = !!day && endHour > startHour && agreed && (!reschedule || reason.trim().length > 0);
  const submit = () => {
    if (!day) return;
    const start = day.hour(startHour).minute(0).second(0).millisecond(0);
    if (start.isBefore(dayjs())) {
      notifyError(t('workOrders.appointment.inPast'));
      return;
    }
    const end = day.hour(endHour).minute(0).second(0).millisecond(0);
    const body = reschedule
      ? { start: start.toISOString(), end: end.toISOString(), reason: reason.trim(), customerConsent: true }
      : { start: start.toISOString(), end: end.toISOString(), customerAgreed: true };
    action.mutate(
      { action: mode, body },
      {
        onSuccess: (answer) => {
          const found = 'warnings' in answer ? (answer as { warnings: Reason[] }).warnings : [];
          if (found.length) setWarnings(found);
          else onClose();
        },
      },
    );
  };

  return (
    <Modal
      open={open}
      title={t(
        mode === 'reschedule'
          ? 'workOrders.appointment.rescheduleTitle'
          : mode === 'return_appointment'
            ? 'workOrders.appointment.returnTitle'
            : 'workOrders.appointment.title',
      )}
      onCancel={onClose}
      onOk={warnings.length ? onClose : submit}
      okButtonProps={{ disabled: !warnings.length && !ready }}
      confirmLoading={action.isPending}
      destroyOnHidden
    >
      {warnings.length > 0 ? (
        <Flex vertical gap={8}>
          {warnings.map((w) => (
            <Alert key={w.code} type="warning" showIcon title={reasonText(w)} />
          ))}
        </Flex>
      ) : (
        <Flex vertical gap={12}>
          {(workOrder.type === 'install' || workOrder.type === 'delivery') && (
            <Typography.Text type="secondary">{t('workOrders.appointment.installWarning')}</Typography.Text>
          )}
          {/* The server refuses a window without working time (REP-2); its day off is greyed out here. */}
          <WorkingDayPicker
            unitId={workOrder.unitId}
            value={day}
            onChange={setDay}
            disabledDate={(d) => d.isBefore(dayjs(), 'day')}
            style={{ width: '100%' }}
            data-testid="appointment-day"
          />
          <Flex gap={8} align="center">
            <Select
              value={startHour}
              onChange={(h) => {
                setStartHour(h);
                if (endHour <= h) setEndHour(Math.min(h + 2, 22));
              }}
              options={HOURS.map((h) => ({ value: h, label: `${String(h).padStart(2, '0')}:00` }))}
              style={{ flex: 1 }}
              data-testid="appointment-start"
            />
            –
            <Select
              value={endHour}
              onChange={setEndHour}
              options={HOURS.map((h) => h + 1)
                .filter((h) => h > startHour)
                .map((h) => ({ value: h, label: `${String(h).padStart(2, '0')}:00` }))}
              style={{ flex: 1 }}
              data-testid="appointment-end"
            />
          </Flex>
          {reschedule && (
            <Input.TextArea
              rows={2}
              maxLength={500}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              placeholder={t('workOrders.appointment.reasonPlaceholder')}
              data-testid="appointment-reason"
            />
          )}
          <Checkbox
            checked={agreed}
            onChange={(e) => setAgreed(e.target.checked)}
            data-testid="appointment-agreed"
          >
            {t(
              reschedule ? 'workOrders.appointment.customerConsent' : 'workOrders.appointment.customerAgreed',
            )}
          </Checkbox>
          <Typography.Text type="secondary">{t('workOrders.appointment.reminder')}</Typography.Text>
        </Flex>
      )}
    </Modal>
  );
}
