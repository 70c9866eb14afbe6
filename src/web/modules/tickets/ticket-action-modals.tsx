import { useState } from 'react';
import { Alert, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../../api/client';
import type { Page } from '../../api/types';
import { formatTime } from '../../lib/format';
import { notifySuccess } from '../../lib/notify';
import { PrioritySelect, RectificationKindSelect, TicketTypeSelect } from './ticket-pickers';
import { OPEN_TICKET_STATES, reasonRequired } from '../../../domain/tickets/tickets.states';
import { TICKETS, TICKETS_KEY } from './tickets-api';
import type { TicketDetail, TicketState, TicketSummary } from '../../../shared/tickets';
import { useTicketAction } from './use-ticket-action';
import { ASSIGN_FIELD, AssignTargetPicker } from './ticket-assign-target';
import type { AssignTo } from './ticket-assign-target';
import { enterDoesNotSubmit } from '../../lib/form-keys';

interface ModalProps {
  ticket: TicketDetail;
  open: boolean;
  onClose: () => void;
}

/** Assign to a person, a team (CL-4) or a responsible department (CL-3). */
export function AssignModal({ ticket, open, onClose }: ModalProps) {
  const { t } = useTranslation();
  const [to, setTo] = useState<AssignTo>('user');
  const [target, setTarget] = useState<string | undefined>();
  const assign = useTicketAction(ticket.id, 'assign', () => {
    notifySuccess(t('tickets.actions.assigned'));
    onClose();
  });
  return (
    <Modal
      open={open}
      title={t('tickets.actions.assign')}
      onCancel={onClose}
      onOk={() => target && assign.mutate({ [ASSIGN_FIELD[to]]: target })}
      okButtonProps={{ disabled: !target }}
      confirmLoading={assign.isPending}
      destroyOnHidden
    >
      <AssignTargetPicker
        unitId={ticket.unit.id}
        to={to}
        onToChange={setTo}
        target={target}
        onTargetChange={setTarget}
      />
    </Modal>
  );
}

/** CL-5: change the type; the deadlines are recomputed from the original intake time. */
export function ReclassifyModal({ ticket, open, onClose }: ModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ type: TicketDetail['type']; rectificationKind?: string; reason?: string }>();
  const type = Form.useWatch('type', form);
  const reclassify = useTicketAction(ticket.id, 'reclassify', () => {
    notifySuccess(t('tickets.actions.reclassified'));
    onClose();
  });
  return (
    <Modal
      open={open}
      title={t('tickets.actions.reclassify')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={reclassify.isPending}
      destroyOnHidden
    >
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        title={t('tickets.actions.reclassifyWarning', { time: formatTime(ticket.receivedAt) })}
      />
      <Form
        onKeyDown={enterDoesNotSubmit()}
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={(v) =>
          reclassify.mutate({
            type: v.type,
            ...(v.type === 'rectification' ? { rectificationKind: v.rectificationKind } : {}),
            ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}),
          })
        }
      >
        <Form.Item name="type" label={t('tickets.typeLabel')} rules={[{ required: true }]}>
          <TicketTypeSelect />
        </Form.Item>
        {type === 'rectification' && (
          <Form.Item
            name="rectificationKind"
            label={t('tickets.rectificationKindLabel')}
            rules={[{ required: true }]}
          >
            <RectificationKindSelect />
          </Form.Item>
        )}
        <Form.Item name="reason" label={t('tickets.actions.reason')}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** A state move the server allows from here (allowedTransitions), with a reason where one is needed. */
export function TransitionModal({
  ticket,
  to,
  onClose,
}: {
  ticket: TicketDetail;
  to: TicketState | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const move = useTicketAction(ticket.id, 'transition', () => {
    notifySuccess(t('tickets.actions.moved', { state: to ? t(`tickets.state.${to}`) : '' }));
    setReason('');
    onClose();
  });
  const required = to !== null && reasonRequired(ticket.state, to);
  // CL-2: a direct consultation is resolved from a current approved answer, as at intake.
  const needsAnswer =
    ticket.type === 'consultation_direct' &&
    ticket.state !== 'resolved' &&
    (to === 'resolved' || to === 'closed');
  const [articleId, setArticleId] = useState<string | undefined>();
  const offered = useQuery({
    queryKey: ['knowledge', 'offered-for-close'],
    enabled: needsAnswer,
    queryFn: ({ signal }) =>
      get<{ items: { id: string; published: { question: string } | null }[] }>(
        '/api/v1/knowledge/articles',
        { state: 'offered', pageSize: 100 },
        signal,
      ),
  });
  return (
    <Modal
      open={to !== null}
      title={to ? t('tickets.actions.moveTo', { state: t(`tickets.state.${to}`) }) : ''}
      onCancel={onClose}
      onOk={() =>
        to &&
        move.mutate({
          to,
          ...(reason.trim() ? { reason: reason.trim() } : {}),
          ...(needsAnswer && articleId ? { answerArticleId: articleId } : {}),
        })
      }
      okButtonProps={{ disabled: required && !reason.trim(), danger: to === 'cancelled' }}
      confirmLoading={move.isPending}
      destroyOnHidden
    >
      {to === 'pending_customer' && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('tickets.actions.pendingHint')} />
      )}
      {needsAnswer && (
        <>
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 8 }}
            title={t('tickets.actions.directAnswerHint')}
          />
          <Select
            showSearch
            allowClear
            optionFilterProp="label"
            style={{ width: '100%', marginBottom: 12 }}
            placeholder={t('tickets.actions.directAnswerPick')}
            loading={offered.isLoading}
            value={articleId}
            onChange={setArticleId}
            options={(offered.data?.items ?? []).map((a) => ({
              value: a.id,
              label: a.published?.question ?? '',
            }))}
            data-testid="transition-answer"
          />
        </>
      )}
      <Input.TextArea
        rows={3}
        maxLength={1000}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        placeholder={required ? t('tickets.actions.reasonRequired') : t('tickets.actions.reasonOptional')}
        data-testid="transition-reason"
      />
    </Modal>
  );
}

/** Merge this (duplicate) ticket into another one of the same customer or unit. */
export function MergeModal({ ticket, open, onClose }: ModalProps) {
  const { t } = useTranslation();
  const [into, setInto] = useState<string | undefined>();
  const candidates = useQuery({
    queryKey: [TICKETS_KEY, 'merge-candidates', ticket.id],
    queryFn: ({ signal }) =>
      get<Page<TicketSummary>>(
        TICKETS,
        {
          ...(ticket.customerId ? { customerId: ticket.customerId } : { unitId: ticket.unit.id }),
          state: OPEN_TICKET_STATES.join(','),
          pageSize: 100,
        },
        signal,
      ),
    enabled: open,
  });
  const merge = useTicketAction(ticket.id, 'merge', () => {
    notifySuccess(t('tickets.actions.merged'));
    onClose();
  });
  return (
    <Modal
      open={open}
      title={t('tickets.actions.merge')}
      onCancel={onClose}
      onOk={() => into && merge.mutate({ intoTicketId: into })}
      okButtonProps={{ disabled: !into, danger: true }}
      confirmLoading={merge.isPending}
      destroyOnHidden
    >
      <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('tickets.actions.mergeHint')} />
      <Select
        showSearch={{ optionFilterProp: 'label' }}
        value={into}
        onChange={setInto}
        loading={candidates.isLoading}
        placeholder={t('tickets.actions.mergePlaceholder')}
        options={(candidates.data?.items ?? [])
          .filter((x) => x.id !== ticket.id)
          .map((x) => ({ value: x.id, label: `${x.number} ${x.subject}` }))}
        style={{ width: '100%' }}
      />
    </Modal>
  );
}

interface EditValues {
  subject: string;
  description?: string;
  priority: TicketDetail['priority'];
  contactPhone?: string;
  address?: string;
  assetModel?: string;
  assetSerial?: string;
  purchaseDate?: Dayjs | null;
  requestedTime?: string;
  publicPostUrl?: string;
}

const orNull = (s: string | undefined) => (s && s.trim() ? s.trim() : null);

/** Complete or correct the intake (IN-4 essentials); only changed fields are sent. */
export function EditTicketModal({ ticket, open, onClose }: ModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<EditValues>();
  const edit = useTicketAction(ticket.id, 'edit', () => {
    notifySuccess(t('common.saved'));
    onClose();
  });
  const initial: EditValues = {
    subject: ticket.subject,
    description: ticket.description,
    priority: ticket.priority,
    contactPhone: ticket.contactPhone ?? '',
    address: ticket.address ?? '',
    assetModel: ticket.assetModel ?? '',
    assetSerial: ticket.assetSerial ?? '',
    purchaseDate: ticket.purchaseDate ? dayjs(ticket.purchaseDate) : null,
    requestedTime: ticket.requestedTime ?? '',
    publicPostUrl: ticket.publicPostUrl ?? '',
  };
  const onFinish = (v: EditValues) => {
    const next: Record<string, unknown> = {
      subject: v.subject.trim(),
      description: v.description?.trim() ?? '',
      priority: v.priority,
      contactPhone: orNull(v.contactPhone),
      address: orNull(v.address),
      assetModel: orNull(v.assetModel),
      assetSerial: orNull(v.assetSerial),
      purchaseDate: v.purchaseDate ? v.purchaseDate.format('YYYY-MM-DD') : null,
      requestedTime: orNull(v.requestedTime),
      publicPostUrl: orNull(v.publicPostUrl),
    };
    const current = ticket as unknown as Record<string, unknown>;
    const changed = Object.fromEntries(
      Object.entries(next).filter(([k, val]) => (current[k] ?? null) !== val),
    );
    if (Object.keys(changed).length === 0) onClose();
    else edit.mutate(changed);
  };
  const missing = new Set(ticket.missingEssentials);
  const mark = (field: 'contactPhone' | 'address' | 'assetModel' | 'purchaseDate') =>
    missing.has(field) ? { validateStatus: 'warning' as const, help: t('tickets.detail.missingField') } : {};
  return (
    <Modal
      open={open}
      title={t('tickets.actions.edit')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={edit.isPending}
      destroyOnHidden
      width={640}
    >
      <Form
        onKeyDown={enterDoesNotSubmit()}
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={onFinish}
        preserve={false}
      >
        <Form.Item name="subject" label={t('tickets.subject')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="description" label={t('tickets.description')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={10_000} />
        </Form.Item>
        <Form.Item name="priority" label={t('tickets.priorityLabel')}>
          <PrioritySelect />
        </Form.Item>
        <Form.Item name="contactPhone" label={t('tickets.field.contactPhone')} {...mark('contactPhone')}>
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item name="address" label={t('tickets.field.address')} {...mark('address')}>
          <Input maxLength={500} data-testid="edit-address" />
        </Form.Item>
        <Form.Item name="assetModel" label={t('tickets.field.assetModel')} {...mark('assetModel')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="assetSerial" label={t('tickets.field.assetSerial')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="purchaseDate" label={t('tickets.field.purchaseDate')} {...mark('purchaseDate')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="requestedTime" label={t('tickets.field.requestedTime')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="publicPostUrl" label={t('tickets.field.publicPostUrl')}>
          <Input maxLength={2000} placeholder="https://" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
