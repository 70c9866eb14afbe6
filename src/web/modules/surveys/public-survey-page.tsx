import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { Alert, Button, Result, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { cleanAnswers, missingAnswers, QuestionList } from './survey-questions';
import { PUBLIC_SURVEYS_API } from './surveys-api';
import { TICKET_TYPE_LABELS } from '../../../shared/glossary';
import type { PublicSurveyService, SurveyAnswers, SurveyQuestion } from '../../../shared/surveys';

interface PublicSurvey {
  state: 'open' | 'answered';
  title: string;
  storeName: string;
  servicePhone: string | null;
  service: PublicSurveyService | null;
  questions: SurveyQuestion[];
}

type View =
  | { kind: 'loading' }
  | { kind: 'open'; survey: PublicSurvey }
  | { kind: 'thanks'; storeName: string; servicePhone: string | null }
  | { kind: 'answered' }
  | { kind: 'expired' }
  | { kind: 'unknown' }
  | { kind: 'error'; message: string };

// No session and no cookie: the link token is the customer's only credential (PORTAL-2). Sending
// no credentials also keeps a staff member's own session out of the customer's request.
async function call(
  token: string,
  body?: SurveyAnswers,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${PUBLIC_SURVEYS_API}/${encodeURIComponent(token)}`, {
    method: body ? 'POST' : 'GET',
    credentials: 'omit',
    headers: body
      ? { 'content-type': 'application/json', accept: 'application/json' }
      : { accept: 'application/json' },
    body: body ? JSON.stringify({ answers: body }) : undefined,
  });
  const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  return { status: res.status, json };
}

const viewOfStatus = (status: number, json: Record<string, unknown>): View =>
  status === 404
    ? { kind: 'unknown' }
    : status === 410
      ? { kind: 'expired' }
      : status === 409
        ? { kind: 'answered' }
        : { kind: 'error', message: String(json.message ?? json.messageZh ?? '') };

function Frame({ children }: { children: React.ReactNode }) {
  return (
    <div style={{ minHeight: '100vh', background: '#f5f7fa' }}>
      <main
        style={{
          maxWidth: 480,
          margin: '0 auto',
          padding: '20px 16px 40px',
          background: '#fff',
          minHeight: '100vh',
        }}
      >
        {children}
      </main>
    </div>
  );
}

/** The store or company behind the survey and the number a customer can call it on. */
function StoreLine({ storeName, servicePhone }: { storeName: string; servicePhone: string | null }) {
  const { t } = useTranslation();
  return (
    <div>
      <Typography.Text type="secondary" style={{ fontSize: 15 }} data-testid="survey-store">
        {storeName}
      </Typography.Text>
      {servicePhone && (
        <div style={{ fontSize: 15 }} data-testid="survey-service-phone">
          {t('surveys.public.servicePhone')}
          <a href={`tel:${servicePhone.replace(/[^0-9+]/g, '')}`}>{servicePhone}</a>
        </div>
      )}
    </div>
  );
}

/** Which service the customer rates: 报修 · 工单号 T… · 3月5日, in the words of their own SMS. */
function RatedService({ service }: { service: PublicSurveyService }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const type =
    service.kind === 'ticket'
      ? TICKET_TYPE_LABELS[service.type][en ? 'en' : 'zh']
      : t(`workOrders.type.${service.type}`);
  const date = dayjs(service.date).format(en ? 'D MMM YYYY' : 'YYYY年M月D日');
  return (
    <div
      data-testid="survey-service"
      style={{ background: '#f5f7fa', borderRadius: 8, padding: '10px 12px', margin: '12px 0', fontSize: 15 }}
    >
      <div>
        {t('surveys.public.rates')}
        <Typography.Text strong>{type}</Typography.Text>
      </div>
      <div>
        {t(service.kind === 'ticket' ? 'surveys.public.ticketNumber' : 'surveys.public.workOrderNumber')}
        <span data-testid="survey-service-number">{service.number}</span>
      </div>
      <div>
        {t(service.kind === 'ticket' ? 'surveys.public.ticketDate' : 'surveys.public.visitDate')}
        {date}
      </div>
    </div>
  );
}

/** 客户问卷页 at /c/s/<token>: a phone-sized page, no login, one answer per link. */
export function PublicSurveyPage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  // After a submit the page shows its outcome; before, what the link opened.
  const [after, setAfter] = useState<View | null>(null);
  const opened = useQuery({
    queryKey: ['public-survey', token],
    queryFn: async (): Promise<View> => {
      const { status, json } = await call(token);
      if (status !== 200) return viewOfStatus(status, json);
      const survey = json as unknown as PublicSurvey;
      return survey.state === 'answered' ? { kind: 'answered' } : { kind: 'open', survey };
    },
    retry: false,
    refetchOnWindowFocus: false,
  });
  const view: View =
    after ?? (opened.isError ? { kind: 'error', message: '' } : (opened.data ?? { kind: 'loading' }));
  const setView = setAfter;
  const load = () => {
    setAfter(null);
    void opened.refetch();
  };
  const [answers, setAnswers] = useState<SurveyAnswers>({});
  const [missing, setMissing] = useState<string[]>([]);
  const [submitting, setSubmitting] = useState(false);

  if (view.kind === 'loading')
    return (
      <Frame>
        <div style={{ textAlign: 'center', paddingTop: 80 }}>
          <Spin size="large" />
          <Typography.Paragraph type="secondary">{t('surveys.public.loading')}</Typography.Paragraph>
        </div>
      </Frame>
    );
  if (view.kind !== 'open') {
    const states = {
      thanks: ['success', 'thanksTitle', 'thanksBody'],
      answered: ['info', 'answeredTitle', 'answeredBody'],
      expired: ['warning', 'expiredTitle', 'expiredBody'],
      unknown: ['404', 'unknownTitle', 'unknownBody'],
      error: ['error', 'errorTitle', 'unknownBody'],
    } as const;
    const [status, title, body] = states[view.kind];
    return (
      <Frame>
        <Result
          status={status}
          title={<span data-testid="survey-state">{t(`surveys.public.${title}`)}</span>}
          subTitle={view.kind === 'error' && view.message ? view.message : t(`surveys.public.${body}`)}
          extra={
            view.kind === 'error' ? (
              <Button size="large" onClick={load}>
                {t('surveys.public.retry')}
              </Button>
            ) : view.kind === 'thanks' ? (
              <StoreLine storeName={view.storeName} servicePhone={view.servicePhone} />
            ) : undefined
          }
        />
      </Frame>
    );
  }

  const { survey } = view;
  const submit = async () => {
    const stillMissing = missingAnswers(survey.questions, answers);
    setMissing(stillMissing);
    if (stillMissing.length > 0) {
      document
        .querySelector(`[data-testid="question-${stillMissing[0]}"]`)
        ?.scrollIntoView({ behavior: 'smooth' });
      return;
    }
    setSubmitting(true);
    try {
      const { status, json } = await call(token, cleanAnswers(answers));
      setView(
        status === 201
          ? { kind: 'thanks', storeName: survey.storeName, servicePhone: survey.servicePhone }
          : viewOfStatus(status, json),
      );
    } catch {
      setView({ kind: 'error', message: '' });
    } finally {
      setSubmitting(false);
    }
  };
  return (
    <Frame>
      <StoreLine storeName={survey.storeName} servicePhone={survey.servicePhone} />
      <Typography.Title level={3} style={{ marginTop: 4 }}>
        {survey.title}
      </Typography.Title>
      {survey.service && <RatedService service={survey.service} />}
      <Typography.Paragraph type="secondary" style={{ fontSize: 15 }}>
        {t('surveys.public.intro')}
      </Typography.Paragraph>
      <QuestionList
        questions={survey.questions}
        answers={answers}
        onChange={(next) => {
          setAnswers(next);
          if (missing.length > 0) setMissing(missingAnswers(survey.questions, next));
        }}
      />
      {missing.length > 0 && (
        <Alert type="warning" showIcon title={t('surveys.form.missing')} style={{ marginBottom: 16 }} />
      )}
      <Button
        type="primary"
        size="large"
        block
        style={{ height: 52, fontSize: 18 }}
        loading={submitting}
        onClick={() => void submit()}
        data-testid="survey-submit"
      >
        {submitting ? t('surveys.form.submitting') : t('surveys.form.submit')}
      </Button>
    </Frame>
  );
}
