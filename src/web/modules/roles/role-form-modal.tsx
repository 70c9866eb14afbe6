import { useEffect } from 'react';
import { Form, Input, Modal } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { patch, post } from '../../api/client';
import type { Role } from '../../api/types';
import { ROLES_KEY } from '../../components/role-select';
import { notifySuccess } from '../../lib/notify';
import { localName } from '../../lib/format';
import { PermissionPicker } from './permission-picker';

interface Values {
  code: string;
  nameZh: string;
  nameEn: string;
  permissions: string[];
}

export type RoleFormTarget = { mode: 'create' } | { mode: 'edit'; role: Role };

export function RoleFormModal({ target, onClose }: { target: RoleFormTarget | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const editing = target?.mode === 'edit' ? target.role : null;

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    if (target.mode === 'edit') form.setFieldsValue({ ...target.role });
    else form.setFieldsValue({ permissions: [] });
  }, [target, form]);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const body = { nameZh: v.nameZh.trim(), nameEn: v.nameEn.trim(), permissions: v.permissions };
      return editing
        ? patch<Role>(`/api/v1/roles/${editing.id}`, body)
        : post<Role>('/api/v1/roles', { ...body, code: v.code.trim() });
    },
    onSuccess: async () => {
      notifySuccess(editing ? t('common.saved') : t('common.created'));
      await queryClient.invalidateQueries({ queryKey: [ROLES_KEY] });
      onClose();
    },
  });

  return (
    <Modal
      title={editing ? t('roles.editTitle', { name: localName(editing) }) : t('roles.create')}
      open={target !== null}
      onOk={() => form.submit()}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      width={720}
      forceRender
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item
          name="code"
          label={t('roles.code')}
          rules={
            editing
              ? []
              : [
                  { required: true, message: t('roles.codeRequired') },
                  { pattern: /^[a-z][a-z0-9_]{1,49}$/, message: t('roles.codePattern') },
                ]
          }
        >
          <Input disabled={editing !== null} maxLength={50} />
        </Form.Item>
        <Form.Item
          name="nameZh"
          label={t('roles.nameZh')}
          rules={[{ required: true, whitespace: true, message: t('roles.nameRequired') }]}
        >
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item
          name="nameEn"
          label={t('roles.nameEn')}
          rules={[{ required: true, whitespace: true, message: t('roles.nameRequired') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="permissions" label={t('roles.permissions')}>
          <PermissionPicker />
        </Form.Item>
      </Form>
    </Modal>
  );
}
