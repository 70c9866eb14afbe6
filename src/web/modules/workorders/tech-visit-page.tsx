import { useState } from 'react';
import type { ReactNode } from 'react';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Flex,
  Input,
  InputNumber,
  Modal,
  Result,
  Spin,
  Tag,
  Typography,
} from 'antd';
import {
  ArrowLeftOutlined,
  CarOutlined,
  ClockCircleOutlined,
  EnvironmentOutlined,
  PrinterOutlined,
} from '@ant-design/icons';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { localizedMessage } from '../../api/client';
import { formatTime } from '../../lib/format';
import { AcceptanceForm } from './acceptance-form';
import type { AcceptanceInput } from './acceptance-form';
import { AppointmentModal } from './appointment-modal';
import type { AppointmentMode } from './appointment-modal';
import { CarryInForm, ChecklistForm, PartsEditor, PhotosPanel } from './tech-forms';
import { ChargesEditor, DiagnosisFields, type DiagnosisValue } from './tech-completion';
import { AddressLine, CallButton, STATE_COLORS, windowLabel } from './tech-page';
import { canDo, useWorkOrder, useWorkOrderAction } from './workorders-api';
import { attachmentUrl } from './workorders-paths';
import type { WorkOrder } from '../../../shared/workorders';

function Section({ title, children, testId }: { title: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <Card size="small" title={title} data-testid={testId} styles={{ body: { padding: 12 } }}>
      {children}
    </Card>
  );
}

/** Work done and time spent (REP-5), kept on the page and sent with the customer's acceptance. */
interface VisitInput {
  workDone: string;
  minutesSpent: number;
  notes: string;
}

function VisitFields({ value, onChange }: { value: VisitInput; onChange: (v: VisitInput) => void }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={8}>
      <Input.TextArea
        rows={3}
        maxLength={2000}
        value={value.workDone}
        onChange={(e) => onChange({ ...value, workDone: e.target.value })}
        placeholder={t('workOrders.detail.workDone')}
        data-testid="visit-work-done"
      />
      <InputNumber
        min={1}
        max={1440}
        precision={0}
        value={value.minutesSpent}
        onChange={(v) => onChange({ ...value, minutesSpent: v ?? 1 })}
        prefix={t('workOrders.detail.minutesSpent')}
        style={{ width: '100%' }}
        data-testid="visit-minutes"
      />
      <Input.TextArea
        rows={2}
        maxLength={2000}
        value={value.notes}
        onChange={(e) => onChange({ ...value, notes: e.target.value })}
        placeholder={t('workOrders.tech.notes')}
      />
    </Flex>
  );
}

function LateModal({
  workOrder,
  open,
  onClose,
}: {
  workOrder: WorkOrder;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [at, setAt] = useState<Dayjs | null>(dayjs().add(30, 'minute').startOf('minute'));
  const action = useWorkOrderAction(workOrder.id);
  return (
    <Modal
      open={open}
      title={t('workOrders.appointment.lateTitle')}
      onCancel={onClose}
      okButtonProps={{ disabled: !at }}
      confirmLoading={action.isPending}
      onOk={() =>
        at &&
        action.mutate(
          {
            action: 'late',
            body: { expectedArrivalAt: at.toISOString(), note: t('workOrders.appointment.lateNote') },
          },
          { onSuccess: onClose },
        )
      }
      destroyOnHidden
    >
      <Typography.Text>{t('workOrders.appointment.expectedArrival')}</Typography.Text>
      <DatePicker
        showTime={{ format: 'HH:mm' }}
        format="YYYY-MM-DD HH:mm"
        value={at}
        onChange={setAt}
        style={{ width: '100%' }}
      />
    </Modal>
  );
}

function SignedSummary({ workOrder }: { workOrder: WorkOrder }) {
  const { t } = useTranslation();
  const acceptance = workOrder.returnAcceptance ?? workOrder.acceptance;
  return (
    <Result
      status="success"
      title={t('workOrders.tech.completed')}
      subTitle={
        acceptance
          ? t('workOrders.detail.signedBy', {
              name: acceptance.signerName,
              time: formatTime(acceptance.signedAt),
            })
          : undefined
      }
      extra={
        <Flex vertical gap={8} align="center">
          {acceptance?.signatureAttachmentId && (
            <img
              src={attachmentUrl(acceptance.signatureAttachmentId)}
              alt={t('workOrders.signature.image')}
              style={{ maxWidth: 240, border: '1px solid #eee' }}
              data-testid="tech-signature-image"
            />
          )}
          <Link to={`/workorders/${workOrder.id}/print?form=feedback&size=narrow`}>
            <Button icon={<PrinterOutlined />}>{t('workOrders.print.feedback')}</Button>
          </Link>
        </Flex>
      }
    />
  );
}

/**
 * One visit on the technician's phone: call, copy the address, check before leaving (REP-4),
 * leave/arrive, parts and photos, then the customer's acceptance with a signature (REP-5, SAT-1),
 * or carry the goods in with a signed receipt (REP-6). Only the buttons the server allows are shown.
 */
export function TechVisitPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const query = useWorkOrder(id);
  const wo = query.data;
  const action = useWorkOrderAction(id);
  const [appointment, setAppointment] = useState<AppointmentMode | null>(null);
  const [late, setLate] = useState(false);
  const [carryIn, setCarryIn] = useState(false);
  const [visit, setVisit] = useState<VisitInput | null>(null);
  const [diagnosis, setDiagnosis] = useState<DiagnosisValue | null>(null);

  if (query.isLoading) return <Spin />;
  if (!wo) return <Alert type="error" showIcon title={localizedMessage(query.error)} />;

  const arrived = wo.timestamps.arrivedAt ? dayjs(wo.timestamps.arrivedAt) : null;
  const visitValue: VisitInput = visit ?? {
    workDone: wo.visit?.workDone ?? '',
    minutesSpent: wo.visit?.minutesSpent ?? Math.max(1, arrived ? dayjs().diff(arrived, 'minute') : 30),
    notes: wo.visit?.notes ?? '',
  };
  const diagnosisValue: DiagnosisValue = diagnosis ?? {
    finding: wo.diagnosis?.finding ?? null,
    note: wo.diagnosis?.note ?? '',
  };
  const accept = (kind: 'finish' | 'deliver') => (input: AcceptanceInput) =>
    action.mutate({
      action: kind,
      body: {
        workDone: visitValue.workDone.trim(),
        minutesSpent: visitValue.minutesSpent,
        ...(visitValue.notes.trim() ? { notes: visitValue.notes.trim() } : {}),
        ...(kind === 'finish' && diagnosisValue.finding
          ? {
              diagnosis: {
                finding: diagnosisValue.finding,
                ...(diagnosisValue.note.trim() ? { note: diagnosisValue.note.trim() } : {}),
              },
            }
          : {}),
        acceptance: input,
      },
    });
  // Delivering a carried-in repair needs the return visit booked first (REP-6).
  const returnBooked = wo.state !== 'carried_in' || !!wo.appointment;
  const signing = canDo(wo, 'finish') || (canDo(wo, 'deliver') && returnBooked);
  const done = !!(wo.acceptance || wo.returnAcceptance) && !signing;
  const photosOpen = ['en_route', 'on_site', 'carried_in'].includes(wo.state);

  return (
    <Flex vertical gap={12} data-testid="tech-visit">
      <Link to="/tech">
        <Button type="text" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0 }}>
          {t('workOrders.tech.back')}
        </Button>
      </Link>
      <Card size="small" styles={{ body: { padding: 12 } }}>
        <Flex vertical gap={8}>
          <Flex justify="space-between" align="center">
            <Typography.Text strong>{wo.number}</Typography.Text>
            <Tag color={STATE_COLORS[wo.state]} data-testid="visit-state">
              {t(`workOrders.state.${wo.state}`)}
            </Tag>
          </Flex>
          <Typography.Title level={4} style={{ margin: 0 }}>
            <ClockCircleOutlined />{' '}
            {wo.appointment
              ? `${dayjs(wo.appointment.start).format('MM-DD')} ${windowLabel(wo.appointment)}`
              : t('workOrders.board.noAppointment')}
          </Typography.Title>
          {wo.lateNotice && (
            <Tag color="orange">
              {t('workOrders.detail.lateNotice', {
                time: dayjs(wo.lateNotice.expectedArrivalAt).format('HH:mm'),
              })}
            </Tag>
          )}
          <Typography.Text>
            {wo.contactName ?? wo.customer?.name} · {t(`workOrders.type.${wo.type}`)}
            {wo.serviceClass && ` · ${t(`workOrders.serviceClass.${wo.serviceClass}`)}`}
          </Typography.Text>
          <CallButton phone={wo.contactPhone ?? wo.customer?.phone} block />
          <AddressLine address={wo.address} />
          <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>
            {wo.problem}
          </Typography.Paragraph>
          {wo.asset && (
            <Typography.Text type="secondary">
              {wo.asset.name} {wo.asset.model ?? ''} {wo.asset.number ?? ''}
            </Typography.Text>
          )}
          {wo.partsNeeded.length > 0 && (
            <Typography.Text type="secondary">
              {t('workOrders.field.partsNeeded')}：
              {wo.partsNeeded.map((p) => `${p.name}×${p.quantity}`).join('、')}
            </Typography.Text>
          )}
          {wo.apologyRequired && <Alert type="warning" showIcon title={t('workOrders.detail.apology')} />}
          {wo.approvals.required && !(wo.approvals.general?.decision === 'approved') && (
            <Alert
              type="warning"
              showIcon
              title={t('workOrders.detail.approvals')}
              description={t('workOrders.detail.pending')}
            />
          )}
        </Flex>
      </Card>

      <Flex gap={8} wrap>
        {canDo(wo, 'appointment') && (
          <Button size="large" onClick={() => setAppointment('appointment')}>
            {t('workOrders.action.appointment')}
          </Button>
        )}
        {canDo(wo, 'depart') && (
          <Button
            type="primary"
            size="large"
            icon={<CarOutlined />}
            loading={action.isPending}
            onClick={() => action.mutate({ action: 'depart' })}
            data-testid="action-depart"
          >
            {t('workOrders.action.depart')}
          </Button>
        )}
        {canDo(wo, 'arrive') && (
          <Button
            type="primary"
            size="large"
            icon={<EnvironmentOutlined />}
            loading={action.isPending}
            onClick={() => action.mutate({ action: 'arrive' })}
            data-testid="action-arrive"
          >
            {t('workOrders.action.arrive')}
          </Button>
        )}
        {canDo(wo, 'late') && (
          <Button size="large" onClick={() => setLate(true)} data-testid="action-late">
            {t('workOrders.action.late')}
          </Button>
        )}
        {canDo(wo, 'reschedule') && (
          <Button size="large" onClick={() => setAppointment('reschedule')}>
            {t('workOrders.action.reschedule')}
          </Button>
        )}
        {canDo(wo, 'return_appointment') && (
          <Button
            size="large"
            onClick={() => setAppointment('return_appointment')}
            data-testid="action-return-appointment"
          >
            {t('workOrders.action.return_appointment')}
          </Button>
        )}
        <Link to={`/workorders/${wo.id}/print?form=work_order&size=narrow`}>
          <Button size="large" icon={<PrinterOutlined />}>
            {t('workOrders.print.work_order')}
          </Button>
        </Link>
      </Flex>

      {wo.receipt && (
        <Section title={t('workOrders.detail.receipt')} testId="receipt-section">
          <Flex vertical gap={8}>
            <Typography.Text data-testid="receipt-number">
              {t('workOrders.tech.receiptIssued', { number: wo.receipt.number })}
            </Typography.Text>
            <Link to={`/workorders/${wo.id}/print?form=receipt&size=narrow`}>
              <Button block icon={<PrinterOutlined />} data-testid="print-receipt">
                {t('workOrders.tech.printReceipt')}
              </Button>
            </Link>
          </Flex>
        </Section>
      )}
      {canDo(wo, 'checklist') && (
        <Section title={t('workOrders.detail.checklist')}>
          <ChecklistForm workOrder={wo} />
        </Section>
      )}
      {canDo(wo, 'parts') && (
        <Section title={t('workOrders.detail.parts')}>
          <PartsEditor workOrder={wo} />
        </Section>
      )}
      {(photosOpen || done) && (
        <Section title={t('workOrders.detail.photos')}>
          <PhotosPanel workOrderId={wo.id} canUpload={photosOpen} />
        </Section>
      )}
      {signing && (
        <Section title={t('workOrders.detail.visit')}>
          <VisitFields value={visitValue} onChange={setVisit} />
        </Section>
      )}
      {signing && canDo(wo, 'finish') && (
        <Section title={t('workOrders.diagnosis.title')} testId="diagnosis-section">
          <DiagnosisFields value={diagnosisValue} onChange={setDiagnosis} />
        </Section>
      )}
      {canDo(wo, 'charges') && (
        <Section title={t('workOrders.charges.title')} testId="charges-section">
          <ChargesEditor workOrder={wo} />
        </Section>
      )}
      {signing && (
        <Section title={t('workOrders.tech.acceptTitle')} testId="acceptance-section">
          <Typography.Paragraph type="secondary">{t('workOrders.tech.handOver')}</Typography.Paragraph>
          <AcceptanceForm
            form={wo.acceptanceForm}
            defaultSignerName={wo.contactName ?? wo.customer?.name ?? ''}
            submitLabel={t('workOrders.tech.submitAcceptance')}
            pending={action.isPending}
            onSubmit={accept(canDo(wo, 'finish') ? 'finish' : 'deliver')}
          />
        </Section>
      )}
      {canDo(wo, 'carry_in') && (
        <Section title={t('workOrders.tech.carryInTitle')}>
          {carryIn ? (
            <CarryInForm workOrder={wo} onIssued={() => setCarryIn(false)} />
          ) : (
            <Button block size="large" onClick={() => setCarryIn(true)} data-testid="action-carry-in">
              {t('workOrders.action.carry_in')}
            </Button>
          )}
        </Section>
      )}
      {done && <SignedSummary workOrder={wo} />}
      {appointment && (
        <AppointmentModal workOrder={wo} mode={appointment} open onClose={() => setAppointment(null)} />
      )}
      <LateModal workOrder={wo} open={late} onClose={() => setLate(false)} />
    </Flex>
  );
}
