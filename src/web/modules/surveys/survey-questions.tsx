import { Button, Checkbox, Flex, Input, Radio, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AnswerValue, SurveyAnswers, SurveyQuestion } from '../../../shared/surveys';

const TAP = { minHeight: 48, minWidth: 48, fontSize: 18 } as const;

function ScaleButtons({
  min,
  max,
  value,
  onChange,
  low,
  high,
  testId,
}: {
  min: number;
  max: number;
  value: number | undefined;
  onChange: (v: number) => void;
  low?: string;
  high?: string;
  testId: string;
}) {
  const values = Array.from({ length: max - min + 1 }, (_, i) => min + i);
  return (
    <div>
      <Flex wrap gap={8}>
        {values.map((v) => (
          <Button
            key={v}
            type={value === v ? 'primary' : 'default'}
            style={{ ...TAP, flex: max - min > 5 ? '0 0 calc(16.6% - 8px)' : '1 1 0' }}
            onClick={() => onChange(v)}
            aria-pressed={value === v}
            data-testid={`${testId}-${v}`}
          >
            {v}
          </Button>
        ))}
      </Flex>
      {(low || high) && (
        <Flex justify="space-between" style={{ marginTop: 4 }}>
          <Typography.Text type="secondary">{low}</Typography.Text>
          <Typography.Text type="secondary">{high}</Typography.Text>
        </Flex>
      )}
    </div>
  );
}

/** One question with a control sized for a thumb; shared by the customer page, the call form and the preview. */
export function QuestionField({
  question,
  value,
  onChange,
  index,
}: {
  question: SurveyQuestion;
  value: AnswerValue | undefined;
  onChange: (v: AnswerValue | undefined) => void;
  index: number;
}) {
  const { t } = useTranslation();
  const testId = `q-${question.id}`;
  let control;
  switch (question.kind) {
    case 'csat':
      control = (
        <ScaleButtons
          min={1}
          max={5}
          value={value as number | undefined}
          onChange={onChange}
          low={t('surveys.scale.csatLow')}
          high={t('surveys.scale.csatHigh')}
          testId={testId}
        />
      );
      break;
    case 'nps':
      control = (
        <ScaleButtons
          min={0}
          max={10}
          value={value as number | undefined}
          onChange={onChange}
          low={t('surveys.scale.npsLow')}
          high={t('surveys.scale.npsHigh')}
          testId={testId}
        />
      );
      break;
    case 'rating':
      control = (
        <ScaleButtons
          min={1}
          max={question.scaleMax ?? 5}
          value={value as number | undefined}
          onChange={onChange}
          testId={testId}
        />
      );
      break;
    case 'satisfaction':
      control = (
        <Flex vertical gap={8}>
          {(['satisfied', 'basically_satisfied', 'dissatisfied'] as const).map((level) => (
            <Button
              key={level}
              block
              size="large"
              style={TAP}
              type={value === level ? 'primary' : 'default'}
              danger={level === 'dissatisfied' && value === level}
              onClick={() => onChange(level)}
              aria-pressed={value === level}
              data-testid={`${testId}-${level}`}
            >
              {t(`surveys.level.${level}`)}
            </Button>
          ))}
        </Flex>
      );
      break;
    case 'single':
      control = (
        <Radio.Group
          value={value}
          onChange={(e) => onChange(e.target.value as string)}
          style={{ width: '100%' }}
        >
          <Flex vertical gap={4}>
            {(question.options ?? []).map((o) => (
              <Radio key={o.value} value={o.value} style={{ ...TAP, fontSize: 16, alignItems: 'center' }}>
                {o.label}
              </Radio>
            ))}
          </Flex>
        </Radio.Group>
      );
      break;
    case 'multiple':
      control = (
        <Checkbox.Group
          value={(value as string[] | undefined) ?? []}
          onChange={(v) => onChange(v as string[])}
          style={{ width: '100%' }}
        >
          <Flex vertical gap={4}>
            {(question.options ?? []).map((o) => (
              <Checkbox key={o.value} value={o.value} style={{ ...TAP, fontSize: 16, alignItems: 'center' }}>
                {o.label}
              </Checkbox>
            ))}
          </Flex>
        </Checkbox.Group>
      );
      break;
    case 'text':
      control = (
        <Input.TextArea
          value={(value as string | undefined) ?? ''}
          onChange={(e) => onChange(e.target.value)}
          autoSize={{ minRows: 3, maxRows: 8 }}
          maxLength={2000}
          placeholder={t('surveys.form.textPlaceholder')}
          style={{ fontSize: 16 }}
          data-testid={testId}
        />
      );
      break;
  }
  return (
    <div style={{ marginBottom: 24 }} data-testid={`question-${question.id}`}>
      <Typography.Paragraph strong style={{ fontSize: 17, marginBottom: 12 }}>
        {index + 1}. {question.label}
        {question.required && <span style={{ color: '#ff4d4f' }}> *</span>}
      </Typography.Paragraph>
      {control}
    </div>
  );
}

/** The required questions still unanswered. */
export function missingAnswers(questions: SurveyQuestion[], answers: SurveyAnswers): string[] {
  return questions
    .filter((q) => q.required)
    .filter((q) => {
      const a = answers[q.id];
      return a === undefined || a === '' || (Array.isArray(a) && a.length === 0);
    })
    .map((q) => q.id);
}

/** Answers as the API takes them: empty optional answers left out. */
export function cleanAnswers(answers: SurveyAnswers): SurveyAnswers {
  return Object.fromEntries(
    Object.entries(answers).filter(
      ([, v]) =>
        !(v === '' || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0)),
    ),
  );
}

export function QuestionList({
  questions,
  answers,
  onChange,
}: {
  questions: SurveyQuestion[];
  answers: SurveyAnswers;
  onChange: (next: SurveyAnswers) => void;
}) {
  return (
    <>
      {questions.map((q, i) => (
        <QuestionField
          key={q.id}
          index={i}
          question={q}
          value={answers[q.id]}
          onChange={(v) => {
            const next = { ...answers };
            if (v === undefined) delete next[q.id];
            else next[q.id] = v;
            onChange(next);
          }}
        />
      ))}
    </>
  );
}
