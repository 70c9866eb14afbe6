import { useEffect, useState } from 'react';
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
import { TaskFormModal } from '../tasks/task-form-modal';
import type { TaskPrefill } from '../tasks/task-form-modal';
import { IntakeCustomerSelect, usePhoneLookup } from './intake-customer';
import type { CustomerOption } from './intake-customer';
import { intakeBody, phoneDigits } from './intake-model';
import type { IntakeValues } from './intake-model';
import { randomUuid } from './random-uuid';
import { ChannelSelect, PrioritySelect, RectificationKindSelect, TicketTypeSelect } from './ticket-pickers';
import { ticketLink } from './ticket-columns';
import { TICKETS, TICKETS_KEY } from './tickets-api';
import { TYPES_WITH_ESSENTIALS } from '../../../shared/tickets';
import type { TicketDetail } from '../../../shared/tickets';
import { enterDoesNotSubmit } from '../../lib/form-keys';

const INITIAL: Partial<IntakeValues> = { channel: 'phone', priority: 'normal' };

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
  const [form] = Form.useForm<IntakeValues>();
  const queryClient = useQueryClient();
  const { unitId, myUnits } = useCurrentUnit();
  const [idempotencyKey, setIdempotencyKey] = useState(randomUuid);
  const [last, setLast] = useState<TicketDetail | null>(null);
  const [callCustomers, setCallCustomers] = useState<CustomerOption[]>([]);
  const [taskPrefill, setTaskPrefill] = useState<TaskPrefill | null>(null);

  const phone = Form.useWatch('phone', form);
  const type = Form.useWatch('type', form);
  const customerId = Form.useWatch('customerId', form);
  const lookup = usePhoneLookup(phone);
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
    const fillFromCall = (call: IncomingCall) => {
      if (call.known) {
        const number = call.callerNumber ?? '';
        setCallCustomers([
          { id: call.card.id, name: call.card.name, phone: number, attention: call.card.specialAttention },
        ]);
        form.setFieldsValue({ customerId: call.card.id, phone: number.includes('*') ? '' : number });
      } else {
        setCallCustomers([]);
        form.setFieldsValue({ customerId: null, phone: call.draft.phone });
      }
      form.setFieldValue('channel', call.line && /^[48]00/.test(call.line) ? 'hotline_400' : 'phone');
    };
    const unsubscribe = subscribeToCalls((call) => {
      if (form.getFieldValue('phone') || form.getFieldValue('subject')) return;
      fillFromCall(call);
    });
    const withdraw = offerIntakeForCalls((call) => {
      fillFromCall(call);
      // After the closing drawer hands focus back, or it would take the cursor away again.
      window.setTimeout(() => form.focusField('subject'), 50);
    });
    return () => {
      unsubscribe();
      withdraw();
    };
  }, [form]);

  const create = useMutation({
    mutationFn: (v: IntakeValues) =>
      api<TicketDetail>(TICKETS, {
        method: 'POST',
        body: intakeBody(unitId ?? '', v),
        headers: { 'Idempotency-Key': idempotencyKey },
      }),
    meta: { silent: true },
    onSuccess: async (ticket) => {
      notifySuccess(t('tickets.intake.created', { number: ticket.number }));
      setLast(ticket);
      setIdempotencyKey(randomUuid());
      setCallCustomers([]);
      form.resetFields();
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
        <Form<IntakeValues>
          form={form}
          layout="vertical"
          initialValues={INITIAL}
          onFinish={(v) => create.mutate(v)}
          requiredMark={false}
          size="middle"
          disabled={!unitId}
        >
          <Row gutter={12}>
            <Col span={10}>
              <Form.Item
                name="phone"
                label={t('tickets.intake.phone')}
                rules={[{ pattern: /^[0-9+\-() ]*$/, message: t('tickets.intake.phoneInvalid') }]}
                extra={lookupHint}
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
            <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="intake-submit">
              {t('tickets.intake.submit')}
            </Button>
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
