import { useEffect, useState } from 'react';
import { Button, Card, Empty, Flex, Form, List, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { post } from '../../api/client';
import { useCan } from '../../auth/use-me';
import { formatTime } from '../../lib/format';
import { notifySuccess, showError } from '../../lib/notify';
import { KNOWLEDGE_KEY, type SuggestionsView } from './knowledge-api';

const DEBOUNCE_MS = 350;
const MIN_CHARS = 2;

/**
 * KB-3 / CL-2, mounted inside the intake form: as the agent types the subject and description, the
 * approved answers offered at the unit and similar resolved tickets appear. 插入答复 puts the answer
 * into the form's answer field (making the ticket a direct consultation) and records the use.
 */
export function KnowledgeSuggestions({
  unitId,
  answerField = 'answer',
  articleField = 'answerArticleId',
}: {
  unitId: string | undefined;
  answerField?: string;
  /** The form field that keeps which approved answer was inserted (CL-2); empty: record the use at once. */
  articleField?: string;
}) {
  const { t } = useTranslation();
  const can = useCan();
  const qc = useQueryClient();
  const form = Form.useFormInstance();
  const subject = (Form.useWatch('subject', form) as string | undefined) ?? '';
  const description = (Form.useWatch('description', form) as string | undefined) ?? '';
  const [typed, setTyped] = useState({ subject: '', description: '' });
  useEffect(() => {
    const timer = setTimeout(
      () => setTyped({ subject: subject.trim(), description: description.trim() }),
      DEBOUNCE_MS,
    );
    return () => clearTimeout(timer);
  }, [subject, description]);
  const enough = typed.subject.length + typed.description.length >= MIN_CHARS;
  const allowed = can('knowledge.read');
  const suggestions = useQuery({
    queryKey: [KNOWLEDGE_KEY, 'suggestions', unitId, typed],
    enabled: allowed && !!unitId && enough,
    placeholderData: (previous) => previous,
    queryFn: () =>
      post<SuggestionsView>('/api/v1/knowledge/suggestions', {
        unitId,
        subject: typed.subject.slice(0, 200),
        description: typed.description.slice(0, 10_000),
      }),
  });
  if (!allowed) return null;
  const insert = async (articleId: string, answer: string) => {
    form.setFieldsValue({
      type: 'consultation_direct',
      [answerField]: answer,
      ...(articleField ? { [articleField]: articleId } : {}),
    });
    form.setFields([{ name: answerField, errors: [] }]);
    if (articleField) {
      // CL-2: the use is recorded with the ticket when it is taken in and closed.
      notifySuccess(t('knowledge.suggest.insertedForIntake'));
      return;
    }
    try {
      await post(`/api/v1/knowledge/articles/${articleId}/use`, { ticketId: null });
      notifySuccess(t('knowledge.suggest.inserted'));
      await qc.invalidateQueries({ queryKey: [KNOWLEDGE_KEY, 'suggestions'] });
    } catch (e) {
      showError(e);
    }
  };
  const data = enough ? suggestions.data : undefined;
  return (
    <Card
      size="small"
      type="inner"
      title={t('knowledge.suggest.title')}
      style={{ marginBottom: 12 }}
      loading={suggestions.isLoading && enough}
      data-testid="kb-suggestions"
    >
      {!data ? (
        <Typography.Text type="secondary">{t('knowledge.suggest.empty')}</Typography.Text>
      ) : (
        <Flex vertical gap={8}>
          <Typography.Text strong>{t('knowledge.suggest.answers')}</Typography.Text>
          {data.answers.length === 0 ? (
            <Typography.Text type="secondary">{t('knowledge.suggest.noAnswers')}</Typography.Text>
          ) : (
            <List
              size="small"
              dataSource={data.answers}
              renderItem={(a) => (
                <List.Item
                  data-testid="kb-suggested-answer"
                  actions={[
                    <Button
                      key="insert"
                      size="small"
                      type="link"
                      onClick={() => void insert(a.articleId, a.answer)}
                      data-testid="kb-insert"
                    >
                      {t('knowledge.suggest.insert')}
                    </Button>,
                  ]}
                >
                  <List.Item.Meta
                    title={<Link to={`/knowledge/articles/${a.articleId}`}>{a.question}</Link>}
                    description={
                      <Flex vertical gap={2}>
                        <Typography.Paragraph
                          ellipsis={{ rows: 3, tooltip: a.answer }}
                          style={{ margin: 0, whiteSpace: 'pre-wrap' }}
                        >
                          {a.answer}
                        </Typography.Paragraph>
                        <Flex gap={4} wrap>
                          <Tag>{t(`knowledge.source.${a.sourceKind}`)}</Tag>
                          {a.validUntil && (
                            <Tag>
                              {t('knowledge.suggest.validUntil', {
                                date: formatTime(a.validUntil).slice(0, 10),
                              })}
                            </Tag>
                          )}
                          <Tag>{t('knowledge.suggest.used', { count: a.usageCount })}</Tag>
                        </Flex>
                      </Flex>
                    }
                  />
                </List.Item>
              )}
            />
          )}
          <Typography.Text strong>{t('knowledge.suggest.tickets')}</Typography.Text>
          {data.tickets.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('knowledge.suggest.noTickets')} />
          ) : (
            <List
              size="small"
              dataSource={data.tickets}
              renderItem={(x) => (
                <List.Item
                  data-testid="kb-similar-ticket"
                  actions={
                    can('knowledge.manage')
                      ? [
                          <Link key="case" to={`/knowledge/cases?ticketId=${x.id}`}>
                            {t('knowledge.cases.fromTicket')}
                          </Link>,
                        ]
                      : []
                  }
                >
                  <List.Item.Meta
                    title={
                      <Link to={`/tickets/${x.id}`}>
                        {x.number} · {x.subject}
                      </Link>
                    }
                    description={
                      x.resolution && (
                        <Typography.Paragraph
                          ellipsis={{ rows: 2, tooltip: x.resolution }}
                          style={{ margin: 0 }}
                        >
                          {t('knowledge.suggest.resolution')}：{x.resolution}
                        </Typography.Paragraph>
                      )
                    }
                  />
                </List.Item>
              )}
            />
          )}
          {data.cases.length > 0 && (
            <>
              <Typography.Text strong>{t('knowledge.suggest.cases')}</Typography.Text>
              <List
                size="small"
                dataSource={data.cases}
                renderItem={(c) => (
                  <List.Item data-testid="kb-suggested-case">
                    <List.Item.Meta
                      title={`${t(`knowledge.cases.library.${c.library}`)} · ${c.title}`}
                      description={c.lessons}
                    />
                  </List.Item>
                )}
              />
            </>
          )}
        </Flex>
      )}
    </Card>
  );
}
