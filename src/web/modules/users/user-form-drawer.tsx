import { useEffect } from 'react';
import { Button, Drawer, Form, Input, Space } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { patch, post } from '../../api/client';
import type { MembershipInput, User } from '../../api/types';
import { MIN_PASSWORD_LENGTH } from '../../auth/change-password-modal';
import { notifySuccess } from '../../lib/notify';
import { MembershipsField } from './memberships-field';

interface Values {
  username: string;
  displayName: string;
  password: string;
  phone?: string;
  email?: string;
  // Partial while the person fills the form; the field rules make both required.
  memberships: Array<Partial<MembershipInput>>;
}

export type UserFormTarget = { mode: 'create'; defaultUnitId?: string } | { mode: 'edit'; user: User };

const blankToNull = (s: string | undefined) => (s && s.trim() ? s.trim() : null);
const changed = <K extends string>(key: K, before: string | null, after: string | null) =>
  before === after ? {} : ({ [key]: after } as Record<K, string | null>);

export function UserFormDrawer({ target, onClose }: { target: UserFormTarget | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const editing = target?.mode === 'edit' ? target.user : null;

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    if (target.mode === 'edit') {
      const u = target.user;
      form.setFieldsValue({
        displayName: u.displayName,
        phone: u.phone ?? undefined,
        email: u.email ?? undefined,
        memberships: u.memberships.map((m) => ({ unitId: m.unitId, roleId: m.roleId })),
      });
    } else {
      form.setFieldsValue({ memberships: [{ unitId: target.defaultUnitId }] });
    }
  }, [target, form]);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const memberships = v.memberships.map((m) => ({ unitId: m.unitId ?? '', roleId: m.roleId ?? '' }));
      const common = { displayName: v.displayName.trim(), memberships };
      if (editing)
        return patch<User>(`/api/v1/users/${editing.id}`, {
          ...common,
          // Only changed contact fields are sent; null clears one (docs/api.md: `phone|null`).
          ...changed('phone', editing.phone, blankToNull(v.phone)),
          ...changed('email', editing.email, blankToNull(v.email)),
        });
      return post<User>('/api/v1/users', {
        ...common,
        username: v.username.trim(),
        password: v.password,
        ...(blankToNull(v.phone) ? { phone: blankToNull(v.phone) } : {}),
        ...(blankToNull(v.email) ? { email: blankToNull(v.email) } : {}),
      });
    },
    onSuccess: async () => {
      notifySuccess(editing ? t('common.saved') : t('common.created'));
      await queryClient.invalidateQueries({ queryKey: ['users'] });
      onClose();
    },
  });

  return (
    <Drawer
      title={editing ? t('users.editTitle', { name: editing.displayName }) : t('users.create')}
      open={target !== null}
      onClose={onClose}
      size={560}
      forceRender
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={save.isPending}
            onClick={() => form.submit()}
            data-testid="user-form-submit"
          >
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        {!editing && (
          <>
            <Form.Item
              name="username"
              label={t('users.username')}
              rules={[
                { required: true, whitespace: true, message: t('users.usernameRequired') },
                { pattern: /^[A-Za-z0-9._-]{2,64}$/, message: t('users.usernamePattern') },
              ]}
            >
              <Input autoComplete="off" data-testid="user-username" />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('users.initialPassword')}
              rules={[
                { required: true, message: t('users.passwordRequired') },
                {
                  min: MIN_PASSWORD_LENGTH,
                  message: t('password.minLength', { count: MIN_PASSWORD_LENGTH }),
                },
              ]}
            >
              <Input.Password autoComplete="new-password" data-testid="user-password" />
            </Form.Item>
          </>
        )}
        <Form.Item
          name="displayName"
          label={t('users.displayName')}
          rules={[{ required: true, whitespace: true, message: t('users.displayNameRequired') }]}
        >
          <Input data-testid="user-display-name" maxLength={100} />
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
        <MembershipsField />
      </Form>
    </Drawer>
  );
}
