import { Form, Input, Modal, Spin, Typography } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, get } from '../../api/client';
import type { User } from '../../api/types';
import { notifySuccess } from '../../lib/notify';

interface StaffIds {
  userId: string;
  wecomUserId: string | null;
  dingtalkUserId: string | null;
  dingtalkUnionId: string | null;
}
type Values = { wecomUserId?: string; dingtalkUserId?: string; dingtalkUnionId?: string };

const ID_PATTERN = /^[A-Za-z0-9_.@-]*$/;

/** The person's WeCom / DingTalk userid, where their notices (SLA, approvals) also go. */
export function StaffIdsModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const path = user ? `/api/v1/channels/staff-ids/${user.id}` : '';
  const current = useQuery({
    queryKey: ['staff-ids', user?.id],
    queryFn: ({ signal }) => get<StaffIds>(path, undefined, signal),
    enabled: user !== null,
  });
  const save = useMutation({
    mutationFn: (v: Values) =>
      api<StaffIds>(path, {
        method: 'PUT',
        body: {
          wecomUserId: v.wecomUserId?.trim() || null,
          dingtalkUserId: v.dingtalkUserId?.trim() || null,
          dingtalkUnionId: v.dingtalkUnionId?.trim() || null,
        },
      }),
    onSuccess: () => {
      notifySuccess(t('users.staffIds.saved'));
      onClose();
    },
  });
  const rules = [{ pattern: ID_PATTERN, message: t('users.staffIds.pattern') }];
  return (
    <Modal
      title={user ? t('users.staffIds.title', { name: user.displayName }) : ''}
      open={user !== null}
      onOk={() => form.submit()}
      onCancel={onClose}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('users.staffIds.hint')}</Typography.Paragraph>
      {current.isLoading ? (
        <Spin />
      ) : (
        <Form
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={{
            wecomUserId: current.data?.wecomUserId ?? '',
            dingtalkUserId: current.data?.dingtalkUserId ?? '',
            dingtalkUnionId: current.data?.dingtalkUnionId ?? '',
          }}
          onFinish={(v) => save.mutate(v)}
        >
          <Form.Item name="wecomUserId" label={t('users.staffIds.wecom')} rules={rules}>
            <Input maxLength={64} data-testid="staff-ids-wecom" />
          </Form.Item>
          <Form.Item name="dingtalkUserId" label={t('users.staffIds.dingtalk')} rules={rules}>
            <Input maxLength={64} data-testid="staff-ids-dingtalk" />
          </Form.Item>
          <Form.Item
            name="dingtalkUnionId"
            label={t('users.staffIds.dingtalkUnion')}
            extra={t('users.staffIds.dingtalkUnionHelp')}
            rules={rules}
          >
            <Input maxLength={64} data-testid="staff-ids-dingtalk-union" />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
