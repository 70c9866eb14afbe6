import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Col, DatePicker, Form, Input, Row, Space, Typography } from 'antd';
import { MessageOutlined, PhoneOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, ApiError } from '../../api/client';
import { useCurrentUnit } from '../../app/current-unit';
import { notifyError, notifySuccess, showError } from '../../lib/notify';
import { subscribeToCalls } from '../telephony';
import { offerIntakeForCalls } from '../telephony/caller-popup-intake';
import type { IncomingCall } from '../telephony';
import type { SavedCaller } from '../telephony/call-types';
import { useCurrentMe } from '../../auth/use-me';
import { clearDraft, readDraft, writeDraft } from '../../lib/drafts';
import { TaskFormModal } from '../tasks/task-form-modal';
import type { TaskPrefill } from '../tasks/task-form-modal';
import { IntakeCustomerSelect, usePhoneLookup } from './intake-customer';
import type { CustomerOption } from './intake-customer';
import { firstEmptyRequired, intakeBody, isMaskedCallNumber, phoneDigits } from './intake-model';
import type { IntakeCall, IntakeValues } from './intake-model';
import { randomUuid } from './random-uuid';
import { ChannelSelect, PrioritySelect, RectificationKindSelect, TicketTypeSelect } from './ticket-pickers';
import { ticketLink } from './ticket-columns';
import { TICKETS, TICKETS_KEY } from './tickets-api';
import { TYPES_WITH_ESSENTIALS } from '../../../shared/tickets';
import type { TicketDetail } from '../../../shared/tickets';
import { KnowledgeSuggestions } from '../knowledge';
import { enterDoesNotSubmit } from '../../lib/form-keys';

const INITIAL: Partial<IntakeValues> = { channel: 'phone', priority: 'normal' };

/** What the intake draft keeps across a reload or an expired session: the typed text, not pickers' objects. */
const DRAFT_FIELDS = [
  'phone',
  'type',
  'rectificationKind',
  'channel',
  'priority',
  'subject',
  'description',
  'address',
  'assetModel',
  'answer',
] as const;
const DRAFT_PLACE = 'intake';

type IntakeForm = IntakeValues & { answer?: string; answerArticleId?: string };

function draftOf(v: Partial<IntakeForm>): Partial<IntakeForm> {
  return Object.fromEntries(
    DRAFT_FIELDS.map((k) => [k, v[k]]).filter(([, value]) => value),
  ) as Partial<IntakeForm>;
}

/** The ticket just taken in, with what the server says is still missing (IN-4). */
function LastCreated({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  const missing = ticket.missingEssentials.map((f) => t(`tickets.field.${f}`)).join('、');
  return (
    <Alert
      type={missing ? 'warning' : 'success'}
      showIcon
      closable
      data-testid="intake-result"
      title={
        <span>
          {t('tickets.intake.createdNumber')}{' '}
          <Link
            to={ticketLink(ticket.id)}
            data-testid="intake-result-link"
            style={{ fontFamily: 'monospace' }}
          >
            {ticket.number}
          </Link>
        </span>
      }
      description={missing ? t('tickets.intake.missing', { fields: missing }) : undefined}
      style={{ marginBottom: 12 }}
    />
  );
}

/**
 * The intake panel (IN-1, IN-4, IN-10): logs a call from the keyboard. Tab order phone → customer →
 * type → channel → subject → description → received at; Ctrl+Enter submits. One idempotency key per
 * filled-in form, kept across retries, so a double submit never opens two tickets.
 */
export function IntakePanel() {
  const { t } = useTranslation();
  const [form] = Form.useForm<IntakeForm>();
  const queryClient = useQueryClient();
  const me = useCurrentMe();
  // The intake draft (item of issue 16: a session that expires mid-call keeps the form).
  const [initial] = useState<Partial<IntakeForm>>(() => ({
    ...INITIAL,
    ...(readDraft<Partial<IntakeForm>>(me.id, DRAFT_PLACE) ?? {}),
  }));
  // The call the form was filled from (IN-3): its id goes with the ticket, so the server links the
  // call log row and keeps the number on file even when the pop-up could only show it masked.
  const [fromCall, setFromCall] = useState<IntakeCall | null>(null);
  const closeOnSubmit = useRef(false);
  const { unitId, myUnits } = useCurrentUnit();
  const [idempotencyKey, setIdempotencyKey] = useState(randomUuid);
  const [last, setLast] = useState<TicketDetail | null>(null);
  const [callCustomers, setCallCustomers] = useState<CustomerOption[]>([]);
  const [taskPrefill, setTaskPrefill] = useState<TaskPrefill | null>(null);

  const phone = Form.useWatch('phone', form);
  const type = Form.useWatch('type', form);
  const customerId = Form.useWatch('customerId', form);
  const maskedFromCall = isMaskedCallNumber(phone, fromCall);
  const lookup = usePhoneLookup(maskedFromCall ? undefined : phone);
  const matches = lookup.data?.matches ?? [];
  const lookupCurrent = lookup.data?.digits === phoneDigits(phone);
  const known = [...callCustomers, ...(lookupCurrent ? matches : [])];
  const chosen = known.find((c) => c.id === customerId);

  // A full number with exactly one customer behind it fills the customer in (the agent can change it).
  const lookupData = lookup.data;
  useEffect(() => {
    if (!lookupData || lookupData.digits !== phoneDigits(phone) || lookupData.digits.length < 7) return;
    const only = lookupData.matches.length === 1 ? lookupData.matches[0] : undefined;
    if (only && !form.getFieldValue('customerId')) form.setFieldValue('customerId', only.id);
  }, [lookupData, phone, form]);

  // A ringing call (IN-3) starts the form for that caller when the panel is free; 受理 in the
  // pop-up puts the call in whatever the panel holds and moves the cursor to the subject.
  useEffect(() => {
    const fillFromCall = (call: IncomingCall, saved: SavedCaller | null) => {
      if (call.known) {
        // A masked number stays on screen as the pop-up showed it; the call id carries the real one.
        const number = call.callerNumber ?? '';
        setCallCustomers([
          { id: call.card.id, name: call.card.name, phone: number, attention: call.card.specialAttention },
        ]);
        form.setFieldsValue({ customerId: call.card.id, phone: number });
        setFromCall({ callId: call.callId, shownNumber: number });
      } else {
        // 保存为新客户 in the pop-up made the unknown caller a customer: take that one.
        setCallCustomers(saved ? [{ ...saved, attention: null }] : []);
        form.setFieldsValue({ customerId: saved?.id ?? null, phone: call.draft.phone });
        setFromCall({ callId: call.callId, shownNumber: call.draft.phone });
      }
      form.setFieldValue('channel', call.line && /^[48]00/.test(call.line) ? 'hotline_400' : 'phone');
    };
    const unsubscribe = subscribeToCalls((call) => {
      if (form.getFieldValue('phone') || form.getFieldValue('subject')) return;
      fillFromCall(call, null);
    });
    const withdraw = offerIntakeForCalls((call, saved) => {
      fillFromCall(call, saved);
      // After the closing drawer hands focus back, or it would take the cursor away again: the
      // first required field still empty (the type, when the caller is known).
      window.setTimeout(() => form.focusField(firstEmptyRequired(form.getFieldsValue(true))), 50);
    });
    return () => {
      unsubscribe();
      withdraw();
    };
  }, [form]);

  const create = useMutation({
    mutationFn: ({ v, answer, articleId }: { v: IntakeValues; answer?: string; articleId?: string }) =>
      api<TicketDetail>(TICKETS, {
        method: 'POST',
        body: intakeBody(unitId ?? '', v, fromCall, answer, articleId),
        headers: { 'Idempotency-Key': idempotencyKey },
      }),
    meta: { silent: true },
    onSuccess: async (ticket) => {
      notifySuccess(
        t(ticket.state === 'closed' ? 'tickets.intake.closedOnIntake' : 'tickets.intake.created', {
          number: ticket.number,
        }),
      );
      setLast(ticket);
      setIdempotencyKey(randomUuid());
      setCallCustomers([]);
      setFromCall(null);
      clearDraft(me.id, DRAFT_PLACE);
      form.resetFields();
      // Back to an empty form, not to the draft it may have started from.
      form.setFieldsValue({ ...Object.fromEntries(DRAFT_FIELDS.map((k) => [k, undefined])), ...INITIAL });
      form.focusField('phone');
      await queryClient.invalidateQueries({ queryKey: [TICKETS_KEY] });
    },
    onError: (error) => {
      // The key already opened a ticket with other content: start afresh, and say so.
      if (error instanceof ApiError && error.code === 'tickets.idempotency_conflict') {
        setIdempotencyKey(randomUuid());
        notifyError(t('tickets.intake.conflict'));
        return;
      }
      showError(error);
    },
  });

  const onKeyDown = enterDoesNotSubmit(() => form.submit());

  // 受理并办结 (CL-2): the answer given on the line is required for this button only.
  const submitAndClose = () => {
    const answer = (form.getFieldValue('answer') as string | undefined)?.trim();
    if (!answer) {
      form.setFields([{ name: 'answer', errors: [t('tickets.intake.answerRequired')] }]);
      form.focusField('answer');
      return;
    }
    // CL-2: only an answer inserted from the knowledge base closes a direct consultation.
    if (!form.getFieldValue('answerArticleId')) {
      form.setFields([{ name: 'answer', errors: [t('tickets.intake.answerNotApproved')] }]);
      return;
    }
    closeOnSubmit.current = true;
    form.submit();
  };
  // CL-2: what cannot be answered from approved material goes to a department as indirect.
  const makeIndirect = () => {
    form.setFieldsValue({ type: 'consultation_indirect', answer: undefined, answerArticleId: undefined });
    form.setFields([{ name: 'answer', errors: [] }]);
  };
  const onFinish = (v: IntakeForm) => {
    const close = closeOnSubmit.current;
    closeOnSubmit.current = false;
    const articleId = form.getFieldValue('answerArticleId') as string | undefined;
    create.mutate({ v, ...(close ? { answer: v.answer, articleId } : {}) });
  };

  const unitName = myUnits.find((u) => u.id === unitId)?.name;
  const lookupHint = (() => {
    if (phoneDigits(phone).length < 4 || !lookupCurrent) return null;
    if (matches.length === 0) return t('tickets.intake.newNumber');
    if (matches.length > 1) return t('tickets.intake.severalMatches', { count: matches.length });
    return null;
  })();
  const openTask = () => {
    const v = form.getFieldsValue();
    setTaskPrefill({
      callerPhone: v.phone ?? chosen?.phone ?? '',
      callerName: chosen?.name,
      customerId: v.customerId,
    });
  };

  return (
    <Card
      size="small"
      title={t('tickets.intake.title')}
      extra={
        <Space size={8}>
          {unitName && (
            <Typography.Text type="secondary">{t('tickets.intake.unit', { unit: unitName })}</Typography.Text>
          )}
          <Button size="small" icon={<MessageOutlined />} onClick={openTask} data-testid="intake-task">
            {t('tickets.intake.task')}
          </Button>
        </Space>
      }
      data-testid="intake-panel"
    >
      {last && <LastCreated key={last.id} ticket={last} />}
      <div onKeyDown={onKeyDown}>
        <Form<IntakeForm>
          form={form}
          layout="vertical"
          initialValues={initial}
          onFinish={onFinish}
          onFinishFailed={() => (closeOnSubmit.current = false)}
          onValuesChange={(_, all) => writeDraft(me.id, DRAFT_PLACE, draftOf(all))}
          requiredMark={false}
          size="middle"
          disabled={!unitId}
        >
          <Row gutter={12}>
            <Col span={10}>
              <Form.Item
                name="phone"
                label={t('tickets.intake.phone')}
                rules={[
                  {
                    // The masked number a call showed is allowed as it stands: it is never sent.
                    validator: (_, value?: string) =>
                      !value || /^[0-9+\-() ]*$/.test(value) || isMaskedCallNumber(value, fromCall)
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('tickets.intake.phoneInvalid'))),
                  },
                ]}
                extra={maskedFromCall ? t('tickets.intake.fromCall') : lookupHint}
                style={{ marginBottom: 12 }}
              >
                <Input autoFocus prefix={<PhoneOutlined />} maxLength={30} data-testid="intake-phone" />
              </Form.Item>
            </Col>
            <Col span={14}>
              <Form.Item name="customerId" label={t('tickets.customer')} style={{ marginBottom: 12 }}>
                <IntakeCustomerSelect known={known} data-testid="intake-customer" />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={12}>
            <Col span={type === 'rectification' ? 8 : 12}>
              <Form.Item
                name="type"
                label={t('tickets.typeLabel')}
                rules={[{ required: true, message: t('tickets.intake.typeRequired') }]}
                style={{ marginBottom: 12 }}
              >
                <TicketTypeSelect
                  placeholder={t('tickets.intake.typePlaceholder')}
                  data-testid="intake-type"
                />
              </Form.Item>
            </Col>
            {type === 'rectification' && (
              <Col span={8}>
                <Form.Item
                  name="rectificationKind"
                  label={t('tickets.rectificationKindLabel')}
                  rules={[{ required: true, message: t('tickets.intake.kindRequired') }]}
                  style={{ marginBottom: 12 }}
                >
                  <RectificationKindSelect data-testid="intake-kind" />
                </Form.Item>
              </Col>
            )}
            <Col span={type === 'rectification' ? 8 : 12}>
              <Form.Item name="channel" label={t('tickets.channelLabel')} style={{ marginBottom: 12 }}>
                <ChannelSelect data-testid="intake-channel" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item
            name="subject"
            label={t('tickets.subject')}
            rules={[{ required: true, whitespace: true, message: t('tickets.intake.subjectRequired') }]}
            style={{ marginBottom: 12 }}
          >
            <Input
              maxLength={200}
              placeholder={t('tickets.intake.subjectPlaceholder')}
              data-testid="intake-subject"
            />
          </Form.Item>
          <Form.Item name="description" label={t('tickets.description')} style={{ marginBottom: 12 }}>
            <Input.TextArea
              autoSize={{ minRows: 3, maxRows: 8 }}
              maxLength={10_000}
              placeholder={t('tickets.intake.descriptionPlaceholder')}
              data-testid="intake-description"
            />
          </Form.Item>
          <KnowledgeSuggestions unitId={unitId} />
          {type && TYPES_WITH_ESSENTIALS.includes(type) && (
            <Row gutter={12}>
              <Col span={24}>
                <Form.Item name="address" label={t('tickets.field.address')} style={{ marginBottom: 12 }}>
                  <Input maxLength={500} />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item
                  name="assetModel"
                  label={t('tickets.field.assetModel')}
                  style={{ marginBottom: 12 }}
                >
                  <Input maxLength={200} />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item
                  name="purchaseDate"
                  label={t('tickets.field.purchaseDate')}
                  style={{ marginBottom: 12 }}
                >
                  <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
                </Form.Item>
              </Col>
            </Row>
          )}
          <Form.Item name="answerArticleId" hidden>
            <Input />
          </Form.Item>
          {type === 'consultation_direct' && (
            <Form.Item
              name="answer"
              label={t('tickets.intake.answer')}
              extra={
                <>
                  {t('tickets.intake.submitAndCloseHint')}{' '}
                  <Button type="link" size="small" onClick={makeIndirect} data-testid="intake-make-indirect">
                    {t('tickets.intake.makeIndirect')}
                  </Button>
                </>
              }
              style={{ marginBottom: 12 }}
            >
              <Input.TextArea
                autoSize={{ minRows: 2, maxRows: 6 }}
                maxLength={10_000}
                placeholder={t('tickets.intake.answerPlaceholder')}
                data-testid="intake-answer"
              />
            </Form.Item>
          )}
          <Row gutter={12}>
            <Col span={14}>
              <Form.Item
                name="receivedAt"
                label={t('tickets.receivedAt')}
                extra={t('tickets.intake.receivedAtHint')}
                style={{ marginBottom: 12 }}
              >
                <DatePicker
                  showTime={{ format: 'HH:mm' }}
                  format="YYYY-MM-DD HH:mm"
                  placeholder={t('tickets.intake.now')}
                  disabledDate={(d) => d.isAfter(dayjs(), 'day')}
                  style={{ width: '100%' }}
                  data-testid="intake-received-at"
                />
              </Form.Item>
            </Col>
            <Col span={10}>
              <Form.Item name="priority" label={t('tickets.priorityLabel')} style={{ marginBottom: 12 }}>
                <PrioritySelect />
              </Form.Item>
            </Col>
          </Row>
          <Space style={{ width: '100%', justifyContent: 'space-between' }}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('tickets.intake.keys')}
            </Typography.Text>
            <Space>
              {type === 'consultation_direct' && (
                <Button onClick={submitAndClose} loading={create.isPending} data-testid="intake-submit-close">
                  {t('tickets.intake.submitAndClose')}
                </Button>
              )}
              <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="intake-submit">
                {t('tickets.intake.submit')}
              </Button>
            </Space>
          </Space>
        </Form>
      </div>
      <TaskFormModal
        open={taskPrefill !== null}
        prefill={taskPrefill ?? {}}
        onClose={() => setTaskPrefill(null)}
      />
    </Card>
  );
}
