import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Drawer, Form, Space, Tag, Typography } from 'antd';
import { PhoneFilled } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCan } from '../../auth/use-me';
import { PERM } from '../../auth/permissions';
import { formatTimeSeconds } from '../../lib/format';
import { notifySuccess } from '../../lib/notify';
import { CustomerCard, CustomerCardById } from '../customers/customer-card';
import { CustomerForm } from '../customers/customer-form';
import type { CustomerFormTarget, CustomerFormValues } from '../customers/customer-form';
import { CONTACTS_KEY } from '../contacts/contact-types';
import { subscribeToCalls } from './call-stream';
import type { IncomingCall } from './call-types';
import { TakeCallButton } from './caller-popup-intake';
import { isSimulated, sendSimulatedEvent } from './simulate-call';

const customerLink = (id: string) => `/customers?customer=${id}`;

/** 接听 / 挂断 for a simulated call, so it lands in the contact log like a real one. */
function SimulatedCallActions({ callId }: { callId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [stage, setStage] = useState<'ringing' | 'answered' | 'ended'>('ringing');
  const send = useMutation({
    mutationFn: (event: 'answered' | 'ended') => sendSimulatedEvent(callId, event),
    onSuccess: async (_, event) => {
      setStage(event);
      if (event === 'ended') notifySuccess(t('telephony.callLogged'));
      await queryClient.invalidateQueries({ queryKey: [CONTACTS_KEY] });
    },
  });
  if (stage === 'ended' || !isSimulated(callId)) return null;
  return (
    <Space>
      {stage === 'ringing' && (
        <Button type="primary" onClick={() => send.mutate('answered')} loading={send.isPending}>
          {t('telephony.answer')}
        </Button>
      )}
      <Button danger onClick={() => send.mutate('ended')} loading={send.isPending}>
        {stage === 'ringing' ? t('telephony.reject') : t('telephony.hangUp')}
      </Button>
    </Space>
  );
}

/** An unknown number: the new-customer form, prefilled with the number calling (IN-3). */
function NewCallerDraft({ call }: { call: Extract<IncomingCall, { known: false }> }) {
  const { t } = useTranslation();
  const canManage = useCan()(PERM.customersManage);
  const [form] = Form.useForm<CustomerFormValues>();
  const [pending, setPending] = useState(false);
  const [savedId, setSavedId] = useState<string | null>(null);
  const target = useMemo<CustomerFormTarget>(
    () => ({ mode: 'create', phone: call.draft.phone, unitId: call.draft.unitId, draft: true }),
    [call],
  );
  if (savedId) return <CustomerCardById customerId={savedId} />;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="caller-draft">
      <Alert
        type="warning"
        showIcon
        title={t('telephony.unknownCaller', { number: call.draft.phone })}
        description={call.draft.phoneValid ? undefined : t('telephony.numberInvalid')}
      />
      {canManage && (
        <CustomerForm
          form={form}
          target={target}
          onPendingChange={setPending}
          onSaved={(c) => {
            notifySuccess(t('customers.created'));
            setSavedId(c.id);
          }}
        >
          <Button type="primary" block loading={pending} htmlType="submit" data-testid="caller-draft-save">
            {t('telephony.saveNewCustomer')}
          </Button>
        </CustomerForm>
      )}
    </Space>
  );
}

function CallBody({ call }: { call: IncomingCall }) {
  const { t } = useTranslation();
  if (!call.known) return <NewCallerDraft call={call} />;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {call.otherMatches.length > 0 && (
        <Alert
          type="info"
          showIcon
          title={t('telephony.otherMatches')}
          description={
            <Space wrap>
              {call.otherMatches.map((m) => (
                <Link key={m.id} to={customerLink(m.id)}>
                  {m.name}
                </Link>
              ))}
            </Space>
          }
        />
      )}
      <CustomerCard
        card={call.card}
        extra={
          <Link to={customerLink(call.card.id)} data-testid="caller-open-customer">
            {t('telephony.openRecord')}
          </Link>
        }
      />
    </Space>
  );
}

/**
 * The caller pop-up (IN-3): a right-side drawer that opens on every ringing call with the caller's
 * card, or a new-customer draft for an unknown number. Mounted once in the app shell; the drawer
 * has no mask so the agent keeps working on the page underneath.
 */
export function CallerPopup() {
  const { t } = useTranslation();
  const [call, setCall] = useState<IncomingCall | null>(null);
  const [open, setOpen] = useState(false);
  useEffect(
    () =>
      subscribeToCalls((incoming) => {
        setCall(incoming);
        setOpen(true);
      }),
    [],
  );
  const number = call ? (call.known ? call.callerNumber : call.draft.phone) : '';
  return (
    <Drawer
      open={open}
      onClose={() => setOpen(false)}
      placement="right"
      mask={false}
      size={520}
      // Below the header, so 模拟来电 and the rest of the header stay usable while a call is shown.
      rootStyle={{ top: 64 }}
      data-testid="caller-popup"
      title={
        call && (
          <Space size={8} wrap>
            <PhoneFilled style={{ color: '#52c41a' }} />
            <span>{t('telephony.incoming')}</span>
            <Typography.Text strong style={{ fontFamily: 'monospace' }} data-testid="caller-number">
              {number}
            </Typography.Text>
            {call.line && <Tag>{t('telephony.lineValue', { line: call.line })}</Tag>}
          </Space>
        )
      }
      extra={
        call && (
          <Space>
            {/* Only while the agent desk is open: fills its intake panel from this call. */}
            <TakeCallButton call={call} onTaken={() => setOpen(false)} />
            <SimulatedCallActions key={call.callId} callId={call.callId} />
          </Space>
        )
      }
      footer={call && <Typography.Text type="secondary">{formatTimeSeconds(call.at)}</Typography.Text>}
    >
      {call && <CallBody key={call.callId} call={call} />}
    </Drawer>
  );
}
