import { Descriptions, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../auth/use-me';
import { formatTime } from '../../lib/format';
import { MarketingOptOutSwitch } from '../messages/marketing-opt-out';
import { CustomerChanges } from './customer-changes';
import { CustomerOverviewTabs } from './customer-overview';
import type { Customer } from './customer-types';
import { PersonalDataActions } from './personal-data-actions';
import { PhoneList } from './phone-list';
import { SpecialAttentionNote, SpecialAttentionTag } from './special-attention';

/** The whole customer record, read-only (the drawer's view mode). */
export function CustomerDetails({ customer: c }: { customer: Customer }) {
  const { t } = useTranslation();
  const can = useCan();
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="customer-details">
      <Space size={6} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {c.name}
        </Typography.Title>
        <SpecialAttentionTag attention={c.specialAttention} />
        {c.draft && <Tag color="orange">{t('customers.draftTag')}</Tag>}
      </Space>
      <SpecialAttentionNote attention={c.specialAttention} />
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t('customers.phones')}>
          <PhoneList customerId={c.id} phones={c.phones} masked={c.masked} />
        </Descriptions.Item>
        <Descriptions.Item label={t('customers.addresses')}>
          {c.addresses.length === 0 ? (
            <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
          ) : (
            <List
              size="small"
              split={false}
              dataSource={c.addresses}
              renderItem={(a) => (
                <List.Item style={{ padding: '2px 0' }}>
                  <Space size={6}>
                    {a.label && <Tag>{a.label}</Tag>}
                    {a.address}
                  </Space>
                </List.Item>
              )}
            />
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('customers.source')}>{c.source ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('customers.birthday')}>{c.birthday ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('customers.identityNumber')}>{c.identityNumber ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('customers.note')}>{c.note ?? '—'}</Descriptions.Item>
        {/* CARE-4: the customer's own word on marketing contact; service messages go regardless. */}
        <Descriptions.Item label={t('customers.marketingContact')}>
          <MarketingOptOutSwitch customerId={c.id} editable={can('customers.manage')} />
        </Descriptions.Item>
        <Descriptions.Item label={t('customers.updatedAt')}>{formatTime(c.updatedAt)}</Descriptions.Item>
      </Descriptions>
      <CustomerOverviewTabs customerId={c.id} assets={c.assets} />
      <CustomerChanges customer={c} />
      <PersonalDataActions customerId={c.id} customerName={c.name} />
    </Space>
  );
}
