import { Button, Form, Input, Select } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useCan, useCurrentMe } from '../../auth/use-me';
import { PERM } from '../../auth/permissions';
import { UserSelect } from '../../components/user-select';
import { WorkingDayPicker } from '../../components/working-day-picker';
import { notifySuccess } from '../../lib/notify';
import { TICKETS_KEY, ticketKey } from '../tickets/tickets-api';
import type { TicketDetail } from '../../../shared/tickets';
import { CORRECTIVE_ACTIONS, DEPARTMENT_INBOX_KEY } from './department-types';
import type { CorrectiveAction } from './department-types';
import { enterDoesNotSubmit } from '../../lib/form-keys';
import { departmentRepliesKey } from './department-replies';

interface Values {
  findings: string;
  rootCause: string;
  correctiveKind: CorrectiveAction;
  correctiveText: string;
  preventiveAction: string;
  committedDate: Dayjs;
  responsiblePersonId: string;
}

/**
 * 部门回复单 (CMP-3): findings, root cause, corrective and preventive action, committed date and
 * the responsible person. Exported so the ticket detail page can embed it. The committed date
 * counts in the ticket's unit's calendar, so its non-working days cannot be picked.
 */
export function DepartmentReplyForm({
  ticketId,
  unitId,
  onDone,
}: {
  ticketId: string;
  unitId: string;
  onDone?: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const me = useCurrentMe();
  const can = useCan();
  const queryClient = useQueryClient();
  const send = useMutation({
    mutationFn: (v: Values) =>
      api<TicketDetail>(`/api/v1/tickets/${ticketId}/department-replies`, {
        method: 'POST',
        body: {
          findings: v.findings,
          rootCause: v.rootCause,
          correctiveAction: { kind: v.correctiveKind, text: v.correctiveText },
          preventiveAction: v.preventiveAction,
          committedDate: v.committedDate.format('YYYY-MM-DD'),
          responsiblePersonId: v.responsiblePersonId,
        },
      }),
    onSuccess: async (ticket) => {
      queryClient.setQueryData(ticketKey(ticketId), ticket);
      notifySuccess(t('department.replySent'));
      form.resetFields();
      onDone?.();
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: [DEPARTMENT_INBOX_KEY] }),
        queryClient.invalidateQueries({ queryKey: [TICKETS_KEY] }),
        queryClient.invalidateQueries({ queryKey: departmentRepliesKey(ticketId) }),
      ]);
    },
  });
  const required = (message: string) => [{ required: true, whitespace: true, message }];
  return (
    <Form<Values>
      onKeyDown={enterDoesNotSubmit()}
      form={form}
      layout="vertical"
      initialValues={{ responsiblePersonId: me.id }}
      onFinish={(v) => send.mutate(v)}
      data-testid="department-reply-form"
    >
      <Form.Item
        name="findings"
        label={t('department.findings')}
        rules={required(t('department.findingsRequired'))}
      >
        <Input.TextArea rows={4} maxLength={5000} placeholder={t('department.findingsPlaceholder')} />
      </Form.Item>
      <Form.Item
        name="rootCause"
        label={t('department.rootCause')}
        rules={required(t('department.rootCauseRequired'))}
      >
        <Input maxLength={1000} placeholder={t('department.rootCausePlaceholder')} />
      </Form.Item>
      <Form.Item
        name="correctiveKind"
        label={t('department.correctiveAction')}
        rules={[{ required: true, message: t('department.correctiveKindRequired') }]}
      >
        <Select<CorrectiveAction>
          options={CORRECTIVE_ACTIONS.map((k) => ({ value: k, label: t(`department.corrective.${k}`) }))}
          placeholder={t('department.correctiveKindPlaceholder')}
          data-testid="corrective-kind"
        />
      </Form.Item>
      <Form.Item name="correctiveText" rules={required(t('department.correctiveTextRequired'))}>
        <Input.TextArea rows={3} maxLength={5000} placeholder={t('department.correctiveTextPlaceholder')} />
      </Form.Item>
      <Form.Item
        name="preventiveAction"
        label={t('department.preventiveAction')}
        rules={required(t('department.preventiveRequired'))}
      >
        <Input.TextArea rows={3} maxLength={5000} placeholder={t('department.preventivePlaceholder')} />
      </Form.Item>
      <Form.Item
        name="committedDate"
        label={t('department.committedDate')}
        extra={t('department.committedDateHelp')}
        rules={[{ required: true, message: t('department.committedDateRequired') }]}
      >
        <WorkingDayPicker
          unitId={unitId}
          disabledDate={(d) => d.isBefore(dayjs(), 'day')}
          style={{ width: '100%' }}
          data-testid="department-committed-date"
        />
      </Form.Item>
      <Form.Item
        name="responsiblePersonId"
        label={t('department.responsiblePerson')}
        rules={[{ required: true, message: t('department.responsiblePersonRequired') }]}
      >
        {/* Department members may not read the user list: they name themselves unless they can. */}
        {can(PERM.usersRead) ? (
          <UserSelect userStatus="active" style={{ width: '100%' }} />
        ) : (
          <Select options={[{ value: me.id, label: me.displayName }]} />
        )}
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={send.isPending} data-testid="department-reply-submit">
        {t('department.submitReply')}
      </Button>
    </Form>
  );
}
