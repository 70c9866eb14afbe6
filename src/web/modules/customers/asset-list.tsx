import { List, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { CustomerAsset } from './customer-types';

const KIND_COLOR = { product: 'blue', vehicle: 'purple', house: 'gold' } as const;

/** A customer's products, vehicles and houses with model, number, warranty and service interval. */
export function AssetList({ assets, compact = false }: { assets: CustomerAsset[]; compact?: boolean }) {
  const { t } = useTranslation();
  const today = dayjs().format('YYYY-MM-DD');
  return (
    <List
      size="small"
      dataSource={assets}
      locale={{ emptyText: t('customers.noAssets') }}
      data-testid="asset-list"
      renderItem={(a) => {
        const expired = a.warrantyEnd !== null && a.warrantyEnd < today;
        const facts = [
          a.model && t('customers.modelValue', { value: a.model }),
          a.number && t('customers.numberValue', { value: a.number }),
          !compact && a.purchaseDate && t('customers.purchasedOn', { date: a.purchaseDate }),
          a.serviceIntervalDays && t('customers.serviceEvery', { count: a.serviceIntervalDays }),
          // CUS-1 real estate: the property-title number, or the day it is due (14 days after the certificate).
          a.titleNumber && t('customers.titleNumberValue', { value: a.titleNumber }),
          !a.titleNumber && a.titleDueOn && t('customers.titleDue', { date: a.titleDueOn }),
        ].filter(Boolean);
        return (
          <List.Item>
            <Space orientation="vertical" size={0} style={{ width: '100%' }}>
              <Space size={4} wrap>
                <Tag color={KIND_COLOR[a.kind]}>{t(`customers.assetKind.${a.kind}`)}</Tag>
                <Typography.Text strong>{a.name}</Typography.Text>
                {a.warrantyEnd && (
                  <Tag color={expired ? 'default' : 'green'}>
                    {expired
                      ? t('customers.warrantyExpired', { date: a.warrantyEnd })
                      : t('customers.warrantyUntil', { date: a.warrantyEnd })}
                  </Tag>
                )}
              </Space>
              {facts.length > 0 && <Typography.Text type="secondary">{facts.join(' · ')}</Typography.Text>}
              {!compact && a.note && <Typography.Text type="secondary">{a.note}</Typography.Text>}
            </Space>
          </List.Item>
        );
      }}
    />
  );
}
