/**
 * RPT-7: quality review (质检). A supervisor samples handled tickets and follow-up calls — every one
 * a rule names (each complaint, each dissatisfied answer) plus a random share of the rest — scores
 * each on the company's form, and the agent sees the score and may appeal once. The final scores
 * feed the agent's monthly figures.
 */

export interface QualityFormItem {
  readonly key: string;
  readonly labelZh: string;
  readonly labelEn: string;
  readonly maxPoints: number;
}

/** The shipped form: what the manuals check on every call and record. */
export const DEFAULT_QUALITY_FORM: readonly QualityFormItem[] = [
  { key: 'greeting', labelZh: '问候与礼貌用语', labelEn: 'Greeting and courtesy', maxPoints: 10 },
  {
    key: 'listening',
    labelZh: '耐心倾听、问清诉求',
    labelEn: 'Listened and understood the request',
    maxPoints: 20,
  },
  { key: 'accuracy', labelZh: '答复准确、有依据', labelEn: 'Accurate answer with a basis', maxPoints: 25 },
  {
    key: 'commitment',
    labelZh: '承诺有依据并按时兑现',
    labelEn: 'Commitments grounded and kept',
    maxPoints: 20,
  },
  { key: 'record', labelZh: '记录完整、真实', labelEn: 'Record complete and true', maxPoints: 25 },
];

export type QualityFormError =
  | { readonly code: 'reports.quality_form_empty' }
  | { readonly code: 'reports.quality_item_duplicate'; readonly key: string }
  | { readonly code: 'reports.quality_item_points_invalid'; readonly key: string };

/** A form is usable when it has items with unique keys, each worth 1–100 whole points. */
export function checkQualityForm(items: readonly QualityFormItem[]): QualityFormError | null {
  if (items.length === 0) return { code: 'reports.quality_form_empty' };
  const seen = new Set<string>();
  for (const item of items) {
    if (seen.has(item.key)) return { code: 'reports.quality_item_duplicate', key: item.key };
    seen.add(item.key);
    if (!Number.isInteger(item.maxPoints) || item.maxPoints < 1 || item.maxPoints > 100)
      return { code: 'reports.quality_item_points_invalid', key: item.key };
  }
  return null;
}

export type QualityScoreError =
  | { readonly code: 'reports.quality_score_missing'; readonly key: string }
  | { readonly code: 'reports.quality_score_out_of_range'; readonly key: string; readonly maxPoints: number }
  | { readonly code: 'reports.quality_score_unknown_item'; readonly key: string };

/** The total of a scored review as points and as a percentage (0–100, one decimal). */
export function scoreReview(
  form: readonly QualityFormItem[],
  points: Readonly<Record<string, number>>,
):
  { ok: true; points: number; maxPoints: number; percent: number } | { ok: false; error: QualityScoreError } {
  const known = new Set(form.map((i) => i.key));
  for (const key of Object.keys(points))
    if (!known.has(key)) return { ok: false, error: { code: 'reports.quality_score_unknown_item', key } };
  let total = 0;
  let max = 0;
  for (const item of form) {
    const given = points[item.key];
    if (given === undefined)
      return { ok: false, error: { code: 'reports.quality_score_missing', key: item.key } };
    if (!Number.isInteger(given) || given < 0 || given > item.maxPoints)
      return {
        ok: false,
        error: { code: 'reports.quality_score_out_of_range', key: item.key, maxPoints: item.maxPoints },
      };
    total += given;
    max += item.maxPoints;
  }
  return { ok: true, points: total, maxPoints: max, percent: Math.round((total / max) * 1000) / 10 };
}

/** Something handled that a reviewer may sample. */
export interface ReviewCandidate {
  readonly id: string;
  readonly kind: 'ticket' | 'follow_up';
  readonly agentId: string;
  readonly isComplaint: boolean;
  /** The customer answered the satisfaction question "dissatisfied" (SAT-2). */
  readonly dissatisfied: boolean;
}

export interface SamplingRule {
  readonly everyComplaint: boolean;
  readonly everyDissatisfied: boolean;
  /** Share of the remaining candidates drawn at random, 0–100 percent. */
  readonly randomPercent: number;
}

export const DEFAULT_SAMPLING: SamplingRule = {
  everyComplaint: true,
  everyDissatisfied: true,
  randomPercent: 5,
};

export type SampleReason = 'complaint' | 'dissatisfied' | 'random';

/**
 * The sample for a review round. The random draw is decided per candidate from a hash of the round's
 * seed and its id, so a round drawn again (a retried job, a second instance) picks the same ones and
 * a candidate's chance does not depend on what else is in the batch.
 */
export function drawSample(
  candidates: readonly ReviewCandidate[],
  rule: SamplingRule,
  seed: string,
): { readonly candidate: ReviewCandidate; readonly reason: SampleReason }[] {
  const sample: { candidate: ReviewCandidate; reason: SampleReason }[] = [];
  const threshold = Math.max(0, Math.min(100, rule.randomPercent)) / 100;
  for (const candidate of candidates) {
    if (rule.everyComplaint && candidate.isComplaint) sample.push({ candidate, reason: 'complaint' });
    else if (rule.everyDissatisfied && candidate.dissatisfied)
      sample.push({ candidate, reason: 'dissatisfied' });
    else if (unitHash(`${seed}:${candidate.id}`) < threshold) sample.push({ candidate, reason: 'random' });
  }
  return sample;
}

/** A string hashed to [0, 1): FNV-1a, 32 bits. */
export function unitHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash / 0x1_0000_0000;
}

/** A review's life: scored, then at most one appeal, decided by upholding or revising the score. */
export type ReviewState = 'scored' | 'appealed' | 'upheld' | 'revised';
export type ReviewAction = 'appeal' | 'uphold' | 'revise';

export type ReviewActionError =
  | { readonly code: 'reports.quality_appeal_not_yours' }
  | { readonly code: 'reports.quality_already_appealed' }
  | { readonly code: 'reports.quality_no_appeal_pending' }
  | { readonly code: 'reports.quality_reviewer_decides_own_appeal' };

/**
 * RPT-7: only the reviewed agent appeals, and only once; the appeal is decided by a supervisor other
 * than the one who scored it (upheld keeps the score, revised replaces it).
 */
export function reviewAction(
  review: { readonly state: ReviewState; readonly agentId: string; readonly reviewerId: string },
  action: ReviewAction,
  actorId: string,
): { ok: true; to: ReviewState } | { ok: false; error: ReviewActionError } {
  if (action === 'appeal') {
    if (actorId !== review.agentId) return { ok: false, error: { code: 'reports.quality_appeal_not_yours' } };
    if (review.state !== 'scored') return { ok: false, error: { code: 'reports.quality_already_appealed' } };
    return { ok: true, to: 'appealed' };
  }
  if (review.state !== 'appealed') return { ok: false, error: { code: 'reports.quality_no_appeal_pending' } };
  if (actorId === review.reviewerId)
    return { ok: false, error: { code: 'reports.quality_reviewer_decides_own_appeal' } };
  return { ok: true, to: action === 'uphold' ? 'upheld' : 'revised' };
}

/** An agent's month in quality review: reviews counted, their average final percentage, appeals won. */
export function agentQualityFigures(
  reviews: readonly {
    readonly agentId: string;
    readonly state: ReviewState;
    readonly finalPercent: number;
  }[],
): Map<string, { reviews: number; averagePercent: number; appeals: number; appealsRevised: number }> {
  const byAgent = new Map<
    string,
    { reviews: number; sum: number; appeals: number; appealsRevised: number }
  >();
  for (const r of reviews) {
    const row = byAgent.get(r.agentId) ?? { reviews: 0, sum: 0, appeals: 0, appealsRevised: 0 };
    row.reviews++;
    row.sum += r.finalPercent;
    if (r.state !== 'scored') row.appeals++;
    if (r.state === 'revised') row.appealsRevised++;
    byAgent.set(r.agentId, row);
  }
  return new Map(
    [...byAgent].map(([agentId, row]) => [
      agentId,
      {
        reviews: row.reviews,
        averagePercent: Math.round((row.sum / row.reviews) * 10) / 10,
        appeals: row.appeals,
        appealsRevised: row.appealsRevised,
      },
    ]),
  );
}
