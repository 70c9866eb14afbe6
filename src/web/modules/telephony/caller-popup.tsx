import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Drawer, Form, Space, Tag, Typography } from 'antd';
import { api } from '../../api/client';
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
import { customerRecordPath } from '../customers/customer-path';
import type { CustomerFormTarget, CustomerFormValues } from '../customers/customer-form';
import { CONTACTS_KEY } from '../contacts/contact-types';
import { subscribeToCalls, subscribeToCallStates } from './call-stream';
import type { CallState, IncomingCall, SavedCaller } from './call-types';
import { TELEPHONY } from './call-types';
import { TakeCallButton } from './caller-popup-intake';
import { isSimulated, sendSimulatedEvent } from './simulate-call';

type Stage = CallState['stage'];

/** 接听 / 挂断 for a simulated call, so it lands in the contact log like a real one. */
function SimulatedCallActions({
  callId,
  stage,
  onStage,
}: {
  callId: string;
  stage: Stage;
  onStage: (stage: Stage) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const send = useMutation({
    mutationFn: (event: 'answered' | 'ended') => sendSimulatedEvent(callId, event),
    onSuccess: async (_, event) => {
      onStage(event);
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
      <Button
        danger
        onClick={() => send.mutate('ended')}
        loading={send.isPending}
        data-testid="caller-hang-up"
      >
        {stage === 'ringing' ? t('telephony.reject') : t('telephony.hangUp')}
      </Button>
    </Space>
  );
}

/**
 * An unknown number: the new-customer form, prefilled with the number calling (IN-3). The saved
 * record becomes the caller of this call's log row, and 受理 takes it into the intake.
 */
function NewCallerDraft({
  call,
  saved,
  onSaved,
}: {
  call: Extract<IncomingCall, { known: false }>;
  saved: SavedCaller | null;
  onSaved: (customer: SavedCaller) => void;
}) {
  const { t } = useTranslation();
  const canManage = useCan()(PERM.customersManage);
  const [form] = Form.useForm<CustomerFormValues>();
  const [pending, setPending] = useState(false);
  const target = useMemo<CustomerFormTarget>(
    () => ({ mode: 'create', phone: call.draft.phone, unitId: call.draft.unitId, draft: true }),
    [call],
  );
  const link = useMutation({
    mutationFn: (customerId: string) =>
      api(`${TELEPHONY}/calls/${encodeURIComponent(call.callId)}/customer`, {
        method: 'PUT',
        body: { customerId },
      }),
  });
  if (saved) return <CustomerCardById customerId={saved.id} />;
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
            onSaved({ id: c.id, name: c.name, phone: c.phones[0]?.number ?? call.draft.phone });
            link.mutate(c.id);
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

function CallBody({
  call,
  saved,
  onSaved,
}: {
  call: IncomingCall;
  saved: SavedCaller | null;
  onSaved: (customer: SavedCaller) => void;
}) {
  const { t } = useTranslation();
  if (!call.known) return <NewCallerDraft call={call} saved={saved} onSaved={onSaved} />;
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
                <Link key={m.id} to={customerRecordPath(m.id)}>
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
          <Link to={customerRecordPath(call.card.id)} data-testid="caller-open-customer">
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
 * has no mask so the agent keeps working on the page underneath. While the call is live the header
 * shows it, so closing the drawer (or 受理) never loses the way back to 挂断.
 */
export function CallerPopup() {
  const { t } = useTranslation();
  const [call, setCall] = useState<IncomingCall | null>(null);
  const [open, setOpen] = useState(false);
  const [stage, setStage] = useState<Stage>('ringing');
  const [duration, setDuration] = useState<number | null>(null);
  const [saved, setSaved] = useState<SavedCaller | null>(null);
  useEffect(
    () =>
      subscribeToCalls((incoming) => {
        setCall(incoming);
        setStage('ringing');
        setDuration(null);
        setSaved(null);
        setOpen(true);
      }),
    [],
  );
  const callId = call?.callId;
  useEffect(
    () =>
      subscribeToCallStates((state) => {
        if (state.callId !== callId) return;
        setStage(state.stage);
        if (state.durationSeconds !== null) setDuration(state.durationSeconds);
      }),
    [callId],
  );
  const number = call ? (call.known ? call.callerNumber : call.draft.phone) : '';
  const live = !!call && stage !== 'ended';
  return (
    <>
      {live && (
        <Button
          icon={<PhoneFilled style={{ color: '#52c41a' }} />}
          onClick={() => setOpen(true)}
          data-testid="call-indicator"
          data-stage={stage}
        >
          {t(stage === 'ringing' ? 'telephony.indicatorRinging' : 'telephony.indicatorLive', { number })}
        </Button>
      )}
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
              <PhoneFilled style={{ color: live ? '#52c41a' : '#bfbfbf' }} />
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
              <TakeCallButton call={call} saved={saved} onTaken={() => setOpen(false)} />
              <SimulatedCallActions key={call.callId} callId={call.callId} stage={stage} onStage={setStage} />
            </Space>
          )
        }
        footer={
          call && (
            <Space size={16}>
              <Typography.Text type="secondary">{formatTimeSeconds(call.at)}</Typography.Text>
              {stage === 'ended' && (
                <Typography.Text type="secondary" data-testid="caller-ended">
                  {duration === null
                    ? t('telephony.callEnded')
                    : t('telephony.callEndedAfter', { seconds: duration })}
                </Typography.Text>
              )}
            </Space>
          )
        }
      >
        {call && <CallBody key={call.callId} call={call} saved={saved} onSaved={setSaved} />}
      </Drawer>
    </>
  );
}
