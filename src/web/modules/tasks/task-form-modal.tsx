import { Alert, DatePicker, Form, Input, Modal, Segmented } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { post } from '../../api/client';
import { useCurrentUnit } from '../../app/current-unit';
import { UserSelect } from '../../components/user-select';
import { notifySuccess } from '../../lib/notify';
import { TASKS, TASKS_KEY } from './task-types';
import type { Task, TaskKind } from './task-types';
import { enterDoesNotSubmit } from '../../lib/form-keys';

/** What the desk already knows about the caller when the agent opens the form. */
export interface TaskPrefill {
  callerPhone?: string;
  callerName?: string;
  customerId?: string | null;
  ticketId?: string | null;
}

interface Values {
  kind: TaskKind;
  callerPhone: string;
  callerName?: string;
  assigneeId?: string;
  note?: string;
  dueAt?: Dayjs | null;
}

const PHONE = /^[0-9+\-() ]{3,30}$/;

/**
 * 回电 / 转告 (IN-5, IN-6): a call-back promise for the agent (or a colleague), or a message for an
 * absent colleague. The server sets the deadline from the unit's working calendar unless one is given.
 */
export function TaskFormModal({
  open,
  prefill,
  onClose,
}: {
  open: boolean;
  prefill: TaskPrefill;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const { unitId } = useCurrentUnit();
  const kind = Form.useWatch('kind', form) ?? 'call_back';

  // The modal is destroyed when hidden, so these apply afresh each time it opens. A masked number
  // (CUS-4) is no use for calling back; the agent types it again.
  const initialValues: Partial<Values> = {
    kind: 'call_back',
    callerPhone: prefill.callerPhone?.includes('*') ? '' : (prefill.callerPhone ?? ''),
    callerName: prefill.callerName ?? '',
  };

  const create = useMutation({
    mutationFn: (v: Values) =>
      post<Task>(TASKS, {
        kind: v.kind,
        unitId,
        callerPhone: v.callerPhone.trim(),
        ...(v.callerName?.trim() ? { callerName: v.callerName.trim() } : {}),
        ...(v.assigneeId ? { assigneeId: v.assigneeId } : {}),
        ...(v.note?.trim() ? { note: v.note.trim() } : {}),
        ...(v.dueAt ? { dueAt: v.dueAt.format() } : {}),
        ...(prefill.customerId ? { customerId: prefill.customerId } : {}),
        ...(prefill.ticketId ? { ticketId: prefill.ticketId } : {}),
      }),
    onSuccess: async (task) => {
      notifySuccess(
        t(task.kind === 'call_back' ? 'tasks.callBackCreated' : 'tasks.messageCreated', {
          time: dayjs(task.dueAt).format('MM-DD HH:mm'),
        }),
      );
      await queryClient.invalidateQueries({ queryKey: [TASKS_KEY] });
      onClose();
    },
  });

  return (
    <Modal
      open={open}
      title={t('tasks.newTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      confirmLoading={create.isPending}
      destroyOnHidden
      data-testid="task-form-modal"
    >
      <Form
        onKeyDown={enterDoesNotSubmit()}
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={(v) => create.mutate(v)}
        preserve={false}
      >
        <Form.Item name="kind">
          <Segmented<TaskKind>
            options={[
              { value: 'call_back', label: t('tasks.kind.call_back') },
              { value: 'message', label: t('tasks.kind.message') },
            ]}
          />
        </Form.Item>
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={kind === 'call_back' ? t('tasks.callBackHint') : t('tasks.messageHint')}
        />
        <Form.Item
          name="callerPhone"
          label={t('tasks.callerPhone')}
          rules={[
            { required: true, whitespace: true, message: t('tasks.phoneRequired') },
            { pattern: PHONE, message: t('common.invalidPhone') },
          ]}
        >
          <Input autoFocus maxLength={30} data-testid="task-caller-phone" />
        </Form.Item>
        <Form.Item name="callerName" label={t('tasks.callerName')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="assigneeId"
          label={kind === 'call_back' ? t('tasks.callBackBy') : t('tasks.messageFor')}
          rules={kind === 'message' ? [{ required: true, message: t('tasks.colleagueRequired') }] : []}
        >
          <UserSelect
            userStatus="active"
            placeholder={kind === 'call_back' ? t('tasks.myself') : t('common.selectUser')}
          />
        </Form.Item>
        <Form.Item
          name="note"
          label={kind === 'call_back' ? t('tasks.callBackNote') : t('tasks.messageText')}
          rules={
            kind === 'message'
              ? [{ required: true, whitespace: true, message: t('tasks.messageRequired') }]
              : []
          }
        >
          <Input.TextArea rows={3} maxLength={2000} data-testid="task-note" />
        </Form.Item>
        <Form.Item name="dueAt" label={t('tasks.dueAt')} extra={t('tasks.dueDefault')}>
          <DatePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            disabledDate={(d) => d.isBefore(dayjs(), 'day')}
            style={{ width: '100%' }}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
