import { Badge, Descriptions, List, Space, Tabs, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../../api/client';
import { formatTime, localName } from '../../lib/format';
import { CARE_TASK_STATE_LABELS } from '../../../shared/care';
import type { Label } from '../../../shared/common';
import type { CustomerOverview, OverviewSectionOut } from '../../../shared/customers';
import { MEMBER_LEVEL_LABELS } from '../../../shared/members';
import { TICKET_STATE_LABELS } from '../../../shared/tickets';
import { WORK_ORDER_STATE_LABELS } from '../../../shared/workorders';
import { AssetList } from './asset-list';
import { CUSTOMERS_KEY, customerPath, type CustomerAsset } from './customer-types';

type SectionName = keyof CustomerOverview['sections'];
const SECTIONS: SectionName[] = [
  'orders',
  'assets',
  'tickets',
  'workOrders',
  'contacts',
  'followUps',
  'surveys',
  'membership',
];

// States the sections name that have no label list of their own module.
const OWN_LABELS: Record<string, Label> = {
  ordered: { zh: '已下单', en: 'Ordered' },
  paid: { zh: '已付款', en: 'Paid' },
  delivered: { zh: '已送达/已提货', en: 'Delivered' },
  sent: { zh: '已发送', en: 'Sent' },
  answered: { zh: '已回答', en: 'Answered' },
  earn: { zh: '获得', en: 'Earned' },
  redeem: { zh: '兑换', en: 'Redeemed' },
  expire: { zh: '过期', en: 'Expired' },
  adjust: { zh: '调整', en: 'Adjusted' },
  inbound: { zh: '来访/来电', en: 'Inbound' },
  outbound: { zh: '去电/回访', en: 'Outbound' },
};

function stateLabel(section: SectionName, state: string | null): string | null {
  if (!state) return null;
  const from = (labels: Record<string, Label>, key: string) => {
    const l = labels[key];
    return l ? localName(l.zh, l.en) : key;
  };
  switch (section) {
    case 'tickets':
      return from(TICKET_STATE_LABELS, state);
    case 'workOrders':
      return from(WORK_ORDER_STATE_LABELS, state);
    case 'followUps':
      return from(CARE_TASK_STATE_LABELS, state);
    case 'contacts':
      return from(OWN_LABELS, state.split(':')[1] ?? state);
    default:
      return from(OWN_LABELS, state);
  }
}

/**
 * CUS-1: the customer's 360° view — one tab per kind of record with its count. The server reads
 * each section from its own module within the viewer's units, and masks numbers (CUS-4).
 */
export function CustomerOverviewTabs({
  customerId,
  assets,
}: {
  customerId: string;
  assets: CustomerAsset[];
}) {
  const { t } = useTranslation();
  const overview = useQuery({
    queryKey: [CUSTOMERS_KEY, 'overview', customerId],
    queryFn: ({ signal }) => get<CustomerOverview>(`${customerPath(customerId)}/overview`, undefined, signal),
  });
  const data = overview.data;
  const list = (name: SectionName, section: OverviewSectionOut) =>
    !section.allowed ? (
      <Typography.Text type="secondary">{t('customers.overview.notAllowed')}</Typography.Text>
    ) : (
      <>
        <List
          size="small"
          dataSource={section.items}
          locale={{ emptyText: t('customers.overview.empty') }}
          data-testid={`overview-${name}`}
          renderItem={(i) => (
            <List.Item>
              <Space orientation="vertical" size={0} style={{ width: '100%' }}>
                <Space size={6} wrap>
                  <Typography.Text strong>{i.title}</Typography.Text>
                  {i.state && <Tag>{stateLabel(name, i.state)}</Tag>}
                  {i.unitName && <Typography.Text type="secondary">{i.unitName}</Typography.Text>}
                  {i.at && <Typography.Text type="secondary">{formatTime(i.at)}</Typography.Text>}
                </Space>
                {i.detail && <Typography.Text type="secondary">{i.detail}</Typography.Text>}
              </Space>
            </List.Item>
          )}
        />
        {section.total > section.items.length && (
          <Typography.Text type="secondary">
            {t('customers.overview.more', { shown: section.items.length, total: section.total })}
          </Typography.Text>
        )}
      </>
    );
  const items = SECTIONS.map((name) => {
    const section = data?.sections[name];
    const count = name === 'assets' ? assets.length : (section?.total ?? 0);
    return {
      key: name,
      label: (
        <Space size={4} data-testid={`overview-tab-${name}`}>
          {t(`customers.overview.${name}`)}
          <Badge count={count} showZero color={count ? 'blue' : 'default'} size="small" />
        </Space>
      ),
      children:
        name === 'assets' ? (
          <AssetList assets={assets} />
        ) : name === 'membership' && data ? (
          <Space orientation="vertical" style={{ width: '100%' }}>
            {data.member ? (
              <Descriptions size="small" column={2} bordered>
                <Descriptions.Item label={t('customers.overview.memberNumber')}>
                  {data.member.memberNumber}
                </Descriptions.Item>
                <Descriptions.Item label={t('customers.overview.memberLevel')}>
                  {(() => {
                    const l = MEMBER_LEVEL_LABELS[data.member.level as keyof typeof MEMBER_LEVEL_LABELS];
                    return l ? localName(l.zh, l.en) : data.member.level;
                  })()}
                </Descriptions.Item>
                <Descriptions.Item label={t('customers.overview.joinedOn')}>
                  {data.member.joinedOn}
                </Descriptions.Item>
                <Descriptions.Item label={t('customers.overview.balance')}>
                  <span data-testid="overview-balance">{data.member.balance}</span>
                </Descriptions.Item>
              </Descriptions>
            ) : (
              <Typography.Text type="secondary">{t('customers.overview.notMember')}</Typography.Text>
            )}
            {data.member && list(name, data.sections.membership)}
          </Space>
        ) : section ? (
          list(name, section)
        ) : null,
    };
  });
  return <Tabs size="small" items={items} data-testid="customer-overview" />;
}
