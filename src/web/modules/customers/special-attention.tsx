import { Alert, Tag } from 'antd';
import { WarningFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { SpecialAttention } from './customer-types';

/** The red tag shown next to a special-attention customer's name wherever it appears (CUS-6). */
export function SpecialAttentionTag({ attention }: { attention: SpecialAttention | null }) {
  const { t } = useTranslation();
  if (!attention) return null;
  return (
    <Tag color="red" icon={<WarningFilled />} title={attention.reason} data-testid="special-attention-tag">
      {t('customers.attentionTag')}
    </Tag>
  );
}

/** The reason and note of a special-attention customer, in red, at the top of every card (CUS-6). */
export function SpecialAttentionNote({ attention }: { attention: SpecialAttention | null }) {
  const { t } = useTranslation();
  if (!attention) return null;
  return (
    <Alert
      type="error"
      showIcon
      icon={<WarningFilled />}
      data-testid="special-attention-note"
      title={t('customers.attentionBanner', { reason: attention.reason })}
      description={attention.note ?? undefined}
    />
  );
}
