import { useState } from 'react';
import { Alert, Button, Card, Col, Dropdown, Result, Row, Space, Spin, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, MobileOutlined, PrinterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { isFinal } from '../../../domain/workorders/workorders.states';
import { ApiError, localizedMessage } from '../../api/client';
import { NotFound } from '../../app/require-auth';
import { AppointmentModal } from './appointment-modal';
import type { AppointmentMode } from './appointment-modal';
import { AssignModal } from './assign-modal';
import { MissingFactsAlert } from './missing-facts';
import {
  AppointmentCard,
  BasicsCard,
  ChecksCard,
  FieldResultCard,
  PaidFreeCard,
  ProgressTimeline,
} from './detail-cards';
import { DetailDialog } from './detail-dialogs';
import type { Dialog } from './detail-dialogs';
import { QuoteCard } from './quote-card';
import { PhotosPanel } from './tech-forms';
import { STATE_COLORS } from './tech-page';
import { canDo, useWorkOrder, useWorkOrderAction } from './workorders-api';
import { CustomerRequestsCard, PendingRequestsBadge } from './customer-requests';
import { WorkOrderRequisitionModal } from '../parts/parts-dialogs';
import { useCan } from '../../auth/use-me';
import { SubjectJourneysCard } from '../journeys';
import type { WorkOrder } from '../../../shared/workorders';

const TECH_ACTIONS = ['checklist', 'depart', 'late', 'arrive', 'parts', 'finish', 'carry_in', 'deliver'];
const DIALOG_ACTIONS: Dialog[] = [
  'approve_quality',
  'approve_general',
  'customer_link',
  'payment',
  'verify',
  'close',
  'cancel',
];

function SubmitFieldRecordButton({ wo }: { wo: WorkOrder }) {
  const { t } = useTranslation();
  const action = useWorkOrderAction(wo.id);
  return (
    <Button
      loading={action.isPending}
      onClick={() => action.mutate({ action: 'field_record/submit' })}
      data-testid="action-submit_field_record"
    >
      {t('workOrders.action.submit_field_record')}
    </Button>
  );
}

function RequisitionButton({ wo }: { wo: WorkOrder }) {
  const { t } = useTranslation();
  const can = useCan();
  const [open, setOpen] = useState(false);
  const quoteReady = wo.serviceClass !== 'A' || !!wo.quote?.customerSigned;
  if (!can('parts.move') || !wo.technician || isFinal(wo.state) || !quoteReady) return null;
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="action-requisition">
        {t('parts.requisition')}
      </Button>
      {open && <WorkOrderRequisitionModal workOrder={wo} onClose={() => setOpen(false)} />}
    </>
  );
}

function Actions({
  wo,
  onAssign,
  onAppointment,
  onDialog,
}: {
  wo: WorkOrder;
  onAssign: () => void;
  onAppointment: (m: AppointmentMode) => void;
  onDialog: (d: Dialog) => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const print = (form: string) => void navigate(`/workorders/${wo.id}/print?form=${form}`);
  return (
    <Space wrap>
      {canDo(wo, 'assign') && (
        <Button type="primary" onClick={onAssign} data-testid="action-assign">
          {t('workOrders.action.assign')}
        </Button>
      )}
      {(['appointment', 'reschedule', 'return_appointment'] as const).map(
        (m) =>
          canDo(wo, m) && (
            <Button key={m} onClick={() => onAppointment(m)} data-testid={`action-${m}`}>
              {t(`workOrders.action.${m}`)}
            </Button>
          ),
      )}
      {DIALOG_ACTIONS.map(
        (d) =>
          canDo(wo, d) && (
            <Button key={d} danger={d === 'cancel'} onClick={() => onDialog(d)} data-testid={`action-${d}`}>
              {t(`workOrders.action.${d}`)}
            </Button>
          ),
      )}
      {/* REP-8: the field-service record goes (again, after a send-back) to the approval inbox. */}
      {canDo(wo, 'submit_field_record') && <SubmitFieldRecordButton wo={wo} />}
      {/* REP-4, PAY-3: parts for the order go to its technician's van (a charged order's quote signed first). */}
      <RequisitionButton wo={wo} />
      {/* PAY-2: the server offers the class while it may still change (not once verified). */}
      {canDo(wo, 'service_class') && (
        <Button onClick={() => onDialog('serviceClass')}>{t('workOrders.action.serviceClass')}</Button>
      )}
      {TECH_ACTIONS.some((a) => canDo(wo, a)) && (
        <Link to={`/tech/${wo.id}`}>
          <Button icon={<MobileOutlined />}>{t('workOrders.nav.tech')}</Button>
        </Link>
      )}
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            { key: 'work_order', label: t('workOrders.print.work_order') },
            { key: 'feedback', label: t('workOrders.print.feedback') },
            ...(wo.receipt ? [{ key: 'receipt', label: t('workOrders.print.receipt') }] : []),
          ],
          onClick: ({ key }) => print(key),
        }}
      >
        <Button icon={<PrinterOutlined />} data-testid="action-print">
          {t('workOrders.common.print')}
        </Button>
      </Dropdown>
    </Space>
  );
}

/**
 * A work order for the office: what, where and for whom; paid or free and why; the appointment
 * and its changes; quote steps with who confirmed what; the field result with signature and
 * ratings; approvals and the supervisor's check. Buttons are exactly the server's allowedActions.
 */
export function WorkOrderDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const query = useWorkOrder(id);
  const [assigning, setAssigning] = useState(false);
  const [appointment, setAppointment] = useState<AppointmentMode | null>(null);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const wo = query.data;

  if (query.isLoading) return <Spin />;
  if (
    query.error instanceof ApiError &&
    query.error.status === 404 &&
    query.error.code !== 'request.not_found'
  )
    return <NotFound />;
  if (!wo) return <Result status="warning" title={localizedMessage(query.error)} />;

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="workorder-detail">
      <Link to="/workorders">
        <Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0 }}>
          {t('workOrders.detail.back')}
        </Button>
      </Link>
      <Card
        size="small"
        title={
          <Space wrap>
            <Typography.Text
              strong
              copyable
              style={{ fontFamily: 'monospace', fontSize: 16 }}
              data-testid="workorder-number"
            >
              {wo.number}
            </Typography.Text>
            <Tag color="blue">{t(`workOrders.type.${wo.type}`)}</Tag>
            <Tag color={STATE_COLORS[wo.state]} data-testid="workorder-state">
              {t(`workOrders.state.${wo.state}`)}
            </Tag>
            {wo.serviceClass && <Tag>{t(`workOrders.serviceClass.${wo.serviceClass}`)}</Tag>}
            {wo.complaintDriven && <Tag color="red">{t('workOrders.field.complaintDriven')}</Tag>}
            <PendingRequestsBadge kinds={wo.pendingCustomerRequests} />
          </Space>
        }
        extra={
          <Actions
            wo={wo}
            onAssign={() => setAssigning(true)}
            onAppointment={setAppointment}
            onDialog={setDialog}
          />
        }
      >
        <Typography.Text type="secondary">
          {wo.unitName} · {t('workOrders.field.technician')}：
          {wo.technician?.name ?? t('workOrders.common.unassigned')}
        </Typography.Text>
        <MissingFactsAlert wo={wo} />
        {wo.approvals.required && wo.approvals.general?.decision !== 'approved' && (
          <Alert
            type="warning"
            showIcon
            style={{ marginTop: 8 }}
            title={t('workOrders.detail.approvals')}
            description={t(
              wo.approvals.status === 'sent_back'
                ? 'workOrders.detail.fieldRecordSentBack'
                : 'workOrders.detail.pending',
            )}
          />
        )}
      </Card>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={16}>
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            <CustomerRequestsCard wo={wo} />
            <BasicsCard wo={wo} />
            <AppointmentCard wo={wo} />
            <Row gutter={[12, 12]}>
              <Col xs={24} md={10}>
                <PaidFreeCard wo={wo} />
              </Col>
              <Col xs={24} md={14}>
                <QuoteCard workOrder={wo} />
              </Col>
            </Row>
            <FieldResultCard wo={wo} />
            <Card size="small" title={t('workOrders.detail.photos')}>
              <PhotosPanel workOrderId={wo.id} canUpload={!isFinal(wo.state)} />
            </Card>
          </Space>
        </Col>
        <Col xs={24} lg={8}>
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            <ProgressTimeline wo={wo} />
            <ChecksCard wo={wo} />
            <SubjectJourneysCard subjectType="work_order" subjectId={wo.id} />
          </Space>
        </Col>
      </Row>
      {assigning && <AssignModal order={wo} unitId={wo.unitId} onClose={() => setAssigning(false)} />}
      {appointment && (
        <AppointmentModal workOrder={wo} mode={appointment} open onClose={() => setAppointment(null)} />
      )}
      {dialog && <DetailDialog workOrder={wo} dialog={dialog} onClose={() => setDialog(null)} />}
    </Space>
  );
}
