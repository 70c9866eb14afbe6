import { useMemo, useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Flex,
  Input,
  InputNumber,
  Radio,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { get, post } from '../../api/client';
import { formatTime, localName } from '../../lib/format';
import { notifySuccess, showError } from '../../lib/notify';
import type { ReviewDetail } from '../../../shared/quality';
import { QUALITY_API } from './quality-api';
import { STATE_COLORS } from './quality-reviews-page';

type Item = ReviewDetail['form']['items'][number];

/** Points and a comment per item, entered in one table (the score form and the revision form). */
function ScoreTable({
  items,
  points,
  comments,
  onPoints,
  onComment,
}: {
  items: Item[];
  points: Record<string, number | null>;
  comments: Record<string, string>;
  onPoints: (key: string, value: number | null) => void;
  onComment: (key: string, value: string) => void;
}) {
  const { t } = useTranslation();
  const total = items.reduce((n, i) => n + (points[i.key] ?? 0), 0);
  const max = items.reduce((n, i) => n + i.maxPoints, 0);
  const columns: TableColumnsType<Item> = [
    { title: t('quality.review.item'), key: 'label', render: (_, i) => localName(i.labelZh, i.labelEn) },
    { title: t('quality.review.maxPoints'), dataIndex: 'maxPoints', width: 80, align: 'right' },
    {
      title: t('quality.review.points'),
      key: 'points',
      width: 120,
      render: (_, i) => (
        <InputNumber
          min={0}
          max={i.maxPoints}
          precision={0}
          value={points[i.key] ?? null}
          onChange={(v) => onPoints(i.key, v)}
          data-testid={`score-${i.key}`}
        />
      ),
    },
    {
      title: t('quality.review.itemComment'),
      key: 'comment',
      render: (_, i) => (
        <Input
          value={comments[i.key] ?? ''}
          maxLength={500}
          onChange={(e) => onComment(i.key, e.target.value)}
        />
      ),
    },
  ];
  return (
    <Table<Item>
      rowKey="key"
      size="small"
      pagination={false}
      dataSource={items}
      columns={columns}
      summary={() => (
        <Table.Summary.Row>
          <Table.Summary.Cell index={0}>{t('quality.review.total')}</Table.Summary.Cell>
          <Table.Summary.Cell index={1} align="right">
            {max}
          </Table.Summary.Cell>
          <Table.Summary.Cell index={2}>
            <Typography.Text strong data-testid="score-total">
              {total}
            </Typography.Text>
          </Table.Summary.Cell>
          <Table.Summary.Cell index={3} />
        </Table.Summary.Row>
      )}
    />
  );
}

/** Keeps only the comments written, so an empty box sends nothing. */
const written = (comments: Record<string, string>) =>
  Object.fromEntries(Object.entries(comments).filter(([, v]) => v.trim()));

/** 质检详情: the scores item by item, and the one action the caller may take now (RPT-7). */
export function QualityReviewPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const client = useQueryClient();
  const review = useQuery({
    queryKey: ['quality', 'review', id],
    queryFn: ({ signal }) => get<ReviewDetail>(`${QUALITY_API}/reviews/${id}`, undefined, signal),
  });
  const r = review.data;
  // Edits over what was given: revising starts from the score given, scoring starts empty.
  const [pointEdits, setPoints] = useState<Record<string, number | null>>({});
  const [commentEdits, setComments] = useState<Record<string, string>>({});
  const points = useMemo(() => ({ ...(r?.points ?? {}), ...pointEdits }), [r?.points, pointEdits]);
  const comments = useMemo(
    () => ({ ...(r?.itemComments ?? {}), ...commentEdits }),
    [r?.itemComments, commentEdits],
  );
  const [comment, setComment] = useState('');
  const [reason, setReason] = useState('');
  const [decision, setDecision] = useState<'uphold' | 'revise'>('uphold');
  const done = (text: string) => (next: ReviewDetail) => {
    client.setQueryData(['quality', 'review', id], next);
    void client.invalidateQueries({ queryKey: ['quality', 'reviews'] });
    notifySuccess(text);
  };
  const complete = (items: Item[]) =>
    Object.fromEntries(items.map((i) => [i.key, points[i.key] ?? -1])) as Record<string, number>;
  const score = useMutation({
    mutationFn: () =>
      post<ReviewDetail>(`${QUALITY_API}/reviews/${id}/score`, {
        points: complete(r!.form.items),
        itemComments: written(comments),
        ...(comment.trim() ? { comment } : {}),
      }),
    onSuccess: done(t('quality.review.scored')),
    onError: showError,
  });
  const appeal = useMutation({
    mutationFn: () => post<ReviewDetail>(`${QUALITY_API}/reviews/${id}/appeal`, { reason }),
    onSuccess: done(t('quality.review.appealed')),
    onError: showError,
  });
  const decide = useMutation({
    mutationFn: () =>
      post<ReviewDetail>(
        `${QUALITY_API}/reviews/${id}/decision`,
        decision === 'uphold'
          ? { decision, comment }
          : { decision, comment, points: complete(r!.form.items), itemComments: written(comments) },
      ),
    onSuccess: done(t('quality.review.decided')),
    onError: showError,
  });
  const given = useMemo(() => r?.appeal?.revisedPoints ?? null, [r]);

  if (review.isLoading) return <Spin style={{ display: 'block', marginTop: 80 }} />;
  if (!r) return <Alert type="error" showIcon title={(review.error as Error | null)?.message ?? ''} />;

  const itemRows = r.form.items.map((i) => ({
    ...i,
    given: r.points?.[i.key] ?? null,
    revised: given?.[i.key] ?? null,
    comment: r.itemComments[i.key] ?? '',
  }));
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="quality-review">
      <Flex align="center" gap={12}>
        <Link to="/quality/reviews">
          <ArrowLeftOutlined /> {t('quality.review.back')}
        </Link>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('quality.review.title')} · {r.subjectLabel}
        </Typography.Title>
        <Tag color={STATE_COLORS[r.state]} data-testid="quality-review-state">
          {t(`quality.state.${r.state}`)}
        </Tag>
        <Link
          to={`/quality/reviews/${r.id}/print`}
          style={{ marginLeft: 'auto' }}
          data-testid="quality-review-print"
        >
          <Button icon={<PrinterOutlined />}>{t('quality.print.open')}</Button>
        </Link>
      </Flex>
      <Card size="small">
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('quality.list.subject')}>
            <Space size={4}>
              <Tag>{t(`quality.subject.${r.subjectType}`)}</Tag>
              {r.subjectType === 'ticket' ? (
                <Link to={`/tickets/${r.subjectId}`}>{r.subjectLabel}</Link>
              ) : (
                r.subjectLabel
              )}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('quality.list.agent')}>{r.agent.name}</Descriptions.Item>
          <Descriptions.Item label={t('quality.list.reason')}>
            {t(`quality.reason.${r.reason}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t('quality.list.handledAt')}>{formatTime(r.handledAt)}</Descriptions.Item>
          <Descriptions.Item label={t('quality.list.month')}>{r.month}</Descriptions.Item>
          <Descriptions.Item label={t('quality.list.reviewer')}>{r.reviewer?.name ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('quality.review.percent')}>{r.percent ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('quality.review.finalPercent')}>
            <Typography.Text strong data-testid="quality-final">
              {r.finalPercent ?? '—'}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('quality.form.title')}>
            {r.form.id
              ? t('quality.review.formVersion', { version: r.form.version })
              : t('quality.review.defaultForm')}
          </Descriptions.Item>
        </Descriptions>
      </Card>

      {r.points && (
        <Card size="small" title={t('quality.review.scored')}>
          <Table
            rowKey="key"
            size="small"
            pagination={false}
            dataSource={itemRows}
            columns={[
              {
                title: t('quality.review.item'),
                key: 'label',
                render: (_, i) => localName(i.labelZh, i.labelEn),
              },
              { title: t('quality.review.maxPoints'), dataIndex: 'maxPoints', width: 80, align: 'right' },
              { title: t('quality.review.points'), dataIndex: 'given', width: 80, align: 'right' },
              ...(given
                ? [
                    {
                      title: t('quality.review.revisedPoints'),
                      dataIndex: 'revised',
                      width: 110,
                      align: 'right' as const,
                    },
                  ]
                : []),
              { title: t('quality.review.itemComment'), dataIndex: 'comment' },
            ]}
          />
          {r.comment && (
            <Typography.Paragraph style={{ marginTop: 12, marginBottom: 0 }}>
              {t('quality.review.comment')}：{r.comment}
            </Typography.Paragraph>
          )}
        </Card>
      )}

      {r.appeal && (
        <Card size="small" title={t('quality.review.appealTitle')}>
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={t('quality.review.appealBy')}>
              {r.appeal.reason}（{formatTime(r.appeal.at)}）
            </Descriptions.Item>
            {r.appeal.decidedBy && (
              <Descriptions.Item label={t('quality.review.decidedBy')}>
                {r.appeal.decidedBy.name}：{t(`quality.state.${r.state}`)}，{r.appeal.comment}（
                {formatTime(r.appeal.decidedAt)}）
              </Descriptions.Item>
            )}
          </Descriptions>
        </Card>
      )}

      {r.can.score && (
        <Card size="small" title={t('quality.review.scoreTitle')} data-testid="quality-score-form">
          <ScoreTable
            items={r.form.items}
            points={points}
            comments={comments}
            onPoints={(k, v) => setPoints((p) => ({ ...p, [k]: v }))}
            onComment={(k, v) => setComments((c) => ({ ...c, [k]: v }))}
          />
          <Input.TextArea
            style={{ marginTop: 12 }}
            rows={2}
            maxLength={2000}
            placeholder={t('quality.review.comment')}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
          />
          <Button
            type="primary"
            style={{ marginTop: 12 }}
            loading={score.isPending}
            onClick={() => score.mutate()}
            data-testid="quality-score-submit"
          >
            {t('quality.review.submitScore')}
          </Button>
        </Card>
      )}

      {r.can.appeal && (
        <Card size="small" title={t('quality.review.appealTitle')} data-testid="quality-appeal-form">
          <Typography.Paragraph type="secondary">{t('quality.review.appealHint')}</Typography.Paragraph>
          <Input.TextArea
            rows={3}
            maxLength={2000}
            placeholder={t('quality.review.appealReason')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
          <Button
            type="primary"
            style={{ marginTop: 12 }}
            disabled={!reason.trim()}
            loading={appeal.isPending}
            onClick={() => appeal.mutate()}
            data-testid="quality-appeal-submit"
          >
            {t('quality.review.submitAppeal')}
          </Button>
        </Card>
      )}

      {r.can.decide && (
        <Card size="small" title={t('quality.review.decisionTitle')} data-testid="quality-decision-form">
          <Typography.Paragraph type="secondary">{t('quality.review.decisionHint')}</Typography.Paragraph>
          <Radio.Group
            value={decision}
            onChange={(e) => setDecision(e.target.value as 'uphold' | 'revise')}
            options={[
              { value: 'uphold', label: t('quality.review.uphold') },
              { value: 'revise', label: t('quality.review.revise') },
            ]}
          />
          {decision === 'revise' && (
            <div style={{ marginTop: 12 }}>
              <ScoreTable
                items={r.form.items}
                points={points}
                comments={comments}
                onPoints={(k, v) => setPoints((p) => ({ ...p, [k]: v }))}
                onComment={(k, v) => setComments((c) => ({ ...c, [k]: v }))}
              />
            </div>
          )}
          <Input.TextArea
            style={{ marginTop: 12 }}
            rows={2}
            maxLength={2000}
            placeholder={t('quality.review.decisionComment')}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
          />
          <Button
            type="primary"
            style={{ marginTop: 12 }}
            disabled={!comment.trim()}
            loading={decide.isPending}
            onClick={() => decide.mutate()}
            data-testid="quality-decision-submit"
          >
            {t('quality.review.submitDecision')}
          </Button>
        </Card>
      )}
    </Space>
  );
}
