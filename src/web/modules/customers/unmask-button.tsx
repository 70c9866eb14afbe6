import { useState } from 'react';
import { Button, Form, Input, Modal, Typography } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { post } from '../../api/client';
import { useCan } from '../../auth/use-me';
import { PERM } from '../../auth/permissions';
import { customerPath } from './customer-types';
import type { UnmaskedNumbers } from './customer-types';

/**
 * 查看完整号码 (CUS-3, CUS-4): asks why, then fetches the full numbers; the server writes the reason
 * into the audit log. Shown only to holders of customers.phone.unmask.
 */
export function UnmaskButton({
  customerId,
  onUnmasked,
}: {
  customerId: string;
  onUnmasked: (numbers: UnmaskedNumbers) => void;
}) {
  const { t } = useTranslation();
  const canUnmask = useCan()(PERM.customersPhoneUnmask);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const unmask = useMutation({
    mutationFn: (reason: string) => post<UnmaskedNumbers>(`${customerPath(customerId)}/unmask`, { reason }),
    onSuccess: (numbers) => {
      onUnmasked(numbers);
      setOpen(false);
      form.resetFields();
    },
  });
  if (!canUnmask) return null;
  return (
    <>
      <Button size="small" icon={<EyeOutlined />} onClick={() => setOpen(true)} data-testid="unmask-button">
        {t('customers.unmask')}
      </Button>
      <Modal
        title={t('customers.unmask')}
        open={open}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText={t('customers.unmaskConfirm')}
        confirmLoading={unmask.isPending}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('customers.unmaskHint')}</Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={(v) => unmask.mutate(v.reason.trim())}>
          <Form.Item
            name="reason"
            label={t('customers.unmaskReason')}
            rules={[{ required: true, whitespace: true, message: t('customers.unmaskReasonRequired') }]}
          >
            <Input
              autoFocus
              maxLength={200}
              placeholder={t('customers.unmaskReasonPlaceholder')}
              data-testid="unmask-reason"
            />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
