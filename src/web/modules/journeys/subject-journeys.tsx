import { Card, List, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { get } from '../../api/client';
import { useCan } from '../../auth/use-me';
import { formatTime } from '../../lib/format';
import { JOURNEYS_KEY, type JourneySummary } from './journeys-api';

export type JourneySubjectType = 'ticket' | 'work_order';

/** 进行中 / 已超期 / 已结束 / 已终止 of a journey as its card shows it. */
export function JourneyStatusTag({ journey: j }: { journey: JourneySummary }) {
  const { t } = useTranslation();
  if (j.cancelledAt) return <Tag>{t('journeys.status.cancelled')}</Tag>;
  if (j.stage === null) return <Tag color="green">{t('journeys.status.finished')}</Tag>;
  if (j.overdue || j.paymentOverdue) return <Tag color="red">{t('journeys.status.overdue')}</Tag>;
  return <Tag color="blue">{t('journeys.status.running')}</Tag>;
}

/**
 * The journeys a ticket or work order belongs to (JRN links), on its page: template, current stage,
 * status and due, each opening the journey. Nothing is shown to someone who may not read journeys,
 * nor when the ticket or work order is in none.
 */
export function SubjectJourneysCard(props: { subjectType: JourneySubjectType; subjectId: string }) {
  const can = useCan();
  return can('journeys.read') ? <JourneysOf {...props} /> : null;
}

function JourneysOf({ subjectType, subjectId }: { subjectType: JourneySubjectType; subjectId: string }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const query = useQuery({
    queryKey: [JOURNEYS_KEY, 'linked', subjectType, subjectId],
    queryFn: ({ signal }) =>
      get<{ items: JourneySummary[] }>('/api/v1/journeys/linked', { subjectType, subjectId }, signal),
  });
  const items = query.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Card size="small" title={t('journeys.linkedCard.title')} data-testid="subject-journeys">
      <List
        size="small"
        dataSource={items}
        renderItem={(j) => (
          <List.Item data-testid={`subject-journey-${j.id}`}>
            <Space orientation="vertical" size={2} style={{ width: '100%' }}>
              <Space wrap size={6}>
                <Link to={`/journeys/${j.id}`}>{en ? j.templateNameEn : j.templateNameZh}</Link>
                <JourneyStatusTag journey={j} />
              </Space>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {j.stage === null
                  ? t('journeys.linkedCard.ended', { at: formatTime(j.cancelledAt ?? j.finishedAt ?? '') })
                  : `${t('journeys.stage')}：${(en ? j.stageNameEn : j.stageNameZh) ?? j.stage}`}
                {j.stage !== null && j.stageDueAt && (
                  <span style={j.overdue ? { color: '#cf1322' } : undefined}>
                    {` · ${t('journeys.due')} ${formatTime(j.stageDueAt)}`}
                  </span>
                )}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
