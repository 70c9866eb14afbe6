import { useState } from 'react';
import { Form, Modal, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { post } from '../../api/client';
import type { User } from '../../api/types';
import { UserSelect } from '../../components/user-select';
import { notifySuccess } from '../../lib/notify';

/** ORG-3: leaving staff are disabled, never deleted; their open work can go to a colleague. */
export function DisableUserModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [reassignTo, setReassignTo] = useState<string | undefined>();
  const disable = useMutation({
    mutationFn: (u: User) =>
      post<User>(`/api/v1/users/${u.id}/disable`, reassignTo ? { reassignToUserId: reassignTo } : {}),
    onSuccess: async () => {
      notifySuccess(t('users.disabled'));
      await queryClient.invalidateQueries({ queryKey: ['users'] });
      setReassignTo(undefined);
      onClose();
    },
  });

  return (
    <Modal
      title={user ? t('users.disableTitle', { name: user.displayName }) : ''}
      open={user !== null}
      onOk={() => user && disable.mutate(user)}
      onCancel={onClose}
      okText={t('users.disable')}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      confirmLoading={disable.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('users.disableHint')}</Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label={t('users.reassignTo')}>
          <UserSelect
            userStatus="active"
            excludeId={user?.id}
            value={reassignTo}
            onChange={setReassignTo}
            placeholder={t('users.reassignOptional')}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
