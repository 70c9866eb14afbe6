import { useEffect } from 'react';
import { Form, Input, Modal, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, get } from '../../api/client';
import { useCurrentMe } from '../../auth/use-me';
import { notifySuccess } from '../../lib/notify';
import { TELEPHONY } from './call-types';

interface Extension {
  userId: string;
  extension: string | null;
}

/** 我的分机: the desk extension the telephony integration rings this person on (IN-3). */
export function MyExtensionModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useCurrentMe();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ extension?: string }>();
  const key = ['telephony', 'extension', me.id];
  const current = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => get<Extension>(`${TELEPHONY}/extensions/${me.id}`, undefined, signal),
    enabled: open,
  });
  useEffect(() => {
    if (open && current.data) form.setFieldsValue({ extension: current.data.extension ?? '' });
  }, [open, current.data, form]);
  const save = useMutation({
    mutationFn: (extension: string | null) =>
      api<Extension>(`${TELEPHONY}/extensions/${me.id}`, { method: 'PUT', body: { extension } }),
    onSuccess: (saved) => {
      queryClient.setQueryData(key, saved);
      notifySuccess(
        saved.extension
          ? t('telephony.extensionSaved', { extension: saved.extension })
          : t('telephony.extensionCleared'),
      );
      onClose();
    },
  });
  return (
    <Modal
      title={t('telephony.myExtension')}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      destroyOnHidden
      width={380}
    >
      <Typography.Paragraph type="secondary">{t('telephony.extensionHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v.extension?.trim() || null)}>
        <Form.Item
          name="extension"
          label={t('telephony.extension')}
          rules={[{ pattern: /^[0-9*#]{1,20}$/, message: t('telephony.extensionPattern') }]}
        >
          <Input autoFocus maxLength={20} placeholder="8001" data-testid="my-extension" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
