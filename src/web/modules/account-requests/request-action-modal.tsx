import { Form, Input, Modal, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { post } from '../../api/client';
import type { AccountRequest } from '../../api/types';
import { MIN_PASSWORD_LENGTH } from '../../auth/change-password-modal';
import { notifySuccess } from '../../lib/notify';

export type RequestAction = 'approve' | 'reject' | 'open';

const TITLE = {
  approve: 'accountRequests.approveTitle',
  reject: 'accountRequests.rejectTitle',
  open: 'accountRequests.openTitle',
} as const;
const DONE = {
  approve: 'accountRequests.approved',
  reject: 'accountRequests.rejected',
  open: 'accountRequests.opened',
} as const;
const OK = {
  approve: 'accountRequests.approve',
  reject: 'accountRequests.reject',
  open: 'accountRequests.open',
} as const;

interface Values {
  comment?: string;
  initialPassword?: string;
}

/** ORG-3 steps 2 and 3: the general manager approves or rejects; the HQ supervisor opens the account. */
export function RequestActionModal({
  target,
  onClose,
}: {
  target: { action: RequestAction; request: AccountRequest } | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const act = useMutation({
    mutationFn: ({ action, id, v }: { action: RequestAction; id: string; v: Values }) => {
      const comment = v.comment?.trim();
      const body = action === 'open' ? { initialPassword: v.initialPassword } : comment ? { comment } : {};
      return post<AccountRequest>(`/api/v1/account-requests/${id}/${action}`, body);
    },
    onSuccess: async (_saved, { action }) => {
      notifySuccess(t(DONE[action]));
      await queryClient.invalidateQueries({ queryKey: ['account-requests'] });
      if (action === 'open') await queryClient.invalidateQueries({ queryKey: ['users'] });
      onClose();
    },
  });
  const action = target?.action;

  return (
    <Modal
      title={
        target
          ? t(TITLE[target.action], {
              name: t('common.nameWithUsername', {
                name: target.request.displayName,
                username: target.request.username,
              }),
            })
          : ''
      }
      open={target !== null}
      onOk={() => form.submit()}
      onCancel={onClose}
      okText={action ? t(OK[action]) : t('common.confirm')}
      okButtonProps={{ danger: action === 'reject' }}
      cancelText={t('common.cancel')}
      confirmLoading={act.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={(v) => target && act.mutate({ action: target.action, id: target.request.id, v })}
      >
        {action === 'open' ? (
          <>
            <Typography.Paragraph type="secondary">{t('accountRequests.openHint')}</Typography.Paragraph>
            <Form.Item
              name="initialPassword"
              label={t('users.initialPassword')}
              rules={[
                { required: true, message: t('users.passwordRequired') },
                {
                  min: MIN_PASSWORD_LENGTH,
                  message: t('password.minLength', { count: MIN_PASSWORD_LENGTH }),
                },
              ]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          </>
        ) : (
          <Form.Item
            name="comment"
            label={t('accountRequests.comment')}
            rules={
              action === 'reject'
                ? [{ required: true, whitespace: true, message: t('accountRequests.commentRequired') }]
                : []
            }
          >
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
