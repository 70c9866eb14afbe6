import { useState } from 'react';
import { Button, Flex, Input, Rate, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { SignatureField } from './signature-pad';
import type { SignatureValue } from './signature-pad';
import { RATING_ASPECTS } from '../../../shared/workorders';
import type { RatingAspect, Ratings } from '../../../shared/workorders';

export interface AcceptanceInput {
  signerName: string;
  signature: string;
  ratings: Ratings;
  comment?: string;
}

/** The four on-site ratings of SAT-1, 1–5 each, large enough to tap on a phone. */
export function RatingsInput({
  value,
  onChange,
}: {
  value: Partial<Ratings>;
  onChange: (next: Partial<Ratings>) => void;
}) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={6}>
      {RATING_ASPECTS.map((aspect: RatingAspect) => (
        <Flex key={aspect} justify="space-between" align="center" wrap>
          <Typography.Text style={{ minWidth: 80 }}>{t(`workOrders.rating.${aspect}`)}</Typography.Text>
          <Rate
            value={value[aspect] ?? 0}
            onChange={(score) => onChange({ ...value, [aspect]: score })}
            style={{ fontSize: 26 }}
            data-testid={`rating-${aspect}`}
          />
        </Flex>
      ))}
    </Flex>
  );
}

/**
 * The customer's part of the feedback form (REP-5, SAT-1): name, four ratings, a comment and the
 * signature drawn on the screen. Submitting is refused until the signature and every rating are there.
 */
export function AcceptanceForm({
  defaultSignerName,
  submitLabel,
  pending,
  onSubmit,
}: {
  defaultSignerName?: string;
  submitLabel: string;
  pending: boolean;
  onSubmit: (value: AcceptanceInput) => void;
}) {
  const { t } = useTranslation();
  const [signerName, setSignerName] = useState(defaultSignerName ?? '');
  const [ratings, setRatings] = useState<Partial<Ratings>>({});
  const [comment, setComment] = useState('');
  const [signature, setSignature] = useState<SignatureValue>({ dataUrl: null, points: 0 });
  const rated = RATING_ASPECTS.every((a) => (ratings[a] ?? 0) >= 1);
  const ready = rated && !!signature.dataUrl && signerName.trim().length > 0;
  const problem = !signerName.trim()
    ? null
    : !rated
      ? t('workOrders.tech.ratingsRequired')
      : !signature.dataUrl
        ? t('workOrders.tech.signatureRequired')
        : null;

  return (
    <Flex vertical gap={12}>
      <Typography.Text strong>{t('workOrders.tech.ratingsTitle')}</Typography.Text>
      <RatingsInput value={ratings} onChange={setRatings} />
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
            ratings: ratings as Ratings,
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
