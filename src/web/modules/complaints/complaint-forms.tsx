import { Button, DatePicker, Form, Input, Select, Switch } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { UserSelect } from '../../components/user-select';
import { notifySuccess } from '../../lib/notify';
import { ticketKey, TICKETS_KEY } from '../tickets/ticket-types';
import type { TicketDetail } from '../tickets/ticket-types';
import { CLOSE_OUTS_KEY, complaintKey, EVALUATION_RESULTS, PROGRESS_KINDS } from './complaint-types';
import type { EvaluationResult, ProgressKind } from './complaint-types';

interface FormProps {
  ticketId: string;
  onDone?: (ticket: TicketDetail) => void;
}

/** POST /tickets/:id/<path>; the answer (the ticket now) replaces the cached detail. */
function useComplaintAction(
  ticketId: string,
  path: string,
  done: string,
  onDone?: (t: TicketDetail) => void,
) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      api<TicketDetail>(`/api/v1/tickets/${ticketId}/${path}`, { method: 'POST', body }),
    onSuccess: async (ticket) => {
      queryClient.setQueryData(ticketKey(ticketId), ticket);
      notifySuccess(t(done));
      onDone?.(ticket);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: complaintKey(ticketId) }),
        queryClient.invalidateQueries({ queryKey: [CLOSE_OUTS_KEY] }),
        queryClient.invalidateQueries({ queryKey: [TICKETS_KEY] }),
      ]);
    },
  });
}

/**
 * CMP-6: a progress update the customer sees; 核实/二次回复/处理结果 meet their SLA targets.
 * SLA-5: the second response tells the customer when it will be resolved — that time starts the
 * resolution target.
 */
export function ProgressForm({ ticketId, onDone }: FormProps) {
  const { t } = useTranslation();
  const send = useComplaintAction(ticketId, 'progress', 'complaints.progressSent', onDone);
  const [form] = Form.useForm<{ kind: ProgressKind; body: string; committedAt?: Dayjs }>();
  const kind = Form.useWatch('kind', form);
  return (
    <Form<{ kind: ProgressKind; body: string; committedAt?: Dayjs }>
      form={form}
      layout="vertical"
      initialValues={{ kind: 'progress' }}
      onFinish={(v) =>
        send.mutate({
          kind: v.kind,
          body: v.body,
          ...(v.kind === 'second_response' && v.committedAt
            ? { committedAt: v.committedAt.second(0).toISOString() }
            : {}),
        })
      }
    >
      <Form.Item name="kind" label={t('complaints.progressKind')}>
        <Select
          options={PROGRESS_KINDS.map((k) => ({ value: k, label: t(`complaints.progress.${k}`) }))}
          data-testid="progress-kind"
        />
      </Form.Item>
      {kind === 'second_response' && (
        <Form.Item
          name="committedAt"
          label={t('complaints.committedResolutionAt')}
          extra={t('complaints.committedResolutionHint')}
          rules={[{ required: true, message: t('complaints.committedResolutionRequired') }]}
        >
          <DatePicker
            showTime={{ format: 'HH:mm', minuteStep: 30 }}
            format="YYYY-MM-DD HH:mm"
            disabledDate={(d) => d.isBefore(dayjs(), 'day')}
            data-testid="progress-committed-at"
          />
        </Form.Item>
      )}
      <Form.Item
        name="body"
        rules={[{ required: true, whitespace: true, message: t('complaints.bodyRequired') }]}
      >
        <Input.TextArea rows={3} maxLength={10_000} placeholder={t('complaints.progressPlaceholder')} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={send.isPending}>
        {t('complaints.sendProgress')}
      </Button>
    </Form>
  );
}

/** CMP-2: a promise to the customer only with a date and the approving supervisor. */
export function CommitmentForm({ ticketId, onDone }: FormProps) {
  const { t } = useTranslation();
  const send = useComplaintAction(ticketId, 'commitments', 'complaints.commitmentSaved', onDone);
  return (
    <Form<{ text: string; dueDate: Dayjs; approverId: string }>
      layout="vertical"
      onFinish={(v) =>
        send.mutate({ text: v.text, dueDate: v.dueDate.format('YYYY-MM-DD'), approverId: v.approverId })
      }
    >
      <Form.Item
        name="text"
        label={t('complaints.commitmentText')}
        rules={[{ required: true, whitespace: true, message: t('complaints.bodyRequired') }]}
      >
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <Form.Item
        name="dueDate"
        label={t('complaints.commitmentDue')}
        rules={[{ required: true, message: t('complaints.dueRequired') }]}
      >
        <DatePicker disabledDate={(d) => d.isBefore(dayjs(), 'day')} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item
        name="approverId"
        label={t('complaints.approver')}
        extra={t('complaints.approverHelp')}
        rules={[{ required: true, message: t('complaints.approverRequired') }]}
      >
        <UserSelect userStatus="active" style={{ width: '100%' }} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={send.isPending}>
        {t('complaints.saveCommitment')}
      </Button>
    </Form>
  );
}

/** CMP-5: asks the GM to close the resolved case, with the opinion on the department and the assessment check. */
export function CloseOutRequestForm({ ticketId, onDone }: FormProps) {
  const { t } = useTranslation();
  const send = useComplaintAction(ticketId, 'close-out', 'complaints.closeOutRequested', onDone);
  return (
    <Form<{ opinion: string; counts: boolean; note?: string }>
      layout="vertical"
      initialValues={{ counts: false }}
      onFinish={(v) =>
        send.mutate({ opinion: v.opinion, assessment: { counts: v.counts, note: v.note ?? null } })
      }
    >
      <Form.Item
        name="opinion"
        label={t('complaints.opinion')}
        rules={[{ required: true, whitespace: true, message: t('complaints.bodyRequired') }]}
      >
        <Input.TextArea rows={3} maxLength={5000} placeholder={t('complaints.opinionPlaceholder')} />
      </Form.Item>
      <Form.Item name="counts" label={t('complaints.assessmentCheck')} valuePropName="checked">
        <Switch />
      </Form.Item>
      <Form.Item name="note" label={t('complaints.assessmentNote')}>
        <Input maxLength={2000} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={send.isPending}>
        {t('complaints.requestCloseOut')}
      </Button>
    </Form>
  );
}

/** SAT-2: the customer's evaluation of the result; 不满意 reopens the case and alerts the supervisor. */
export function EvaluationForm({ ticketId, onDone }: FormProps) {
  const { t } = useTranslation();
  const send = useComplaintAction(ticketId, 'evaluation', 'complaints.evaluationSaved', onDone);
  return (
    <Form<{ result: EvaluationResult; comment?: string }> layout="vertical" onFinish={(v) => send.mutate(v)}>
      <Form.Item
        name="result"
        label={t('complaints.evaluation')}
        rules={[{ required: true, message: t('complaints.resultRequired') }]}
      >
        <Select
          options={EVALUATION_RESULTS.map((r) => ({
            value: r,
            label: t(`complaints.evaluationResult.${r}`),
          }))}
        />
      </Form.Item>
      <Form.Item name="comment" label={t('complaints.evaluationComment')}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={send.isPending}>
        {t('complaints.saveEvaluation')}
      </Button>
    </Form>
  );
}
