import { Form, Input, Modal } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { post } from '../../api/client';
import type { AccountRequest } from '../../api/types';
import { UnitTreeSelect } from '../../components/unit-tree-select';
import { RoleSelect } from '../../components/role-select';
import { notifySuccess } from '../../lib/notify';

interface Values {
  unitId: string;
  roleId: string;
  username: string;
  displayName: string;
  phone?: string;
  email?: string;
  reason: string;
}

/** ORG-3 step 1: HR / administration files the request. */
export function RequestFormModal({
  open,
  defaultUnitId,
  onClose,
}: {
  open: boolean;
  defaultUnitId?: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const file = useMutation({
    mutationFn: (v: Values) =>
      post<AccountRequest>('/api/v1/account-requests', {
        unitId: v.unitId,
        roleId: v.roleId,
        username: v.username.trim(),
        displayName: v.displayName.trim(),
        reason: v.reason.trim(),
        ...(v.phone?.trim() ? { phone: v.phone.trim() } : {}),
        ...(v.email?.trim() ? { email: v.email.trim() } : {}),
      }),
    onSuccess: async () => {
      notifySuccess(t('accountRequests.submitted'));
      await queryClient.invalidateQueries({ queryKey: ['account-requests'] });
      onClose();
    },
  });

  return (
    <Modal
      title={t('accountRequests.create')}
      open={open}
      onOk={() => form.submit()}
      onCancel={onClose}
      okText={t('common.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={file.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ unitId: defaultUnitId }}
        onFinish={(v) => file.mutate(v)}
      >
        <Form.Item
          name="unitId"
          label={t('common.unit')}
          rules={[{ required: true, message: t('common.selectUnit') }]}
        >
          <UnitTreeSelect />
        </Form.Item>
        <Form.Item
          name="roleId"
          label={t('common.role')}
          rules={[{ required: true, message: t('common.selectRole') }]}
        >
          <RoleSelect />
        </Form.Item>
        <Form.Item
          name="username"
          label={t('accountRequests.username')}
          rules={[
            { required: true, whitespace: true, message: t('users.usernameRequired') },
            { pattern: /^[A-Za-z0-9._-]{2,64}$/, message: t('users.usernamePattern') },
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('accountRequests.displayName')}
          rules={[{ required: true, whitespace: true, message: t('users.displayNameRequired') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t('common.phone')}
          rules={[{ pattern: /^[0-9+\-\s()]{5,20}$/, message: t('common.invalidPhone') }]}
        >
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item
          name="email"
          label={t('common.email')}
          rules={[{ type: 'email', message: t('common.invalidEmail') }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('accountRequests.reason')}
          rules={[{ required: true, whitespace: true, message: t('accountRequests.reasonRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
