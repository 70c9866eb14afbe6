import { Alert, Card, Descriptions, Empty, Flex, Table, Tag, Timeline, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { get } from '../../api/client';
import { formatTime } from '../../lib/format';
import { reasonText } from './appointment-modal';
import { formatYuan } from './money';
import { AddressLine, telHref, windowLabel } from './tech-page';
import { AcceptanceSummary } from './acceptance-form';
import { OrderLinkButton } from './order-link';
import { isEditable } from '../../../domain/workorders/workorders.states';
import { useCan } from '../../auth/use-me';
import { WO_PERM } from './workorders-api';
import { WORKORDERS, WORKORDERS_KEY, attachmentUrl } from './workorders-paths';
import type { Acceptance, Approval, WorkOrder } from '../../../shared/workorders';
import type { Named } from '../../../shared/common';

export function BasicsCard({ wo }: { wo: WorkOrder }) {
  const { t } = useTranslation();
  const can = useCan();
  const order = wo.acceptanceForm.order;
  const phone = wo.contactPhone ?? wo.customer?.phone;
  return (
    <Card size="small" title={t('workOrders.detail.basics')}>
      <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
        <Descriptions.Item label={t('workOrders.field.customer')}>
          {wo.customer?.name ?? '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('workOrders.field.contact')}>
          {wo.contactName ?? '—'} {phone && <a href={telHref(phone)}>{phone}</a>}
        </Descriptions.Item>
        <Descriptions.Item label={t('workOrders.field.address')} span={2}>
          <AddressLine address={wo.address} />
        </Descriptions.Item>
        <Descriptions.Item label={t('workOrders.field.problem')} span={2}>
          <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{wo.problem}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('workOrders.field.asset')}>
          {wo.asset ? `${wo.asset.name} ${wo.asset.model ?? ''} ${wo.asset.number ?? ''}` : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('workOrders.field.warrantyEnd')}>
          {wo.asset?.warrantyEnd ?? '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('workOrders.field.skill')}>{wo.requiredSkill ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('workOrders.field.area')}>{wo.area ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('workOrders.field.technician')}>
          {wo.technician
            ? `${wo.technician.name} ${wo.technician.phone ?? ''}`
            : t('workOrders.common.unassigned')}
        </Descriptions.Item>
        <Descriptions.Item label={t('workOrders.field.ticket')}>
          {wo.ticket ? <Link to={`/tickets/${wo.ticket.id}`}>{wo.ticket.number}</Link> : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('workOrders.field.order')}>
          <span data-testid="workorder-order">{order?.orderNo ?? '—'}</span>
          {can(WO_PERM.dispatch) && isEditable(wo.state) && wo.customer && <OrderLinkButton wo={wo} />}
        </Descriptions.Item>
        {wo.links.map((l) => (
          <Descriptions.Item key={l.id} label={t('workOrders.field.linked')}>
            {l.subjectType === 'return_request' ? (
              <Link to={`/returns/${l.id}`} data-testid="work-order-link">
                {l.label}
              </Link>
            ) : (
              l.label
            )}
          </Descriptions.Item>
        ))}
        <Descriptions.Item label={t('workOrders.field.partsNeeded')} span={2}>
          {wo.partsNeeded.length ? wo.partsNeeded.map((p) => `${p.name} × ${p.quantity}`).join('；') : '—'}
        </Descriptions.Item>
      </Descriptions>
      {wo.cancelReason && (
        <Alert
          type="info"
          showIcon
          style={{ marginTop: 8 }}
          title={t('workOrders.detail.cancelReason', { reason: wo.cancelReason })}
        />
      )}
    </Card>
  );
}

/** PAY-1/2/5: the class in force with its reason, the system's proposal, who checks, misuse vs defect. */
export function PaidFreeCard({ wo }: { wo: WorkOrder }) {
  const { t } = useTranslation();
  const proposal = wo.serviceClassProposal;
  return (
    <Card size="small" title={t('workOrders.detail.paid')} data-testid="paid-card">
      <Flex vertical gap={6}>
        <Flex gap={8} align="center" wrap>
          {wo.serviceClass && (
            <Tag color={wo.serviceClass === 'A' ? 'orange' : 'green'} style={{ fontSize: 14 }}>
              {t(`workOrders.serviceClass.${wo.serviceClass}`)}
            </Tag>
          )}
          {wo.serviceClassReason && <Typography.Text>{reasonText(wo.serviceClassReason)}</Typography.Text>}
        </Flex>
        {proposal && proposal.serviceClass !== wo.serviceClass && (
          <Typography.Text type="secondary">
            {t('workOrders.detail.proposal', { cls: t(`workOrders.serviceClass.${proposal.serviceClass}`) })}
            ：{reasonText(proposal.reason)}
          </Typography.Text>
        )}
        <Typography.Text type="secondary">
          {t('workOrders.field.source')}：{t(`workOrders.source.${wo.source}`)} →{' '}
          {t(`workOrders.checkedBy.${wo.checkedBy}`)}
        </Typography.Text>
        {/* PAY-1: the checking department's opinion on the intake sheet decides the class. */}
        <Typography.Text data-testid="class-opinion">
          {t('workOrders.detail.opinion')}：
          {wo.classOpinion
            ? t('workOrders.detail.opinionLine', {
                department: wo.classOpinion.department,
                givenBy: wo.classOpinion.givenBy,
                cls: t(`workOrders.serviceClass.${wo.classOpinion.proposedClass}`),
                reason: wo.classOpinion.reason,
                by: wo.classOpinion.by.name,
                at: formatTime(wo.classOpinion.at),
              })
            : t('workOrders.detail.noOpinion')}
        </Typography.Text>
        <Typography.Text>
          {t('workOrders.field.faultCause')}：{t(`workOrders.faultCause.${wo.faultCause}`)}
        </Typography.Text>
        {wo.apologyRequired && <Alert type="warning" showIcon title={t('workOrders.detail.apology')} />}
        {wo.payment && (
          <Typography.Text>
            {t(
              wo.payment.method === 'on_site'
                ? 'workOrders.detail.paymentOnSite'
                : 'workOrders.detail.paymentInvoice',
            )}{' '}
            {formatYuan(wo.payment.amountFen)} · {wo.payment.by.name} {formatTime(wo.payment.at)}
          </Typography.Text>
        )}
      </Flex>
    </Card>
  );
}

interface AppointmentEntry {
  start: string;
  end: string;
  reason: string | null;
  customerConsent: boolean;
  by: Named;
  at: string;
  kind: 'agreed' | 'rescheduled' | 'return';
}

/** REP-2/3: the window in force, the server's warnings, the late notice, and every change with its reason. */
export function AppointmentCard({ wo }: { wo: WorkOrder }) {
  const { t } = useTranslation();
  const history = useQuery({
    queryKey: [WORKORDERS_KEY, 'appointments', wo.id, wo.updatedAt],
    queryFn: ({ signal }) =>
      get<{ items: AppointmentEntry[] }>(`${WORKORDERS}/${wo.id}/appointments`, undefined, signal),
    meta: { silent: true },
  });
  const kindLabel = { agreed: 'kindAgreed', rescheduled: 'kindRescheduled', return: 'kindReturn' } as const;
  return (
    <Card size="small" title={t('workOrders.detail.appointmentCard')} data-testid="appointment-card">
      {wo.appointment ? (
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {dayjs(wo.appointment.start).format('YYYY-MM-DD dddd')} {windowLabel(wo.appointment)}
        </Typography.Title>
      ) : (
        <Typography.Text type="secondary">{t('workOrders.detail.noAppointment')}</Typography.Text>
      )}
      {wo.appointmentWarnings.map((w) => (
        <Alert key={w.code} type="warning" showIcon title={reasonText(w)} style={{ marginBottom: 6 }} />
      ))}
      {wo.lateNotice && (
        <Alert
          type="info"
          showIcon
          title={t('workOrders.detail.lateNotice', {
            time: dayjs(wo.lateNotice.expectedArrivalAt).format('HH:mm'),
          })}
          style={{ marginBottom: 6 }}
        />
      )}
      {(history.data?.items.length ?? 0) > 0 && (
        <Table<AppointmentEntry>
          size="small"
          rowKey={(r) => r.at}
          pagination={false}
          dataSource={history.data?.items}
          columns={[
            {
              title: t('workOrders.detail.history'),
              key: 'k',
              width: 90,
              render: (_, r) => t(`workOrders.detail.${kindLabel[r.kind]}`),
            },
            {
              title: t('workOrders.field.appointment'),
              key: 'w',
              render: (_, r) => `${formatTime(r.start)}–${dayjs(r.end).format('HH:mm')}`,
            },
            { title: t('workOrders.appointment.reason'), key: 'r', render: (_, r) => r.reason ?? '—' },
            {
              title: t('workOrders.detail.consent'),
              key: 'c',
              width: 80,
              render: (_, r) => (r.customerConsent ? '✓' : ''),
            },
            { title: '', key: 'by', width: 160, render: (_, r) => `${r.by.name} ${formatTime(r.at)}` },
          ]}
        />
      )}
    </Card>
  );
}

function AcceptanceBlock({ title, acceptance }: { title: string; acceptance: Acceptance }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={6}>
      <Typography.Text strong>{title}</Typography.Text>
      <Typography.Text>
        {t('workOrders.detail.signedBy', {
          name: acceptance.signerName,
          time: formatTime(acceptance.signedAt),
        })}
        {acceptance.via === 'customer_link' && (
          <Tag style={{ marginLeft: 8 }}>{t('workOrders.detail.viaLink')}</Tag>
        )}
      </Typography.Text>
      <AcceptanceSummary acceptance={acceptance} size={14} />
      {acceptance.comment && <Typography.Text type="secondary">“{acceptance.comment}”</Typography.Text>}
      {acceptance.signatureAttachmentId && (
        <img
          src={attachmentUrl(acceptance.signatureAttachmentId)}
          alt={t('workOrders.signature.image')}
          style={{ maxWidth: 280, border: '1px solid #eee', background: '#fff' }}
          data-testid="detail-signature"
        />
      )}
    </Flex>
  );
}

/** REP-5/REP-6: the visit, parts, the customer's signed acceptance and the goods receipt. */
export function FieldResultCard({ wo }: { wo: WorkOrder }) {
  const { t } = useTranslation();
  if (!wo.visit && !wo.diagnosis && !wo.parts.length && !wo.acceptance && !wo.receipt && !wo.returnAcceptance)
    return null;
  return (
    <Card size="small" title={t('workOrders.detail.visit')} data-testid="result-card">
      <Flex vertical gap={12}>
        {wo.diagnosis && (
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={t('workOrders.diagnosis.title')}>
              <span data-testid="detail-diagnosis">
                {t(`workOrders.finding.${wo.diagnosis.finding}`)}
                {wo.diagnosis.note ? `：${wo.diagnosis.note}` : ''}
              </span>
            </Descriptions.Item>
          </Descriptions>
        )}
        {wo.visit && (
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={t('workOrders.detail.workDone')}>{wo.visit.workDone}</Descriptions.Item>
            <Descriptions.Item label={t('workOrders.detail.minutesSpent')}>
              {wo.visit.minutesSpent}
            </Descriptions.Item>
            {wo.visit.notes && (
              <Descriptions.Item label={t('workOrders.tech.notes')}>{wo.visit.notes}</Descriptions.Item>
            )}
          </Descriptions>
        )}
        {wo.parts.length > 0 && (
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={wo.parts}
            columns={[
              { title: t('workOrders.create.partName'), dataIndex: 'name' },
              { title: t('workOrders.detail.used'), dataIndex: 'quantityUsed', width: 70 },
              { title: t('workOrders.detail.returned'), dataIndex: 'quantityReturned', width: 90 },
            ]}
          />
        )}
        {wo.acceptance && (
          <AcceptanceBlock title={t('workOrders.detail.acceptance')} acceptance={wo.acceptance} />
        )}
        {wo.receipt && (
          <Flex vertical gap={4}>
            <Typography.Text strong>
              {t('workOrders.detail.receipt')} {wo.receipt.number}
            </Typography.Text>
            {wo.receipt.items.map((i, n) => (
              <Typography.Text key={n}>
                {i.name} × {i.quantity}（{i.condition}）
              </Typography.Text>
            ))}
          </Flex>
        )}
        {wo.returnAcceptance && (
          <AcceptanceBlock title={t('workOrders.detail.returnAcceptance')} acceptance={wo.returnAcceptance} />
        )}
      </Flex>
    </Card>
  );
}

function ApprovalLine({ label, approval }: { label: string; approval: Approval | null }) {
  const { t } = useTranslation();
  return (
    <Flex justify="space-between" gap={8}>
      <Typography.Text>{label}</Typography.Text>
      {approval ? (
        <Typography.Text type={approval.decision === 'approved' ? 'success' : 'danger'}>
          {t(`workOrders.detail.${approval.decision}`)} · {approval.by.name} {formatTime(approval.at)}
          {approval.note ? `（${approval.note}）` : ''}
        </Typography.Text>
      ) : (
        <Tag color="orange">{t('workOrders.detail.pending')}</Tag>
      )}
    </Flex>
  );
}

/** REP-8 approvals (complaint-driven visits), REP-7 verification and the SLA targets, side by side. */
export function ChecksCard({ wo }: { wo: WorkOrder }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('workOrders.detail.verification')} data-testid="checks-card">
      <Flex vertical gap={8}>
        {wo.approvals.required && (
          <>
            <Typography.Text strong>{t('workOrders.detail.approvals')}</Typography.Text>
            <ApprovalLine label={t('workOrders.detail.approvalQuality')} approval={wo.approvals.quality} />
            <ApprovalLine label={t('workOrders.detail.approvalGeneral')} approval={wo.approvals.general} />
          </>
        )}
        {wo.verification ? (
          <Typography.Text type={wo.verification.late ? 'warning' : 'success'}>
            {t('workOrders.detail.verifiedBy', {
              name: wo.verification.by.name,
              time: formatTime(wo.verification.at),
            })}
            {wo.verification.late && ` · ${t('workOrders.detail.verifiedLate')}`}
          </Typography.Text>
        ) : wo.verificationDueDate ? (
          <Typography.Text
            type={dayjs().isAfter(dayjs(wo.verificationDueDate), 'day') ? 'danger' : undefined}
          >
            {t('workOrders.detail.verifyDue', { date: wo.verificationDueDate })}
          </Typography.Text>
        ) : null}
        {wo.sla.map((s) => (
          <Flex key={s.code} justify="space-between">
            <Typography.Text>
              {t('workOrders.detail.sla')} · {t(`workOrders.slaCode.${s.code}`, { defaultValue: s.code })}
            </Typography.Text>
            <Typography.Text type={s.state === 'breached' ? 'danger' : undefined}>
              {formatTime(s.dueAt)} {s.metAt ? '✓' : ''}
            </Typography.Text>
          </Flex>
        ))}
      </Flex>
    </Card>
  );
}

const STEPS = [
  'createdAt',
  'assignedAt',
  'appointmentAgreedAt',
  'departedAt',
  'arrivedAt',
  'completedAt',
  'carriedInAt',
  'returnedAt',
  'verifiedAt',
  'closedAt',
  'cancelledAt',
] as const;
const STEP_STATE: Record<(typeof STEPS)[number], string> = {
  createdAt: 'new',
  assignedAt: 'assigned',
  appointmentAgreedAt: 'appointment_agreed',
  departedAt: 'en_route',
  arrivedAt: 'on_site',
  completedAt: 'completed',
  carriedInAt: 'carried_in',
  returnedAt: 'returned',
  verifiedAt: 'verified',
  closedAt: 'closed',
  cancelledAt: 'cancelled',
};

/** The order's progress from its timestamps, in time order. */
export function ProgressTimeline({ wo }: { wo: WorkOrder }) {
  const { t } = useTranslation();
  const steps = STEPS.map((k) => ({ k, at: wo.timestamps[k] }))
    .filter((s): s is { k: (typeof STEPS)[number]; at: string } => !!s.at)
    .sort((a, b) => dayjs(a.at).valueOf() - dayjs(b.at).valueOf());
  return (
    <Card size="small" title={t('workOrders.detail.timeline')} data-testid="timeline">
      {steps.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <Timeline
          items={steps.map((s) => ({
            color: s.k === 'cancelledAt' ? 'gray' : 'blue',
            content: (
              <>
                <Typography.Text strong>{t(`workOrders.state.${STEP_STATE[s.k]}`)}</Typography.Text>{' '}
                <Typography.Text type="secondary">{formatTime(s.at)}</Typography.Text>
              </>
            ),
          }))}
        />
      )}
    </Card>
  );
}
