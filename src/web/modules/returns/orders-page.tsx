import { useState } from 'react';
import { Button, Card, Input, Space, Tag } from 'antd';
import { FileAddOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCan } from '../../auth/use-me';
import { ListExportButton } from '../../components/list-export-button';
import { CellText, ListTable } from '../../components/list-table';
import { UnitTreeSelect } from '../../components/unit-tree-select';
import { usePagedList } from '../../hooks/use-paged-list';
import { formatTime } from '../../lib/format';
import { formatYuan } from '../workorders/money';
import type { Order } from './returns-api';

export const ORDERS_KEY = 'orders';
const ORDERS = '/api/v1/orders';

/** 订单查询: the orders the caller may see, newest first, searched and filtered by store, exported. */
export function OrdersPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [q, setQ] = useState('');
  const [unitId, setUnitId] = useState<string | undefined>();
  const filters = { q: q.trim() || undefined, unitId };
  const { query, items, pagination } = usePagedList<Order>(ORDERS_KEY, ORDERS, filters);
  return (
    <Card
      title={t('returns.orderList.title')}
      extra={
        <Space wrap>
          <ListExportButton
            path={`${ORDERS}/export.xlsx`}
            filters={filters}
            filename={t('returns.orderList.title')}
          />
          {can(['orders.manage', 'orders.import']) && (
            <Link to="/returns/orders">
              <Button icon={<FileAddOutlined />}>{t('returns.nav.orders')}</Button>
            </Link>
          )}
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t('returns.orderList.search')}
          onSearch={(v) => setQ(v)}
          style={{ width: 280 }}
          data-testid="orders-search"
        />
        <UnitTreeSelect
          allowClear
          placeholder={t('returns.orders.unit')}
          value={unitId}
          onChange={(v) => setUnitId(v ?? undefined)}
          style={{ width: 200 }}
        />
      </Space>
      <ListTable<Order>
        rowKey="id"
        size="small"
        loading={query.isFetching}
        dataSource={items}
        pagination={pagination}
        columns={[
          {
            title: t('returns.print.orderNo'),
            key: 'orderNo',
            width: 190,
            render: (_, o) => (
              <CellText text={o.orderNo}>
                <Link to={`/orders/${o.id}`} data-testid="order-link">
                  {o.orderNo}
                </Link>
              </CellText>
            ),
          },
          { title: t('returns.orders.unit'), dataIndex: 'unitName', width: 130 },
          { title: t('returns.orders.customerName'), dataIndex: 'customerName', width: 100 },
          { title: t('returns.orders.customerPhone'), dataIndex: 'customerPhone', width: 130 },
          {
            title: t('returns.orders.channel'),
            key: 'channel',
            width: 80,
            render: (_, o) => <Tag>{t(`returns.orders.channels.${o.channel}`)}</Tag>,
          },
          {
            title: t('returns.orders.lines'),
            key: 'lines',
            render: (_, o) => <CellText text={o.lines.map((l) => `${l.product}×${l.quantity}`).join('；')} />,
          },
          {
            title: t('returns.orders.paid'),
            key: 'paid',
            width: 110,
            render: (_, o) => formatYuan(o.paidFen),
          },
          {
            title: t('returns.orders.orderedAt'),
            key: 'orderedAt',
            width: 150,
            render: (_, o) => formatTime(o.orderedAt),
          },
        ]}
      />
    </Card>
  );
}
