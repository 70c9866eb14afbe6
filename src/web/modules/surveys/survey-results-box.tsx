import { Card, Descriptions, Empty, List, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { get } from '../../api/client';
import { formatTime } from '../../lib/format';
import { SURVEYS_API } from './surveys-api';
import type { SurveyResults } from '../../../shared/surveys';

/**
 * The satisfaction box for a ticket, work order or employee page: headline scores and the
 * customer's words, with a link to the full results. No charts, so it adds no weight to the page.
 */
export function SurveyResultsBox(props: {
  subjectType?: 'ticket' | 'workorder';
  subjectId?: string;
  employeeId?: string;
}) {
  const { t } = useTranslation();
  const query = { subjectType: props.subjectType, subjectId: props.subjectId, employeeId: props.employeeId };
  const results = useQuery({
    queryKey: ['surveys', 'results', 'box', query],
    queryFn: ({ signal }) => get<SurveyResults>(`${SURVEYS_API}/results`, query, signal),
  });
  const search = new URLSearchParams(Object.entries(query).filter(([, v]) => v) as [string, string][]);
  const data = results.data;
  return (
    <Card
      size="small"
      title={t('surveys.nav.results')}
      loading={results.isLoading}
      extra={<Link to={`/surveys/results?${search.toString()}`}>{t('surveys.nav.results')}</Link>}
      data-testid="survey-results-box"
    >
      {!data || data.summary.responses === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('surveys.results.noData')} />
      ) : (
        <>
          <Descriptions size="small" column={2}>
            <Descriptions.Item label={t('surveys.results.responses')}>
              {data.summary.responses}
            </Descriptions.Item>
            <Descriptions.Item label={t('surveys.results.csat')}>
              {data.summary.csatAverage ?? '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('surveys.results.nps')}>
              {data.summary.nps.score ?? '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('surveys.results.detractors')}>
              {data.summary.detractors}
            </Descriptions.Item>
          </Descriptions>
          <List
            size="small"
            dataSource={data.comments.slice(0, 5)}
            renderItem={(c) => (
              <List.Item>
                <span>
                  {formatTime(c.respondedAt)} · {c.comment}{' '}
                  {c.followUpTicketId && (
                    <Link to={`/tickets/${c.followUpTicketId}`}>
                      <Tag color="red">{t('surveys.results.followUp')}</Tag>
                    </Link>
                  )}
                </span>
              </List.Item>
            )}
          />
        </>
      )}
    </Card>
  );
}
