import { useState } from 'react';
import { Input, Modal, Space, Switch, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, get } from '../../api/client';
import { formatTime } from '../../lib/format';
import { notifySuccess } from '../../lib/notify';

interface OptOut {
  customerId: string;
  optedOut: boolean;
  reason: string | null;
  recordedAt: string | null;
}

/**
 * CARE-4: whether one customer receives marketing, for the customer card ("营销信息：接收" or
 * "营销信息：客户已拒收"; issue 16: no double negative). Service messages go either way; turning the
 * switch off records what the customer asked for, with the reason, in the audit trail.
 */
export function MarketingOptOutSwitch({ customerId, editable }: { customerId: string; editable: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const key = ['marketing-opt-out', customerId];
  const state = useQuery({
    queryKey: key,
    queryFn: () => get<OptOut>(`/api/v1/customers/${customerId}/marketing-opt-out`),
  });
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const save = useMutation({
    mutationFn: (body: { optedOut: boolean; reason?: string }) =>
      api<OptOut>(`/api/v1/customers/${customerId}/marketing-opt-out`, { method: 'PUT', body }),
    onSuccess: async (r) => {
      notifySuccess(r.optedOut ? t('messages.optOut.on') : t('messages.optOut.off'));
      setAsking(false);
      setReason('');
      await queryClient.invalidateQueries({ queryKey: key });
    },
  });
  const v = state.data;
  if (!v) return null;
  return (
    <Space data-testid="marketing-opt-out">
      <Switch
        size="small"
        checked={!v.optedOut}
        disabled={!editable}
        loading={save.isPending}
        aria-label={t('messages.optOut.switch')}
        onChange={(receives) => (receives ? save.mutate({ optedOut: false }) : setAsking(true))}
      />
      <Typography.Text data-testid="marketing-state">
        {v.optedOut ? t('messages.optOut.refused') : t('messages.optOut.receives')}
      </Typography.Text>
      {v.optedOut && (
        <Typography.Text type="secondary">
          {formatTime(v.recordedAt)}
          {v.reason ? ` · ${v.reason}` : ''}
        </Typography.Text>
      )}
      <Modal
        open={asking}
        title={t('messages.optOut.confirm')}
        onCancel={() => setAsking(false)}
        onOk={() => save.mutate({ optedOut: true, ...(reason.trim() ? { reason: reason.trim() } : {}) })}
        okButtonProps={{ loading: save.isPending }}
      >
        <Typography.Paragraph type="secondary">{t('messages.optOut.explain')}</Typography.Paragraph>
        <Input
          maxLength={200}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder={t('messages.optOut.reason')}
        />
      </Modal>
    </Space>
  );
}
