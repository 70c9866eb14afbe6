import { useState } from 'react';
import { Button, Form, Input, Modal, Space, Typography } from 'antd';
import { PhoneOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { post } from '../../api/client';
import { showError } from '../../lib/notify';
import { CARE_API, type FollowsUp } from './care-api';

interface Revealed {
  phones: { id: string; number: string; normalized: string; label: string | null }[];
}

/**
 * 拨打 (CARE-5): the caller asks for the full number with a reason (recorded in the audit trail by
 * the customers module's unmask, CUS-3/CUS-4), then dials it with a tel: link — the softphone or the
 * desk phone that handles tel: places the call.
 */
export function CareDial({
  taskId,
  maskedPhones,
  canWork,
}: {
  taskId: string;
  maskedPhones: string[];
  canWork: boolean;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [revealed, setRevealed] = useState<Revealed | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const reveal = useMutation({
    mutationFn: (reason: string) => post<Revealed>(`${CARE_API}/tasks/${taskId}/reveal-number`, { reason }),
    onSuccess: (r) => {
      setRevealed(r);
      setOpen(false);
    },
    onError: showError,
  });
  if (revealed)
    return (
      <Space wrap data-testid="care-dial">
        {revealed.phones.map((p) => (
          <Button
            key={p.id}
            type="primary"
            icon={<PhoneOutlined />}
            href={`tel:${p.normalized}`}
            data-testid="care-dial-link"
          >
            {t('care.detail.dial')} {p.number}
          </Button>
        ))}
      </Space>
    );
  return (
    <Space wrap>
      <Typography.Text>{maskedPhones.join('，') || '—'}</Typography.Text>
      {canWork && maskedPhones.length > 0 && (
        <Button size="small" icon={<PhoneOutlined />} onClick={() => setOpen(true)} data-testid="care-reveal">
          {t('care.detail.reveal')}
        </Button>
      )}
      <Modal
        title={t('care.detail.reveal')}
        open={open}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText={t('care.detail.dial')}
        confirmLoading={reveal.isPending}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('care.detail.revealHint')}</Typography.Paragraph>
        <Form
          form={form}
          layout="vertical"
          initialValues={{ reason: t('care.detail.revealReasonDefault') }}
          onFinish={(v) => reveal.mutate(v.reason.trim())}
        >
          <Form.Item
            name="reason"
            label={t('care.detail.revealReason')}
            rules={[{ required: true, whitespace: true, message: t('care.detail.revealRequired') }]}
          >
            <Input autoFocus maxLength={200} data-testid="care-reveal-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}

/** Which ticket or work order the follow-up is about, linked to it. */
export function FollowsUpLink({ followsUp }: { followsUp: FollowsUp }) {
  const { t } = useTranslation();
  return followsUp.kind === 'ticket' ? (
    <Link to={`/tickets/${followsUp.id}`} data-testid="care-follows-up">
      {t('care.detail.followsUpTicket', { number: followsUp.number })}
    </Link>
  ) : (
    <Link to={`/workorders/${followsUp.id}`} data-testid="care-follows-up">
      {t('care.detail.followsUpWorkOrder', { number: followsUp.number })}
    </Link>
  );
}
