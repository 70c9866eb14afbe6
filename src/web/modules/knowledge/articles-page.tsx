import { useState } from 'react';
import { Alert, Button, Flex, Input, Segmented, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { get, post } from '../../api/client';
import { useCan } from '../../auth/use-me';
import { CellText, ListTable } from '../../components/list-table';
import { formatTime } from '../../lib/format';
import { notifySuccess } from '../../lib/notify';
import { ArticleFormModal } from './article-form';
import { KNOWLEDGE_KEY, type ArticleList, type ArticleView } from './knowledge-api';

type Filter = 'all' | 'offered' | 'pending' | 'expired';

/** 答客问: every answer the person may read, what is offered now, what waits for approval. */
export function ArticlesPage() {
  const { t } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [state, setState] = useState<Filter>('all');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const list = useQuery({
    queryKey: [KNOWLEDGE_KEY, 'articles', state, q, page],
    queryFn: ({ signal }) =>
      get<ArticleList>(
        '/api/v1/knowledge/articles',
        { state, q: q || undefined, page, pageSize: 20 },
        signal,
      ),
  });
  return (
    <Flex vertical gap={12} data-testid="kb-articles-page">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('knowledge.title')}
        </Typography.Title>
        {can('knowledge.manage') && (
          <Button type="primary" onClick={() => setCreating(true)} data-testid="kb-new">
            {t('knowledge.newArticle')}
          </Button>
        )}
      </Flex>
      <Alert type="info" showIcon message={t('knowledge.hint')} />
      <Flex gap={8} wrap>
        <Segmented<Filter>
          value={state}
          onChange={(v) => {
            setState(v);
            setPage(1);
          }}
          options={(['all', 'offered', 'pending', 'expired'] as const).map((f) => ({
            value: f,
            label: t(`knowledge.filter.${f}`),
          }))}
        />
        <Input.Search
          allowClear
          placeholder={t('knowledge.search')}
          style={{ width: 280 }}
          onSearch={(v) => {
            setQ(v.trim());
            setPage(1);
          }}
        />
      </Flex>
      <ListTable<Omit<ArticleView, 'versions'>>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage }}
        columns={[
          {
            title: t('knowledge.question'),
            render: (_, a) => (
              <CellText text={(a.published ?? a.latest).question}>
                <Link to={`/knowledge/articles/${a.id}`}>{(a.published ?? a.latest).question}</Link>
              </CellText>
            ),
          },
          {
            title: t('knowledge.sourceKind'),
            width: 150,
            render: (_, a) => t(`knowledge.source.${(a.published ?? a.latest).sourceKind}`),
          },
          {
            title: t('knowledge.offered'),
            width: 170,
            render: (_, a) => (
              <Flex gap={4} wrap>
                <Tag color={a.offered ? 'green' : 'default'}>
                  {a.offered ? t('knowledge.offered') : t('knowledge.notOffered')}
                </Tag>
                {a.latest.state === 'pending' && <Tag color="orange">{t('knowledge.state.pending')}</Tag>}
                {(a.published ?? a.latest).isPublic && (
                  <Tag color="blue" data-testid="kb-public-tag">
                    {t('knowledge.publicTag')}
                  </Tag>
                )}
              </Flex>
            ),
          },
          {
            title: t('knowledge.validUntil'),
            width: 150,
            render: (_, a) => {
              const until = (a.published ?? a.latest).validUntil;
              return until ? formatTime(until) : t('knowledge.noEnd');
            },
          },
          { title: t('knowledge.unit'), width: 130, dataIndex: 'unitName' },
          { title: t('knowledge.usage'), width: 90, dataIndex: 'usageCount' },
          { title: t('knowledge.version'), width: 70, render: (_, a) => `v${a.latest.version}` },
        ]}
      />
      <ArticleFormModal
        open={creating}
        onClose={() => setCreating(false)}
        onSubmit={async (body) => {
          const created = await post<ArticleView>('/api/v1/knowledge/articles', body);
          notifySuccess(t('knowledge.submitted'));
          await qc.invalidateQueries({ queryKey: [KNOWLEDGE_KEY] });
          void navigate(`/knowledge/articles/${created.id}`);
        }}
      />
    </Flex>
  );
}
