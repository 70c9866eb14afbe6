import { useState } from 'react';
import { Alert, Button, Checkbox, Flex, Input, InputNumber, Modal, Radio, Select, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { post } from '../../api/client';
import { formatTime } from '../../lib/format';
import { fenToYuanInput, parseYuan } from './money';
import { absoluteUrl } from '../../components/print/qr-image';
import { useWorkOrderAction } from './workorders-api';
import { SERVICE_CLASSES } from '../../../shared/workorders';
import { WORKORDERS } from './workorders-paths';
import type { ServiceClass, WorkOrder } from '../../../shared/workorders';

export type Dialog =
  | 'verify'
  | 'close'
  | 'cancel'
  | 'approve_quality'
  | 'approve_general'
  | 'serviceClass'
  | 'payment'
  | 'customer_link';

/** The customer's page for a link token (PORTAL-2); the server answers `/c/<token>`. */
export const customerPageUrl = (token: string) => absoluteUrl(`/c/w/${token}`);

/** Verify (REP-7), close and cancel: a note, or for cancelling a required reason. */
function NoteDialog({
  workOrder,
  kind,
  onClose,
}: {
  workOrder: WorkOrder;
  kind: 'verify' | 'close' | 'cancel';
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const action = useWorkOrderAction(workOrder.id);
  const required = kind === 'cancel';
  return (
    <Modal
      open
      title={t(`workOrders.action.${kind}`)}
      onCancel={onClose}
      okButtonProps={{ disabled: required && !text.trim(), danger: kind === 'cancel' }}
      confirmLoading={action.isPending}
      onOk={() =>
        action.mutate(
          {
            action: kind,
            body: required ? { reason: text.trim() } : text.trim() ? { note: text.trim() } : {},
          },
          { onSuccess: onClose },
        )
      }
    >
      {kind === 'verify' && workOrder.verificationDueDate && (
        <Typography.Paragraph type="secondary">
          {t('workOrders.detail.verifyDue', { date: workOrder.verificationDueDate })}
        </Typography.Paragraph>
      )}
      <Input.TextArea
        rows={3}
        maxLength={1000}
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder={t(required ? 'workOrders.detail.cancelReason' : 'workOrders.field.note', { reason: '' })}
        data-testid={`dialog-${kind}-text`}
      />
    </Modal>
  );
}

/** REP-8: quality manager first, then the general manager, each approving or rejecting with a note. */
function ApprovalDialog({
  workOrder,
  stage,
  onClose,
}: {
  workOrder: WorkOrder;
  stage: 'quality' | 'general';
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [decision, setDecision] = useState<'approved' | 'rejected'>('approved');
  const [note, setNote] = useState('');
  const action = useWorkOrderAction(workOrder.id);
  return (
    <Modal
      open
      title={t(`workOrders.action.approve_${stage}`)}
      onCancel={onClose}
      confirmLoading={action.isPending}
      okButtonProps={{ disabled: decision === 'rejected' && !note.trim() }}
      onOk={() =>
        action.mutate(
          { action: 'approvals', body: { stage, decision, ...(note.trim() ? { note: note.trim() } : {}) } },
          { onSuccess: onClose },
        )
      }
    >
      <Radio.Group value={decision} onChange={(e) => setDecision(e.target.value as typeof decision)}>
        <Radio value="approved">{t('workOrders.detail.approved')}</Radio>
        <Radio value="rejected">{t('workOrders.detail.rejected')}</Radio>
      </Radio.Group>
      <Input.TextArea
        rows={3}
        maxLength={1000}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        style={{ marginTop: 12 }}
      />
    </Modal>
  );
}

/**
 * PAY-1/PAY-2: the class is set from the checking department's opinion on the intake sheet, recorded
 * with it in one step (department, who gave it, the class proposed and why); plus the reason.
 */
function ServiceClassDialog({ workOrder, onClose }: { workOrder: WorkOrder; onClose: () => void }) {
  const { t } = useTranslation();
  const onFile = workOrder.classOpinion;
  const [cls, setCls] = useState<ServiceClass>(onFile?.proposedClass ?? workOrder.serviceClass ?? 'A');
  const [department, setDepartment] = useState(onFile?.department ?? '');
  const [givenBy, setGivenBy] = useState(onFile?.givenBy ?? '');
  const [opinion, setOpinion] = useState(onFile?.reason ?? '');
  const [reason, setReason] = useState('');
  const action = useWorkOrderAction(workOrder.id);
  const complete = !!(reason.trim() && department.trim() && givenBy.trim() && opinion.trim());
  return (
    <Modal
      open
      title={t('workOrders.detail.overrideClass')}
      onCancel={onClose}
      confirmLoading={action.isPending}
      okButtonProps={{ disabled: !complete }}
      onOk={() =>
        action.mutate(
          {
            action: 'service_class',
            body: {
              serviceClass: cls,
              reason: reason.trim(),
              opinion: {
                department: department.trim(),
                givenBy: givenBy.trim(),
                proposedClass: cls,
                reason: opinion.trim(),
              },
            },
          },
          { onSuccess: onClose },
        )
      }
    >
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{t('workOrders.detail.opinion')}</Typography.Text>
        <Input
          maxLength={100}
          value={department}
          onChange={(e) => setDepartment(e.target.value)}
          placeholder={t('workOrders.detail.opinionDepartment')}
          aria-label={t('workOrders.detail.opinionDepartment')}
        />
        <Input
          maxLength={100}
          value={givenBy}
          onChange={(e) => setGivenBy(e.target.value)}
          placeholder={t('workOrders.detail.opinionGivenBy')}
          aria-label={t('workOrders.detail.opinionGivenBy')}
        />
        <Input.TextArea
          rows={2}
          maxLength={500}
          value={opinion}
          onChange={(e) => setOpinion(e.target.value)}
          placeholder={t('workOrders.detail.opinionReason')}
          aria-label={t('workOrders.detail.opinionReason')}
        />
        <Select
          value={cls}
          onChange={setCls}
          aria-label={t('workOrders.field.serviceClass')}
          options={SERVICE_CLASSES.map((c) => ({ value: c, label: t(`workOrders.serviceClass.${c}`) }))}
        />
        <Typography.Text type="secondary">{t('workOrders.detail.opinionClassNote')}</Typography.Text>
        <Input.TextArea
          rows={2}
          maxLength={300}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder={t('workOrders.detail.overrideReason')}
          aria-label={t('workOrders.detail.overrideReason')}
        />
      </Flex>
    </Modal>
  );
}

/** PAY-4: collected on site (handed to finance) or invoiced the same day; amount typed in yuan. */
function PaymentDialog({ workOrder, onClose }: { workOrder: WorkOrder; onClose: () => void }) {
  const { t } = useTranslation();
  const [method, setMethod] = useState<'on_site' | 'invoice'>('on_site');
  const [amount, setAmount] = useState(fenToYuanInput(workOrder.quote?.totalFen));
  const [invoiceTitle, setInvoiceTitle] = useState('');
  const action = useWorkOrderAction(workOrder.id);
  const fen = parseYuan(amount);
  return (
    <Modal
      open
      title={t('workOrders.action.payment')}
      onCancel={onClose}
      confirmLoading={action.isPending}
      okButtonProps={{ disabled: fen === null }}
      onOk={() =>
        fen !== null &&
        action.mutate(
          {
            action: 'payment',
            body: {
              method,
              amountFen: fen,
              ...(invoiceTitle.trim() ? { invoiceTitle: invoiceTitle.trim() } : {}),
            },
          },
          { onSuccess: onClose },
        )
      }
    >
      <Flex vertical gap={12}>
        <Radio.Group value={method} onChange={(e) => setMethod(e.target.value as typeof method)}>
          <Radio value="on_site">{t('workOrders.detail.paymentOnSite')}</Radio>
          <Radio value="invoice">{t('workOrders.detail.paymentInvoice')}</Radio>
        </Radio.Group>
        <Input
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
          prefix="¥"
          placeholder={t('workOrders.quote.amount')}
          status={amount && fen === null ? 'error' : undefined}
        />
        {amount && fen === null && (
          <Typography.Text type="danger">{t('workOrders.pricing.badPrice')}</Typography.Text>
        )}
        <Input
          value={invoiceTitle}
          maxLength={200}
          onChange={(e) => setInvoiceTitle(e.target.value)}
          placeholder={t('workOrders.quote.invoiceTitle')}
        />
      </Flex>
    </Modal>
  );
}

/** PORTAL-2: an expiring link the customer opens to see the visit and sign; optionally sent by SMS. */
function CustomerLinkDialog({ workOrder, onClose }: { workOrder: WorkOrder; onClose: () => void }) {
  const { t } = useTranslation();
  const [days, setDays] = useState(7);
  const [sendSms, setSendSms] = useState(false);
  const create = useMutation({
    mutationFn: () =>
      post<{ url: string; token: string; expiresAt: string }>(`${WORKORDERS}/${workOrder.id}/customer-link`, {
        expiresInDays: days,
        sendSms,
      }),
  });
  const url = create.data ? customerPageUrl(create.data.token) : null;
  return (
    <Modal
      open
      title={t('workOrders.link.title')}
      onCancel={onClose}
      okText={t('workOrders.link.create')}
      confirmLoading={create.isPending}
      onOk={() => create.mutate()}
      // Once the link exists there is nothing left to confirm: one button closes the dialog.
      footer={
        url ? (
          <Button type="primary" onClick={onClose} data-testid="customer-link-done">
            {t('workOrders.link.done')}
          </Button>
        ) : undefined
      }
    >
      {url ? (
        <Alert
          type="success"
          showIcon
          title={t('workOrders.link.created', { time: formatTime(create.data?.expiresAt) })}
          description={
            <Typography.Text copyable={{ text: url }} data-testid="customer-link-url">
              {url}
            </Typography.Text>
          }
        />
      ) : (
        <Flex vertical gap={12}>
          <InputNumber
            min={1}
            max={30}
            value={days}
            onChange={(v) => setDays(v ?? 7)}
            prefix={t('workOrders.link.days')}
            style={{ width: 200 }}
          />
          <Checkbox checked={sendSms} onChange={(e) => setSendSms(e.target.checked)}>
            {t('workOrders.link.sendSms')}
          </Checkbox>
        </Flex>
      )}
    </Modal>
  );
}

/** The dialog for one header action of the detail page. */
export function DetailDialog({
  workOrder,
  dialog,
  onClose,
}: {
  workOrder: WorkOrder;
  dialog: Dialog;
  onClose: () => void;
}) {
  switch (dialog) {
    case 'verify':
    case 'close':
    case 'cancel':
      return <NoteDialog workOrder={workOrder} kind={dialog} onClose={onClose} />;
    case 'approve_quality':
      return <ApprovalDialog workOrder={workOrder} stage="quality" onClose={onClose} />;
    case 'approve_general':
      return <ApprovalDialog workOrder={workOrder} stage="general" onClose={onClose} />;
    case 'serviceClass':
      return <ServiceClassDialog workOrder={workOrder} onClose={onClose} />;
    case 'payment':
      return <PaymentDialog workOrder={workOrder} onClose={onClose} />;
    case 'customer_link':
      return <CustomerLinkDialog workOrder={workOrder} onClose={onClose} />;
  }
}
