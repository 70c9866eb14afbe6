import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Badge, Button, Card, Col, Empty, Row, Segmented, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ListExportButton } from '../../components/list-export-button';
import { usePagedList } from '../../hooks/use-paged-list';
import { formatTime } from '../../lib/format';
import { CARE_API, CARE_KEY, type WorklistItem } from './care-api';
import { CareTaskPanel } from './care-task-panel';

type Filter = 'today' | 'all' | 'mine';

const columns = (t: TFunction): TableColumnsType<WorklistItem> => [
  {
    title: t('care.worklist.due'),
    key: 'due',
    width: 120,
    render: (_, r) => (
      <Space orientation="vertical" size={0}>
        <Typography.Text>{formatTime(r.task.dueAt)}</Typography.Text>
        {r.task.attempts > 0 && (
          <Typography.Text type="secondary">
            {t('care.worklist.attempts', { count: r.task.attempts })}
          </Typography.Text>
        )}
      </Space>
    ),
  },
  {
    title: t('care.worklist.customer'),
    key: 'customer',
    render: (_, r) => (
      <Space orientation="vertical" size={0}>
        <Space size={4}>
          <Typography.Text strong>{r.customer?.name ?? '—'}</Typography.Text>
          {r.customer?.specialAttention && <Badge status="error" />}
        </Space>
        <Typography.Text type="secondary">{r.task.ruleName}</Typography.Text>
        {r.mergedReasons.length > 0 && (
          <Tag color="gold">{t('care.worklist.mergedWith', { reasons: r.mergedReasons.join('、') })}</Tag>
        )}
        {r.task.claimedBy && !r.task.claimedByMe && <Tag>{t('care.worklist.claimedByOther')}</Tag>}
        {r.task.claimedByMe && <Tag color="processing">{t('care.worklist.mine')}</Tag>}
      </Space>
    ),
  },
];

/** 回访工作台 (CARE-5): due follow-ups on the left, the selected task worked on the right; keyboard first. */
export function CareWorklistPage() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<Filter>('today');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  // The dashboard's follow-ups tile (RPT-1) opens the worklist of its unit.
  const [params] = useSearchParams();
  const filters = {
    unitId: params.get('unitId') ?? undefined,
    due: filter === 'today' ? 'today' : 'all',
    mine: filter === 'mine' ? true : undefined,
  };
  const { query, items, pagination } = usePagedList<WorklistItem>(CARE_KEY, `${CARE_API}/tasks`, filters);
  const selected = items.find((i) => i.task.id === selectedId) ?? null;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (target && ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) return;
      if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
      e.preventDefault();
      const index = items.findIndex((i) => i.task.id === selectedId);
      const next = e.key === 'ArrowDown' ? Math.min(items.length - 1, index + 1) : Math.max(0, index - 1);
      const item = items[next];
      if (item) setSelectedId(item.task.id);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [items, selectedId]);

  return (
    <Row gutter={16}>
      <Col xs={24} lg={9}>
        <Card
          title={t('care.worklist.title')}
          extra={
            <Space>
              <ListExportButton
                path={`${CARE_API}/tasks/export.xlsx`}
                filters={filters}
                filename={t('care.worklist.title')}
              />
              <Button
                icon={<ReloadOutlined />}
                onClick={() => void query.refetch()}
                aria-label={t('common.refresh')}
              />
            </Space>
          }
        >
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Segmented<Filter>
              value={filter}
              onChange={setFilter}
              options={[
                { value: 'today', label: t('care.worklist.dueToday') },
                { value: 'all', label: t('care.worklist.dueAll') },
                { value: 'mine', label: t('care.worklist.mine') },
              ]}
            />
            <Typography.Text type="secondary">{t('care.worklist.keyboardHint')}</Typography.Text>
            <Table<WorklistItem>
              rowKey={(r) => r.task.id}
              size="small"
              loading={query.isFetching}
              dataSource={items}
              columns={columns(t)}
              pagination={pagination}
              locale={{ emptyText: <Empty description={t('care.worklist.empty')} /> }}
              onRow={(r) => ({
                onClick: () => setSelectedId(r.task.id),
                style: { cursor: 'pointer' },
                'data-testid': 'care-task-row',
              })}
              rowClassName={(r) => (r.task.id === selectedId ? 'ant-table-row-selected' : '')}
              data-testid="care-worklist"
            />
          </Space>
        </Card>
      </Col>
      <Col xs={24} lg={15}>
        {selected ? (
          <CareTaskPanel key={selected.task.id} taskId={selected.task.id} />
        ) : (
          <Card>
            <Empty description={t('care.worklist.pick')} />
          </Card>
        )}
      </Col>
    </Row>
  );
}
