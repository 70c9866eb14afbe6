import { Button, Flex, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { z } from 'zod';
import type { returnListResponse } from '../../../shared/returns';
import { get } from '../../api/client';
import { formatTime } from '../../lib/format';
import { formatYuan } from '../workorders/money';
import { outcomeColour, RETURNS_KEY } from './returns-api';
import { ListTable } from '../../components/list-table';

type ReturnList = z.infer<typeof returnListResponse>;

/** 退换货受理: the requests taken at the counter, newest first, and the way into a new one. */
export function ReturnsPage() {
  const { t } = useTranslation();
  const list = useQuery({
    queryKey: [RETURNS_KEY, 'list'],
    queryFn: ({ signal }) => get<ReturnList>('/api/v1/returns', { pageSize: 50 }, signal),
  });
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('returns.title')}
        </Typography.Title>
        <Link to="/returns/new">
          <Button type="primary" icon={<PlusOutlined />} data-testid="new-return">
            {t('returns.newRequest')}
          </Button>
        </Link>
      </Flex>
      <ListTable
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        columns={[
          {
            title: t('returns.print.orderNo'),
            render: (_, r) => <Link to={`/returns/${r.id}`}>{r.orderNo}</Link>,
          },
          { title: t('returns.print.product'), dataIndex: 'product' },
          { title: t('returns.print.customer'), dataIndex: 'customerName' },
          { title: t('returns.kindColumn'), render: (_, r) => t(`returns.kind.${r.kind}`) },
          {
            title: t('returns.detail.decision'),
            render: (_, r) => <Tag color={outcomeColour(r.decision.outcome)}>{r.decision.rule}</Tag>,
          },
          { title: t('returns.detail.refund'), render: (_, r) => formatYuan(r.refundFen) },
          { title: t('returns.print.date'), render: (_, r) => formatTime(r.requestedAt) },
          { title: '', render: (_, r) => <Tag>{t(`returns.state.${r.state}`)}</Tag> },
        ]}
      />
    </Flex>
  );
}
