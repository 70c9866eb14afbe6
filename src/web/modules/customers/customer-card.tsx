import type { ReactNode } from 'react';
import { Card, Descriptions, Empty, List, Space, Spin, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../../api/client';
import { formatTime } from '../../lib/format';
import { AssetList } from './asset-list';
import { CUSTOMERS_KEY, customerPath } from './customer-types';
import type { CardTicket, CustomerCardData } from './customer-types';
import { PhoneList } from './phone-list';
import { SpecialAttentionNote, SpecialAttentionTag } from './special-attention';

const ticketLabel = (ticket: CardTicket) =>
  [ticket.number, ticket.subject ?? ticket.title].filter(Boolean).join(' ') || ticket.id;

/**
 * The customer card (IN-3): name, numbers (masked), the special-attention note in red (CUS-6),
 * assets, open tickets and the last five contacts. Used by the caller pop-up and the agent desk.
 */
export function CustomerCard({
  card,
  extra,
  renderTicket,
}: {
  card: CustomerCardData;
  /** Actions in the card's header (open the record, start a ticket, …). */
  extra?: ReactNode;
  /** How an open ticket is shown (a link to its page); defaults to its number and subject. */
  renderTicket?: (ticket: CardTicket) => ReactNode;
}) {
  const { t } = useTranslation();
  const masked = card.phones.some((p) => p.number.includes('*'));
  const openTickets = Array.isArray(card.openTickets) ? card.openTickets : [];
  return (
    <Card
      size="small"
      data-testid="customer-card"
      title={
        <Space size={6} wrap>
          <Typography.Text strong style={{ fontSize: 16 }} data-testid="customer-card-name">
            {card.name}
          </Typography.Text>
          <SpecialAttentionTag attention={card.specialAttention} />
          {card.draft && <Tag color="orange">{t('customers.draftTag')}</Tag>}
        </Space>
      }
      extra={extra}
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <SpecialAttentionNote attention={card.specialAttention} />
        <Descriptions size="small" column={1}>
          <Descriptions.Item label={t('customers.phones')}>
            <PhoneList customerId={card.id} phones={card.phones} masked={masked} />
          </Descriptions.Item>
        </Descriptions>
        <div>
          <Typography.Text type="secondary">{t('customers.assets')}</Typography.Text>
          <AssetList assets={card.assets} compact />
        </div>
        <div data-testid="card-open-tickets">
          <Typography.Text type="secondary">{t('customers.openTickets')}</Typography.Text>
          <List
            size="small"
            dataSource={openTickets}
            locale={{ emptyText: t('customers.noOpenTickets') }}
            renderItem={(ticket) => (
              <List.Item>{renderTicket ? renderTicket(ticket) : ticketLabel(ticket)}</List.Item>
            )}
          />
        </div>
        <div data-testid="card-last-contacts">
          <Typography.Text type="secondary">{t('customers.lastContacts')}</Typography.Text>
          <List
            size="small"
            dataSource={card.lastContacts}
            locale={{ emptyText: t('customers.noContacts') }}
            renderItem={(c) => (
              <List.Item>
                <Space orientation="vertical" size={0}>
                  <Space size={6}>
                    <Typography.Text type="secondary">{formatTime(c.occurredAt)}</Typography.Text>
                    <Tag>{t(`tickets.channel.${c.channel}`, { defaultValue: c.channel })}</Tag>
                  </Space>
                  <Typography.Text>{c.summary}</Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        </div>
      </Space>
    </Card>
  );
}

export const cardKey = (customerId: string) => [CUSTOMERS_KEY, 'card', customerId] as const;

/** Loads and shows the card of one customer (for the agent desk and ticket pages). */
export function CustomerCardById({
  customerId,
  extra,
  renderTicket,
  fallback,
}: {
  customerId: string;
  extra?: ReactNode;
  renderTicket?: (ticket: CardTicket) => ReactNode;
  /**
   * What to show when the reader may not open the archive (a department member handling a
   * complaint of the store's customer): the record's summary from the page instead of an error.
   */
  fallback?: ReactNode;
}) {
  const card = useQuery({
    queryKey: cardKey(customerId),
    queryFn: ({ signal }) => get<CustomerCardData>(`${customerPath(customerId)}/card`, undefined, signal),
    retry: false,
    ...(fallback ? { meta: { silent: true } } : {}),
  });
  if (card.data) return <CustomerCard card={card.data} extra={extra} renderTicket={renderTicket} />;
  if (card.isLoading) return <Spin />;
  return fallback ?? <Empty />;
}
