import { useState } from 'react';
import { Button, Flex, Input, Radio, Rate, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { SignatureField } from './signature-pad';
import type { SignatureValue } from './signature-pad';
import { RATING_ASPECT_LABELS, TEMPLATE_ASPECTS } from '../../../shared/workorders';
import type {
  AcceptanceForm as FormSpec,
  AcceptedItemView,
  ItemResult,
  RatingAspect,
  RatingTemplate,
  Ratings,
} from '../../../shared/workorders';

export interface ItemAnswerInput {
  key: string;
  result: ItemResult;
  note?: string;
}

export interface AcceptanceInput {
  signerName: string;
  signature: string;
  ratings: Ratings;
  items: ItemAnswerInput[];
  comment?: string;
}

/** The label of an aspect in the page's language. */
export function useAspectLabel() {
  const { i18n } = useTranslation();
  return (label: { zh: string; en: string }) => (i18n.language.startsWith('zh') ? label.zh : label.en);
}

/** The on-site ratings of SAT-1 (the order's template), 1–5 each, large enough to tap on a phone. */
export function RatingsInput({
  aspects,
  value,
  onChange,
}: {
  aspects: FormSpec['aspects'];
  value: Ratings;
  onChange: (next: Ratings) => void;
}) {
  const labelOf = useAspectLabel();
  return (
    <Flex vertical gap={6}>
      {aspects.map((aspect) => (
        <Flex key={aspect.key} justify="space-between" align="center" wrap>
          <Typography.Text style={{ minWidth: 80 }}>{labelOf(aspect.label)}</Typography.Text>
          <Rate
            value={value[aspect.key] ?? 0}
            onChange={(score) => onChange({ ...value, [aspect.key]: score })}
            style={{ fontSize: 26 }}
            data-testid={`rating-${aspect.key}`}
          />
        </Flex>
      ))}
    </Flex>
  );
}

/** SAT-1: each item of the order accepted (验收合格) or not (有问题, with what is wrong). */
function ItemsInput({
  items,
  value,
  onChange,
}: {
  items: FormSpec['items'];
  value: Record<string, ItemAnswerInput>;
  onChange: (next: Record<string, ItemAnswerInput>) => void;
}) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={8} data-testid="acceptance-items">
      {items.map((item, i) => {
        const answer = value[item.key];
        return (
          <Flex key={item.key} vertical gap={4} data-testid={`acceptance-item-${i}`}>
            <Typography.Text>
              {item.name} × {item.quantity}
            </Typography.Text>
            <Radio.Group
              value={answer?.result}
              onChange={(e) =>
                onChange({
                  ...value,
                  [item.key]: { key: item.key, result: e.target.value, note: answer?.note },
                })
              }
              data-testid={`acceptance-item-${i}-result`}
            >
              <Radio.Button value="accepted">{t('workOrders.acceptanceItems.accepted')}</Radio.Button>
              <Radio.Button value="problem">{t('workOrders.acceptanceItems.problem')}</Radio.Button>
            </Radio.Group>
            {answer?.result === 'problem' && (
              <Input
                maxLength={500}
                value={answer.note ?? ''}
                onChange={(e) => onChange({ ...value, [item.key]: { ...answer, note: e.target.value } })}
                placeholder={t('workOrders.acceptanceItems.notePlaceholder')}
                data-testid={`acceptance-item-${i}-note`}
              />
            )}
          </Flex>
        );
      })}
    </Flex>
  );
}

/**
 * The customer's part of the feedback form (REP-5, SAT-1): the items accepted one by one against
 * the order, the template's ratings, a comment and the signature drawn on the screen. Submitting is
 * refused until every item is answered (a problem described), every aspect rated and the signature drawn.
 */
export function AcceptanceForm({
  form,
  defaultSignerName,
  submitLabel,
  pending,
  onSubmit,
}: {
  form: FormSpec;
  defaultSignerName?: string;
  submitLabel: string;
  pending: boolean;
  onSubmit: (value: AcceptanceInput) => void;
}) {
  const { t } = useTranslation();
  const [signerName, setSignerName] = useState(defaultSignerName ?? '');
  const [ratings, setRatings] = useState<Ratings>({});
  const [answers, setAnswers] = useState<Record<string, ItemAnswerInput>>({});
  const [comment, setComment] = useState('');
  const [signature, setSignature] = useState<SignatureValue>({ dataUrl: null, points: 0 });
  const rated = form.aspects.every((a) => (ratings[a.key] ?? 0) >= 1);
  const accepted = form.items.every((item) => {
    const a = answers[item.key];
    return !!a && (a.result === 'accepted' || !!a.note?.trim());
  });
  const ready = rated && accepted && !!signature.dataUrl && signerName.trim().length > 0;
  const problem = !accepted
    ? t('workOrders.acceptanceItems.required')
    : !signerName.trim()
      ? null
      : !rated
        ? t('workOrders.tech.ratingsRequired')
        : !signature.dataUrl
          ? t('workOrders.tech.signatureRequired')
          : null;

  return (
    <Flex vertical gap={12}>
      {form.items.length > 0 && (
        <>
          <Typography.Text strong>{t('workOrders.acceptanceItems.title')}</Typography.Text>
          <ItemsInput items={form.items} value={answers} onChange={setAnswers} />
        </>
      )}
      <Typography.Text strong>{t('workOrders.tech.ratingsTitle')}</Typography.Text>
      <RatingsInput aspects={form.aspects} value={ratings} onChange={setRatings} />
      <Input.TextArea
        rows={2}
        maxLength={500}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        placeholder={t('workOrders.tech.comment')}
        data-testid="acceptance-comment"
      />
      <Input
        size="large"
        maxLength={60}
        value={signerName}
        onChange={(e) => setSignerName(e.target.value)}
        placeholder={t('workOrders.tech.signerName')}
        data-testid="acceptance-signer"
      />
      <SignatureField onChange={setSignature} />
      {problem && <Typography.Text type="warning">{problem}</Typography.Text>}
      <Button
        type="primary"
        size="large"
        block
        disabled={!ready}
        loading={pending}
        onClick={() =>
          signature.dataUrl &&
          onSubmit({
            signerName: signerName.trim(),
            signature: signature.dataUrl,
            ratings,
            items: form.items.map((item) => {
              const a = answers[item.key]!;
              return a.result === 'problem'
                ? { key: a.key, result: a.result, note: a.note?.trim() ?? '' }
                : { key: a.key, result: a.result };
            }),
            ...(comment.trim() ? { comment: comment.trim() } : {}),
          })
        }
        data-testid="acceptance-submit"
      >
        {submitLabel}
      </Button>
    </Flex>
  );
}

/** The aspects of a signed acceptance in its template's order, with their labels (unknown keys as they are). */
export function ratedAspects(acceptance: { template: RatingTemplate | null; ratings: Ratings }) {
  const keys = acceptance.template
    ? [...TEMPLATE_ASPECTS[acceptance.template]].filter((k) => k in acceptance.ratings)
    : [];
  for (const k of Object.keys(acceptance.ratings))
    if (!keys.includes(k as RatingAspect)) keys.push(k as RatingAspect);
  return keys.map((key) => ({
    key,
    label: (RATING_ASPECT_LABELS as Record<string, { zh: string; en: string }>)[key] ?? { zh: key, en: key },
    score: acceptance.ratings[key] ?? null,
  }));
}

/** A signed acceptance read back: the items as accepted and the ratings (SAT-1). */
export function AcceptanceSummary({
  acceptance,
  size = 16,
}: {
  acceptance: { template: RatingTemplate | null; ratings: Ratings; items: AcceptedItemView[] };
  size?: number;
}) {
  const { t } = useTranslation();
  const labelOf = useAspectLabel();
  return (
    <Flex vertical gap={4}>
      {acceptance.items.map((item) => (
        <Flex key={item.key} justify="space-between" align="center" gap={8} data-testid="accepted-item">
          <Typography.Text>
            {item.name} × {item.quantity}
          </Typography.Text>
          <Typography.Text type={item.result === 'problem' ? 'danger' : 'success'}>
            {t(`workOrders.acceptanceItems.${item.result}`)}
            {item.note ? `：${item.note}` : ''}
          </Typography.Text>
        </Flex>
      ))}
      {ratedAspects(acceptance).map((a) => (
        <Flex key={a.key} justify="space-between" align="center">
          <Typography.Text>{labelOf(a.label)}</Typography.Text>
          <Rate disabled value={a.score ?? undefined} style={{ fontSize: size }} />
        </Flex>
      ))}
    </Flex>
  );
}
