import { Button, Card, Descriptions, Flex, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { z } from 'zod';
import type { returnListResponse } from '../../../shared/returns';
import { get } from '../../api/client';
import { useCan } from '../../auth/use-me';
import { formatTime } from '../../lib/format';
import { formatYuan } from '../workorders/money';
import { ORDERS_KEY } from './orders-page';
import { outcomeColour, RETURNS_KEY, type Order } from './returns-api';

type ReturnList = z.infer<typeof returnListResponse>;

/** One order: its facts, its lines with their flags, and the requests taken on it. */
export function OrderDetailPage() {
  const { t } = useTranslation();
  const can = useCan();
  const { id = '' } = useParams();
  const order = useQuery({
    queryKey: [ORDERS_KEY, id],
    queryFn: ({ signal }) => get<Order>(`/api/v1/orders/${id}`, undefined, signal),
  });
  const requests = useQuery({
    queryKey: [RETURNS_KEY, 'of-order', id],
    queryFn: ({ signal }) => get<ReturnList>('/api/v1/returns', { orderId: id, pageSize: 100 }, signal),
    enabled: can('returns.read'),
  });
  const o = order.data;
  const flags = (l: Order['lines'][number]) =>
    [
      l.custom && t('returns.orders.flag.custom'),
      l.clearance && t('returns.orders.flag.clearance'),
      l.specialOffer && t('returns.orders.flag.specialOffer'),
    ].filter(Boolean) as string[];
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="order-title">
          {t('returns.orderList.order')} {o?.orderNo ?? ''}
        </Typography.Title>
        <Flex gap={8} wrap>
          <Link to="/orders">
            <Button>{t('returns.orderList.back')}</Button>
          </Link>
          {can('returns.request') && (
            <Link to="/returns/new">
              <Button type="primary" icon={<PlusOutlined />}>
                {t('returns.newRequest')}
              </Button>
            </Link>
          )}
        </Flex>
      </Flex>
      <Card size="small" loading={order.isLoading}>
        {o && (
          <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
            <Descriptions.Item label={t('returns.orders.unit')}>{o.unitName}</Descriptions.Item>
            <Descriptions.Item label={t('returns.orders.customerName')}>
              {o.customerName ?? '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('returns.orders.customerPhone')}>
              {o.customerPhone ?? '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('returns.orders.channel')}>
              {t(`returns.orders.channels.${o.channel}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t('returns.orders.fulfilment')}>
              {t(`returns.orders.fulfilments.${o.fulfilment}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t('returns.orderList.source')}>
              {t(`returns.orderList.sources.${o.source}`)}
              {o.externalRef ? `（${o.externalRef}）` : ''}
            </Descriptions.Item>
            <Descriptions.Item label={t('returns.orders.orderedAt')}>
              {formatTime(o.orderedAt)}
            </Descriptions.Item>
            <Descriptions.Item label={t('returns.orders.paidAt')}>
              {formatTime(o.paidAt) || '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('returns.orders.deliveredAt')}>
              {formatTime(o.deliveredAt) || '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('returns.orders.pickedUpAt')}>
              {formatTime(o.pickedUpAt) || '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('returns.orders.price')}>{formatYuan(o.totalFen)}</Descriptions.Item>
            <Descriptions.Item label={t('returns.orders.paid')}>{formatYuan(o.paidFen)}</Descriptions.Item>
          </Descriptions>
        )}
      </Card>
      <Card size="small" title={t('returns.orders.lines')}>
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          scroll={{ x: 640 }}
          dataSource={o?.lines ?? []}
          data-testid="order-lines"
          columns={[
            { title: '#', dataIndex: 'lineNo', width: 48 },
            { title: t('returns.orders.product'), dataIndex: 'product' },
            { title: t('returns.orders.model'), dataIndex: 'model', render: (v: string | null) => v ?? '—' },
            { title: t('returns.orders.quantity'), dataIndex: 'quantity', width: 70 },
            { title: t('returns.orders.price'), key: 'price', render: (_, l) => formatYuan(l.priceFen) },
            { title: t('returns.orders.paid'), key: 'paid', render: (_, l) => formatYuan(l.paidFen) },
            {
              title: t('returns.orders.flags'),
              key: 'flags',
              render: (_, l) => flags(l).map((f) => <Tag key={f}>{f}</Tag>),
            },
            {
              title: t('returns.orders.packaging'),
              key: 'packaging',
              render: (_, l) => t(`returns.orders.packagings.${l.packaging}`),
            },
          ]}
        />
      </Card>
      {can('returns.read') && (
        <Card size="small" title={t('returns.orderList.requests')}>
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            scroll={{ x: 640 }}
            loading={requests.isLoading}
            dataSource={requests.data?.items ?? []}
            data-testid="order-requests"
            locale={{ emptyText: t('returns.orderList.noRequests') }}
            columns={[
              {
                title: t('returns.kindColumn'),
                key: 'kind',
                render: (_, r) => <Link to={`/returns/${r.id}`}>{t(`returns.kind.${r.kind}`)}</Link>,
              },
              { title: t('returns.print.product'), dataIndex: 'product' },
              {
                title: t('returns.detail.decision'),
                key: 'rule',
                render: (_, r) => <Tag color={outcomeColour(r.decision.outcome)}>{r.decision.rule}</Tag>,
              },
              { title: t('returns.detail.refund'), key: 'refund', render: (_, r) => formatYuan(r.refundFen) },
              { title: t('returns.print.date'), key: 'at', render: (_, r) => formatTime(r.requestedAt) },
              { title: '', key: 'state', render: (_, r) => <Tag>{t(`returns.state.${r.state}`)}</Tag> },
            ]}
          />
        </Card>
      )}
    </Flex>
  );
}
