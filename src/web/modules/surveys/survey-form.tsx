import { useState } from 'react';
import { Alert, Button, Card, Spin, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { get, post } from '../../api/client';
import { showError } from '../../lib/notify';
import { cleanAnswers, missingAnswers, QuestionList } from './survey-questions';
import { SURVEYS_API, type Invitation } from './surveys-api';
import type { SurveyAnswers } from '../../../shared/surveys';

export interface SurveyFormProps {
  invitationId: string;
  /** Called once the answers are recorded, with the follow-up ticket a dissatisfied answer opened. */
  onSubmitted?: (outcome: {
    responseId: string;
    detractor: boolean;
    followUpTicketId: string | null;
  }) => void;
}

/**
 * 电话回访问卷: the agent reads the questions out and records the customer's answers during the call
 * (delivery 'call'). Embedded by the care worklist; one answer per invitation, like the link.
 */
export function SurveyForm({ invitationId, onSubmitted }: SurveyFormProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const key = ['surveys', 'invitation', invitationId];
  const invitation = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => get<Invitation>(`${SURVEYS_API}/invitations/${invitationId}`, undefined, signal),
  });
  const [answers, setAnswers] = useState<SurveyAnswers>({});
  const [missing, setMissing] = useState(false);
  const submit = useMutation({
    mutationFn: (a: SurveyAnswers) =>
      post<{ responseId: string; detractor: boolean; followUpTicketId: string | null }>(
        `${SURVEYS_API}/invitations/${invitationId}/response`,
        { answers: a },
      ),
    onSuccess: async (outcome) => {
      await queryClient.invalidateQueries({ queryKey: key });
      onSubmitted?.(outcome);
    },
    onError: showError,
  });

  if (invitation.isLoading) return <Spin />;
  if (!invitation.data) return <Alert type="error" showIcon title={t('surveys.public.errorTitle')} />;
  const inv = invitation.data;
  if (inv.state !== 'open')
    return (
      <Card size="small" title={inv.title} data-testid="survey-form">
        <Alert
          type={inv.response?.detractor ? 'warning' : 'success'}
          showIcon
          title={inv.state === 'expired' ? t('surveys.form.expired') : t('surveys.form.answered')}
          description={
            inv.response?.followUpTicketId ? (
              <Link to={`/tickets/${inv.response.followUpTicketId}`} data-testid="survey-follow-up">
                {t('surveys.form.followUp')} · {t('surveys.form.openFollowUp')}
              </Link>
            ) : undefined
          }
        />
      </Card>
    );
  return (
    <Card size="small" title={`${t('surveys.call.title')} · ${inv.title}`} data-testid="survey-form">
      <Typography.Paragraph type="secondary">{inv.storeName}</Typography.Paragraph>
      <QuestionList questions={inv.questions} answers={answers} onChange={setAnswers} />
      {missing && (
        <Alert type="warning" showIcon title={t('surveys.form.missing')} style={{ marginBottom: 12 }} />
      )}
      <Button
        type="primary"
        loading={submit.isPending}
        data-testid="survey-form-submit"
        onClick={() => {
          const gaps = missingAnswers(inv.questions, answers);
          setMissing(gaps.length > 0);
          if (gaps.length === 0) submit.mutate(cleanAnswers(answers));
        }}
      >
        {t('surveys.form.submit')}
      </Button>
    </Card>
  );
}
