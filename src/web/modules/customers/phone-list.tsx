import { useState } from 'react';
import { Space, Tag, Typography } from 'antd';
import { PhoneOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { CustomerPhone, UnmaskedNumbers } from './customer-types';
import { UnmaskButton } from './unmask-button';

/** A customer's numbers, masked for most roles (CUS-4), with the audited 查看完整号码 button. */
export function PhoneList({
  customerId,
  phones,
  masked,
}: {
  customerId: string;
  phones: CustomerPhone[];
  masked: boolean;
}) {
  const { t } = useTranslation();
  const [full, setFull] = useState<UnmaskedNumbers | null>(null);
  const shown = (p: CustomerPhone) => full?.phones.find((f) => f.id === p.id)?.number ?? p.number;
  if (phones.length === 0)
    return <Typography.Text type="secondary">{t('customers.noPhones')}</Typography.Text>;
  return (
    <Space orientation="vertical" size={4} data-testid="phone-list">
      {phones.map((p) => (
        <Space key={p.id} size={6}>
          <PhoneOutlined />
          <Typography.Text copyable={!masked || full !== null} style={{ fontFamily: 'monospace' }}>
            {shown(p)}
          </Typography.Text>
          {p.label && <Typography.Text type="secondary">{p.label}</Typography.Text>}
          {p.isPrimary && phones.length > 1 && <Tag color="blue">{t('customers.primary')}</Tag>}
        </Space>
      ))}
      {masked && !full && <UnmaskButton customerId={customerId} onUnmasked={setFull} />}
    </Space>
  );
}
