import { Form, Input, Modal, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { post } from '../../api/client';
import { TELEPHONY } from './call-types';

interface CallEventAnswer {
  delivered: number;
  contactId: string | null;
}

// Calls this browser simulated: the pop-up offers 接听/挂断 for them (a real exchange sends those itself).
const simulated = new Map<string, { callerNumber: string; line?: string }>();

export const isSimulated = (callId: string) => simulated.has(callId);

/** Sends answered/ended for a simulated call, which writes it into the contact log (IN-2). */
export function sendSimulatedEvent(callId: string, event: 'answered' | 'ended') {
  const call = simulated.get(callId);
  if (!call) return Promise.resolve(null);
  if (event === 'ended') simulated.delete(callId);
  return post<CallEventAnswer>(`${TELEPHONY}/events`, { event, callId, ...call });
}

/**
 * 模拟来电: for stores without a telephony integration. Posting as the signed-in person without an
 * extension rings this person's own browser (docs/api-customers.md).
 */
export function SimulateCallModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ callerNumber: string; line?: string }>();
  const ring = useMutation({
    mutationFn: (v: { callerNumber: string; line?: string }) => {
      const callId = `sim-${crypto.randomUUID()}`;
      const call = {
        callerNumber: v.callerNumber.trim(),
        ...(v.line?.trim() ? { line: v.line.trim() } : {}),
      };
      simulated.set(callId, call);
      return post<CallEventAnswer>(`${TELEPHONY}/events`, { event: 'ringing', callId, ...call });
    },
    onSuccess: () => {
      form.resetFields();
      onClose();
    },
  });
  return (
    <Modal
      title={t('telephony.simulate')}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('telephony.ring')}
      okButtonProps={{ 'data-testid': 'simulate-ring' } as Record<string, string>}
      confirmLoading={ring.isPending}
      destroyOnHidden
      // The ringing call's pop-up takes over: handing focus back to 模拟来电 after the close
      // animation would pull the cursor out of the intake form the agent just opened with 受理.
      focusTriggerAfterClose={false}
      width={420}
    >
      <Typography.Paragraph type="secondary">{t('telephony.simulateHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => ring.mutate(v)}>
        <Form.Item
          name="callerNumber"
          label={t('telephony.callerNumber')}
          rules={[{ required: true, whitespace: true, message: t('telephony.callerNumberRequired') }]}
        >
          <Input autoFocus maxLength={40} placeholder="138 0013 8000" data-testid="simulate-number" />
        </Form.Item>
        <Form.Item name="line" label={t('telephony.line')}>
          <Input maxLength={40} placeholder={t('telephony.linePlaceholder')} />
        </Form.Item>
        <button type="submit" hidden />
      </Form>
    </Modal>
  );
}
