import { Button, Form, Input, Select, Switch, Typography } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { UserSelect } from '../../components/user-select';
import { WorkingDayPicker } from '../../components/working-day-picker';
import { notifySuccess } from '../../lib/notify';
import { TICKETS_KEY, ticketKey } from '../tickets/tickets-api';
import type { TicketDetail } from '../../../shared/tickets';
import { CLOSE_OUTS_KEY, complaintKey, EVALUATION_RESULTS, PROGRESS_KINDS } from './complaint-types';
import type { CloseOutStep, EvaluationResult, ProgressKind } from './complaint-types';
import { enterDoesNotSubmit } from '../../lib/form-keys';

interface FormProps {
  ticketId: string;
  onDone?: (ticket: TicketDetail) => void;
}
/** Forms that take a committed date: it counts in the ticket's unit's calendar (SLA-1). */
type DatedFormProps = FormProps & { unitId: string };

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
 * CMP-6: a progress update the customer sees; 核实/二次响应/处理结果 meet their SLA targets.
 * SLA-5: the second response tells the customer when it will be resolved — that time starts the
 * resolution target.
 */
export function ProgressForm({ ticketId, unitId, onDone }: DatedFormProps) {
  const { t } = useTranslation();
  const send = useComplaintAction(ticketId, 'progress', 'complaints.progressSent', onDone);
  const [form] = Form.useForm<{ kind: ProgressKind; body: string; committedAt?: Dayjs }>();
  const kind = Form.useWatch('kind', form);
  return (
    <Form<{ kind: ProgressKind; body: string; committedAt?: Dayjs }>
      onKeyDown={enterDoesNotSubmit()}
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
          <WorkingDayPicker
            unitId={unitId}
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
export function CommitmentForm({ ticketId, unitId, onDone }: DatedFormProps) {
  const { t } = useTranslation();
  const send = useComplaintAction(ticketId, 'commitments', 'complaints.commitmentSaved', onDone);
  return (
    <Form<{ text: string; dueDate: Dayjs; approverId: string }>
      onKeyDown={enterDoesNotSubmit()}
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
        <WorkingDayPicker
          unitId={unitId}
          disabledDate={(d) => d.isBefore(dayjs(), 'day')}
          style={{ width: '100%' }}
          data-testid="commitment-due-date"
        />
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

/** CMP-5: the intake agent asks for close-out of the resolved complaint (again after a send-back). */
export function CloseOutRequestForm({ ticketId, onDone }: FormProps) {
  const { t } = useTranslation();
  const send = useComplaintAction(ticketId, 'close-out', 'complaintFlow.action.requested', onDone);
  return (
    <Form<{ note?: string }>
      onKeyDown={enterDoesNotSubmit()}
      layout="vertical"
      onFinish={(v) => send.mutate({ note: v.note?.trim() || null })}
    >
      <Form.Item name="note" label={t('complaintFlow.chain.requestNote')}>
        <Input.TextArea
          rows={3}
          maxLength={5000}
          placeholder={t('complaintFlow.action.requestNotePlaceholder')}
          data-testid="close-out-request-note"
        />
      </Form.Item>
      <Button
        type="primary"
        htmlType="submit"
        loading={send.isPending}
        data-testid="close-out-request-submit"
      >
        {t('complaintFlow.action.request')}
      </Button>
    </Form>
  );
}

const STEP_PATH: Record<CloseOutStep, string> = {
  quality_opinion: 'close-out/quality-opinion',
  assessment: 'close-out/assessment',
  approval: 'close-out/approve',
};

/**
 * CMP-5: one owner's step — the quality lead's opinion, the assessment confirmation, the GM's
 * approval. The assessment lead first says whether the complaint counts in the responsible
 * department's assessment; only then is there a note on how it was carried out (off: the note is
 * hidden and cleared — the server refuses one).
 */
export function CloseOutStepForm({ ticketId, step, onDone }: FormProps & { step: CloseOutStep }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ text?: string; counts?: boolean }>();
  const send = useComplaintAction(ticketId, STEP_PATH[step], `complaintFlow.action.stepDone.${step}`, onDone);
  const optional = step === 'approval';
  const isAssessment = step === 'assessment';
  const counts = Form.useWatch('counts', form) ?? true;
  const withText = !isAssessment || counts;
  return (
    <Form<{ text?: string; counts?: boolean }>
      form={form}
      onKeyDown={enterDoesNotSubmit()}
      layout="vertical"
      initialValues={isAssessment ? { counts: true } : {}}
      onFinish={(v) => {
        const text = v.text?.trim() || (optional ? null : '');
        send.mutate(
          isAssessment ? (v.counts === false ? { counts: false } : { counts: true, text }) : { text },
        );
      }}
    >
      {optional && (
        <Typography.Paragraph type="secondary">{t('complaintFlow.action.approveHint')}</Typography.Paragraph>
      )}
      {isAssessment && (
        <Form.Item
          name="counts"
          label={t('complaintFlow.action.countsLabel')}
          valuePropName="checked"
          extra={counts ? undefined : t('complaintFlow.action.notCountedHint')}
        >
          <Switch
            checkedChildren={t('complaintFlow.action.counts')}
            unCheckedChildren={t('complaintFlow.action.notCounted')}
            onChange={(on) => {
              if (!on) form.setFieldValue('text', undefined);
            }}
            data-testid="close-out-assessment-counts"
          />
        </Form.Item>
      )}
      {withText && (
        <Form.Item
          name="text"
          label={t(`complaintFlow.action.textLabel.${step}`)}
          rules={
            optional
              ? []
              : [{ required: true, whitespace: true, message: t('complaintFlow.action.textRequired') }]
          }
        >
          <Input.TextArea
            rows={3}
            maxLength={5000}
            placeholder={t(`complaintFlow.action.textPlaceholder.${step}`)}
            data-testid="close-out-step-text"
          />
        </Form.Item>
      )}
      <Button type="primary" htmlType="submit" loading={send.isPending} data-testid="close-out-step-submit">
        {t(`complaintFlow.action.${step}`)}
      </Button>
    </Form>
  );
}

/** CMP-5: the owner at `step` sends the case back one step with a reason. */
export function CloseOutSendBackForm({ ticketId, step, onDone }: FormProps & { step: CloseOutStep }) {
  const { t } = useTranslation();
  const send = useComplaintAction(ticketId, 'close-out/send-back', 'complaintFlow.action.sentBack', onDone);
  return (
    <Form<{ reason: string }>
      onKeyDown={enterDoesNotSubmit()}
      layout="vertical"
      onFinish={(v) => send.mutate({ step, reason: v.reason })}
    >
      <Form.Item
        name="reason"
        label={t('complaintFlow.action.sendBackReason')}
        rules={[{ required: true, whitespace: true, message: t('complaintFlow.action.textRequired') }]}
      >
        <Input.TextArea
          rows={3}
          maxLength={2000}
          placeholder={t('complaintFlow.action.sendBackPlaceholder')}
          data-testid="close-out-send-back-reason"
        />
      </Form.Item>
      <Button danger htmlType="submit" loading={send.isPending} data-testid="close-out-send-back-submit">
        {t('complaintFlow.action.sendBack')}
      </Button>
    </Form>
  );
}

/** SAT-2: the customer's evaluation of the result; 不满意 reopens the case and alerts the supervisor. */
export function EvaluationForm({ ticketId, onDone }: FormProps) {
  const { t } = useTranslation();
  const send = useComplaintAction(ticketId, 'evaluation', 'complaints.evaluationSaved', onDone);
  return (
    <Form<{ result: EvaluationResult; comment?: string }>
      onKeyDown={enterDoesNotSubmit()}
      layout="vertical"
      onFinish={(v) => send.mutate(v)}
    >
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
