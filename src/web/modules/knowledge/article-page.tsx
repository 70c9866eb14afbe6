import { useState } from 'react';
import { Button, Card, Descriptions, Flex, Result, Spin, Table, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { get, localizedMessage, post } from '../../api/client';
import { useCan } from '../../auth/use-me';
import { formatTime } from '../../lib/format';
import { notifySuccess } from '../../lib/notify';
import { ArticleFormModal } from './article-form';
import { KNOWLEDGE_KEY, type ArticleView } from './knowledge-api';

const stateColour = {
  pending: 'orange',
  approved: 'green',
  sent_back: 'red',
  superseded: 'default',
} as const;

/** One answer: the version offered now, the one awaiting approval, every version with who approved it. */
export function ArticlePage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const can = useCan();
  const qc = useQueryClient();
  const [revising, setRevising] = useState(false);
  const article = useQuery({
    queryKey: [KNOWLEDGE_KEY, 'article', id],
    queryFn: ({ signal }) => get<ArticleView>(`/api/v1/knowledge/articles/${id}`, undefined, signal),
  });
  if (article.isLoading) return <Spin />;
  if (article.error || !article.data) return <Result status="404" title={localizedMessage(article.error)} />;
  const a = article.data;
  const shown = a.published ?? a.latest;
  return (
    <Flex vertical gap={12} data-testid="kb-article-page">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {shown.question}
        </Typography.Title>
        <Flex gap={8}>
          <Tag color={a.offered ? 'green' : 'default'}>
            {a.offered ? t('knowledge.offered') : t('knowledge.notOffered')}
          </Tag>
          {shown.isPublic && <Tag color="blue">{t('knowledge.publicTag')}</Tag>}
          {can('knowledge.manage') && (
            <Button
              onClick={() => setRevising(true)}
              disabled={a.latest.state === 'pending'}
              data-testid="kb-revise"
            >
              {t('knowledge.revise')}
            </Button>
          )}
        </Flex>
      </Flex>
      <Card size="small" title={a.published ? t('knowledge.published') : t('knowledge.pendingVersion')}>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="kb-answer-text">
          {shown.answer}
        </Typography.Paragraph>
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('knowledge.sourceKind')}>
            {t(`knowledge.source.${shown.sourceKind}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t('knowledge.validFrom')}>
            {formatTime(shown.validFrom)}
          </Descriptions.Item>
          <Descriptions.Item label={t('knowledge.validUntil')}>
            {shown.validUntil ? formatTime(shown.validUntil) : t('knowledge.noEnd')}
          </Descriptions.Item>
          <Descriptions.Item label={t('knowledge.unit')}>{a.unitName}</Descriptions.Item>
          <Descriptions.Item label={t('knowledge.owner')}>{a.owner?.displayName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('knowledge.approver')}>
            {shown.approver ? `${shown.approver.displayName} · ${formatTime(shown.approvedAt)}` : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('knowledge.usage')}>{a.usageCount}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title={t('knowledge.versions')}>
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={a.versions}
          expandable={{
            expandedRowRender: (v) => (
              <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{v.answer}</Typography.Text>
            ),
          }}
          columns={[
            { title: t('knowledge.version'), width: 70, render: (_, v) => `v${v.version}` },
            { title: t('knowledge.question'), dataIndex: 'question', ellipsis: true },
            {
              title: t('knowledge.offered'),
              width: 130,
              render: (_, v) => <Tag color={stateColour[v.state]}>{t(`knowledge.state.${v.state}`)}</Tag>,
            },
            {
              title: t('knowledge.validUntil'),
              width: 150,
              render: (_, v) => (v.validUntil ? formatTime(v.validUntil) : t('knowledge.noEnd')),
            },
            { title: t('knowledge.approver'), width: 120, render: (_, v) => v.approver?.displayName ?? '—' },
          ]}
        />
      </Card>
      <ArticleFormModal
        open={revising}
        from={a.latest}
        onClose={() => setRevising(false)}
        onSubmit={async (body) => {
          await post(`/api/v1/knowledge/articles/${a.id}/versions`, body);
          notifySuccess(t('knowledge.submitted'));
          await qc.invalidateQueries({ queryKey: [KNOWLEDGE_KEY] });
        }}
      />
    </Flex>
  );
}
