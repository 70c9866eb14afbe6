import { useState } from 'react';
import { Button, Form, Input, Modal, Space, Tag, Typography } from 'antd';
import { DeleteOutlined, DownloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { get, post } from '../../api/client';
import { useCan } from '../../auth/use-me';
import { PERM } from '../../auth/permissions';
import { downloadFile } from '../../lib/download';
import { notifySuccess } from '../../lib/notify';
import type { erasureListSchema } from '../../../shared/customers';
import { customerPath } from './customer-types';

type ErasureList = z.infer<typeof erasureListSchema>;

type Asking = 'export' | 'erase' | null;

/**
 * PIPL, the customer's own requests: 导出个人信息 (everything held about them, one workbook) and
 * 申请删除个人信息 (an erasure the approval engine decides, kind customer_erasure). Both ask why; the
 * server audits the reason. Shown only to holders of customers.personal_data.
 */
export function PersonalDataActions({
  customerId,
  customerName,
}: {
  customerId: string;
  customerName: string;
}) {
  const { t } = useTranslation();
  const allowed = useCan()(PERM.customersPersonalData);
  const [asking, setAsking] = useState<Asking>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const queryClient = useQueryClient();
  const erasuresKey = ['customer-erasures', customerId];
  const erasures = useQuery({
    queryKey: erasuresKey,
    queryFn: ({ signal }) => get<ErasureList>(`${customerPath(customerId)}/erasures`, undefined, signal),
    enabled: allowed,
  });
  // Newest first is not promised: the latest request decides what the button may do.
  const latest = [...(erasures.data?.items ?? [])].sort((a, b) =>
    b.requestedAt.localeCompare(a.requestedAt),
  )[0];
  const exportData = useMutation({
    mutationFn: (reason: string) =>
      downloadFile(
        `${customerPath(customerId)}/personal-data.xlsx`,
        { reason },
        `${t('customers.pipl.exportFile', { name: customerName })}-${dayjs().format('YYYYMMDD-HHmmss')}.xlsx`,
      ),
    onSuccess: () => notifySuccess(t('customers.pipl.exported')),
  });
  const erase = useMutation({
    mutationFn: (reason: string) => post(`${customerPath(customerId)}/erasures`, { reason }),
    onSuccess: async () => {
      notifySuccess(t('customers.pipl.submitted'));
      await queryClient.invalidateQueries({ queryKey: erasuresKey });
    },
  });
  if (!allowed) return null;
  const close = () => {
    setAsking(null);
    form.resetFields();
  };
  const submit = (reason: string) => {
    const mutation = asking === 'export' ? exportData : erase;
    mutation.mutate(reason, { onSuccess: close });
  };
  return (
    <Space wrap data-testid="personal-data-actions">
      <Typography.Text strong>{t('customers.pipl.title')}</Typography.Text>
      <Button
        icon={<DownloadOutlined />}
        loading={exportData.isPending}
        onClick={() => setAsking('export')}
        data-testid="personal-data-export"
      >
        {t('customers.pipl.export')}
      </Button>
      <Button
        danger
        icon={<DeleteOutlined />}
        loading={erase.isPending}
        disabled={latest?.status === 'pending' || latest?.status === 'erased'}
        onClick={() => setAsking('erase')}
        data-testid="personal-data-erase"
      >
        {t('customers.pipl.erase')}
      </Button>
      {latest?.status === 'pending' && (
        <Tag color="gold" data-testid="erasure-status">
          {t('customers.pipl.erasurePending')}
        </Tag>
      )}
      {latest?.status === 'sent_back' && (
        <Tag data-testid="erasure-status">{t('customers.pipl.erasureSentBack')}</Tag>
      )}
      {latest?.status === 'erased' && (
        <Tag color="red" data-testid="erasure-status">
          {t('customers.pipl.erased')}
        </Tag>
      )}
      <Modal
        title={asking === 'erase' ? t('customers.pipl.eraseTitle') : t('customers.pipl.exportTitle')}
        open={asking !== null}
        onCancel={close}
        onOk={() => form.submit()}
        okText={asking === 'erase' ? t('customers.pipl.eraseConfirm') : t('customers.pipl.exportConfirm')}
        okButtonProps={{ danger: asking === 'erase' }}
        confirmLoading={exportData.isPending || erase.isPending}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">
          {asking === 'erase' ? t('customers.pipl.eraseHint') : t('customers.pipl.exportHint')}
        </Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={(v) => submit(v.reason.trim())}>
          <Form.Item
            name="reason"
            label={t('customers.pipl.reason')}
            rules={[
              { required: true, whitespace: true, message: t('customers.pipl.reasonRequired') },
              { min: 2, message: t('customers.pipl.reasonRequired') },
            ]}
          >
            <Input
              autoFocus
              maxLength={500}
              placeholder={t('customers.pipl.reasonPlaceholder')}
              data-testid="personal-data-reason"
            />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
