import { useState } from 'react';
import { Button, Card, Descriptions, Modal, Space, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../../api/client';
import { useCan, useCurrentMe } from '../../auth/use-me';
import { formatTime } from '../../lib/format';
import {
  CloseOutChainPanel,
  CommitmentForm,
  complaintKey,
  EvaluationForm,
  ProgressForm,
} from '../complaints';
import type { ComplaintView, EvaluationResult } from '../complaints';
import { DepartmentReplyForm, DepartmentReplyList, departmentRepliesKey } from '../department';
import { isEndedState, isFinishedState, isOpenState } from '../../../domain/tickets/tickets.states';
import { ticketPath } from './tickets-api';
import type { TicketDetail, TicketType } from '../../../shared/tickets';

/** Types that carry a complaint record (docs/api-tickets.md, Complaints); others answer 409. */
const COMPLAINT_TYPES: readonly TicketType[] = [
  'soft_complaint',
  'hard_complaint',
  'rectification',
  'repair',
  'installation',
  'return_exchange',
];

type ComplaintForm = 'department' | 'progress' | 'commitment' | 'evaluation';

const EVALUATION_COLOR: Record<EvaluationResult, string> = {
  satisfied: 'green',
  basically_satisfied: 'blue',
  dissatisfied: 'red',
};

/**
 * What the current person may do on this ticket beyond the core actions: the department's reply
 * (members of the responsible department while it waits for them; supervisors on their behalf),
 * progress, commitments and the customer's evaluation — each only when the type and state allow
 * it, so the server's 409s are never the first thing an agent sees. Whether the person may work on
 * this ticket at all is the ticket's own `can.edit` (tickets.manage at its unit or department), not
 * a permission held anywhere. Close-out (CMP-5) has its own panel, whose buttons the server computes
 * per person.
 */
function useComplaintForms(ticket: TicketDetail): ComplaintForm[] {
  const me = useCurrentMe();
  const can = useCan();
  if (!ticket.can.edit) return [];
  const forms: ComplaintForm[] = [];
  const department = ticket.assigneeDepartment;
  if (
    ticket.state === 'waiting_department' &&
    department &&
    (me.memberships.some((m) => m.unitId === department.id) || can('routing.manage'))
  )
    forms.push('department');
  if (!COMPLAINT_TYPES.includes(ticket.type)) return forms;
  if (!isEndedState(ticket.state)) forms.push('progress');
  if (isOpenState(ticket.state)) forms.push('commitment');
  if (isFinishedState(ticket.state)) forms.push('evaluation');
  return forms;
}

/** 投诉处理: the complaint's close-out, evaluation and promises, and the forms that move it on. */
export function TicketComplaintCard({ ticket }: { ticket: TicketDetail }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<ComplaintForm | null>(null);
  const queryClient = useQueryClient();
  const isComplaint = COMPLAINT_TYPES.includes(ticket.type);
  const complaint = useQuery({
    queryKey: complaintKey(ticket.id),
    queryFn: ({ signal }) => get<ComplaintView>(`${ticketPath(ticket.id)}/complaint`, undefined, signal),
    enabled: isComplaint,
    meta: { silent: true },
  });
  const view = complaint.data;
  const forms = useComplaintForms(ticket);
  if (!isComplaint && forms.length === 0) return null;
  const close = () => setOpen(null);
  const replied = () => {
    close();
    void queryClient.invalidateQueries({ queryKey: complaintKey(ticket.id) });
    void queryClient.invalidateQueries({ queryKey: departmentRepliesKey(ticket.id) });
  };
  const label: Record<ComplaintForm, string> = {
    department: t('department.reply'),
    progress: t('tickets.complaint.progress'),
    commitment: t('tickets.complaint.commitment'),
    evaluation: t('complaints.evaluation'),
  };
  const title: Record<ComplaintForm, string> = {
    ...label,
    department: t('department.replyTitle', { number: ticket.number }),
  };
  return (
    <Card size="small" title={t('tickets.complaint.title')} data-testid="complaint-card">
      {forms.length > 0 && (
        <Space wrap style={{ marginBottom: view ? 12 : 0 }}>
          {forms.map((f) => (
            <Button
              key={f}
              type={f === 'department' ? 'primary' : 'default'}
              onClick={() => setOpen(f)}
              data-testid={`complaint-action-${f}`}
            >
              {label[f]}
            </Button>
          ))}
        </Space>
      )}
      {view && (
        <Descriptions size="small" column={1}>
          {view.causeAnalysis && (
            <Descriptions.Item label={t('complaintFlow.meeting.title')}>
              <Space size={4} wrap data-testid="complaint-meeting">
                <Tag color="purple">{t(`complaintFlow.meeting.reason.${view.causeAnalysis.reason}`)}</Tag>
                <Typography.Text>{t('complaintFlow.meeting.convenor')}</Typography.Text>
                <Typography.Text type="secondary">{t('complaintFlow.meeting.minutes')}</Typography.Text>
                <Typography.Text type="secondary">
                  {t('complaintFlow.meeting.invited', {
                    departments: view.causeAnalysis.invitedDepartments
                      .map((d) => t(`complaintFlow.meeting.department.${d}`))
                      .join('、'),
                  })}
                </Typography.Text>
              </Space>
            </Descriptions.Item>
          )}
          <Descriptions.Item label={t('complaints.evaluation')}>
            {view.evaluation ? (
              <Space size={4} wrap>
                <Tag color={EVALUATION_COLOR[view.evaluation.result]} data-testid="complaint-evaluation">
                  {t(`complaints.evaluationResult.${view.evaluation.result}`)}
                </Tag>
                {view.evaluation.comment && <Typography.Text>{view.evaluation.comment}</Typography.Text>}
              </Space>
            ) : (
              t('tickets.complaint.notEvaluated')
            )}
          </Descriptions.Item>
          {view.departmentReplies.length > 0 && (
            <Descriptions.Item label={t('tickets.complaint.departmentReplies')}>
              <Typography.Link
                href="#department-replies"
                onClick={(e) => {
                  e.preventDefault();
                  document.getElementById('department-replies')?.scrollIntoView({ behavior: 'smooth' });
                }}
                data-testid="complaint-department-replies-link"
              >
                {t('tickets.complaint.replyCount', { count: view.departmentReplies.length })}
              </Typography.Link>
            </Descriptions.Item>
          )}
          {view.commitments.map((c) => (
            <Descriptions.Item key={c.id} label={t('tickets.complaint.commitmentDue', { date: c.dueDate })}>
              {c.text}
              {c.approver && (
                <Typography.Text type="secondary">
                  {' '}
                  {t('tickets.complaint.approvedBy', { name: c.approver.name })}
                </Typography.Text>
              )}
            </Descriptions.Item>
          ))}
          {view.evaluation && (
            <Descriptions.Item label={t('tickets.complaint.evaluatedAt')}>
              {formatTime(view.evaluation.at)}
            </Descriptions.Item>
          )}
        </Descriptions>
      )}
      {view && (
        <CloseOutChainPanel
          ticketId={ticket.id}
          chain={view.closeOut}
          context={
            view.departmentReplies.length > 0 ? (
              <div data-testid="close-out-department-replies" style={{ marginBottom: 16 }}>
                <Typography.Title level={5} style={{ marginTop: 0 }}>
                  {t('department.replies.inClose')}
                </Typography.Title>
                <DepartmentReplyList replies={view.departmentReplies} />
              </div>
            ) : undefined
          }
        />
      )}
      <Modal
        open={open !== null}
        title={open ? title[open] : undefined}
        onCancel={close}
        footer={null}
        destroyOnHidden
        width={open === 'department' ? 640 : 520}
      >
        {open === 'department' && (
          <DepartmentReplyForm ticketId={ticket.id} unitId={ticket.unit.id} onDone={replied} />
        )}
        {open === 'progress' && <ProgressForm ticketId={ticket.id} unitId={ticket.unit.id} onDone={close} />}
        {open === 'commitment' && (
          <CommitmentForm ticketId={ticket.id} unitId={ticket.unit.id} onDone={close} />
        )}
        {open === 'evaluation' && <EvaluationForm ticketId={ticket.id} onDone={close} />}
      </Modal>
    </Card>
  );
}
