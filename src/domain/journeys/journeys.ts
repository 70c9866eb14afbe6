/**
 * Journeys (JRN-1…8): the manuals' staged processes — a leftover installation issue, a home-decoration
 * project, a delivery with installation — as versioned templates. A template lists stages, the role
 * responsible for each, its time limit (counted by the SLA engine in the unit's calendar), what must
 * be on file before the stage can be left (forms, fields, documents, approvals, payments), and where
 * it goes next — straight on, or by the answer to a question ("needs an order?"). A running journey
 * keeps the template version it started with. Pure: instants are passed in.
 */
import { addCalendarTime, closeOfBusinessAfterWorkingDays, type WorkingCalendar } from '../calendar';

export type StageLimit = {
  readonly unit: 'working_hours' | 'working_days' | 'calendar_hours' | 'calendar_days';
  readonly amount: number;
};

/** A payment the stage asks for: a share of the contract, due within its own limit. */
export interface StagePayment {
  readonly key: string;
  readonly nameZh: string;
  readonly nameEn: string;
  /** Percent of the contract sum; the last payment of a template takes the remainder. */
  readonly percent: number;
  readonly dueWithin?: StageLimit;
}

/** Where a journey goes when a stage is left: on to one stage, by a yes/no answer, or nowhere (done). */
export type StageNext =
  | { readonly to: string }
  | { readonly question: string; readonly questionZh: string; readonly yes: string; readonly no: string }
  | null;

export interface StageDefinition {
  readonly key: string;
  readonly nameZh: string;
  readonly nameEn: string;
  /** Role code responsible for the stage. */
  readonly role: string;
  readonly limit?: StageLimit;
  /** Forms (their codes) that must be filled before the stage can be left. */
  readonly forms?: readonly string[];
  /** Fields of the journey that must have a value. */
  readonly fields?: readonly string[];
  /** Documents that must be attached (signed contract, acceptance form…). */
  readonly documents?: readonly string[];
  /** Approvals (approval-engine subjects) that must be granted. */
  readonly approvals?: readonly string[];
  /**
   * The chains of the stage's approvals that declare their own (by approval key); an approval
   * without one goes through the unit's journey-approval chain rule (one supervisor or manager).
   */
  readonly approvalChains?: readonly JourneyApprovalChain[];
  /** A payment that must be received before the stage is left. */
  readonly payment?: StagePayment;
  /** Business rules checked on the journey's fields before the stage is left (see `ruleViolations`). */
  readonly rules?: readonly JourneyRule[];
  /**
   * The stage is due a lead time BEFORE a date on file (JRN-3: reconfirmation at least 5 working days
   * before the appointment; JRN-7: notice 7 days before entry), instead of a limit after entering.
   */
  readonly leadTime?: StageLeadTime;
  /**
   * JRN-3: the journey field holding the visit's start (an ISO instant). When it is recorded the
   * customer is texted one hour before the visit — at the earliest allowed moment before it when
   * that hour falls in quiet hours, or the evening before; never dropped.
   */
  readonly visitReminder?: { readonly field: string };
  /**
   * JRN-2: the stage takes a deposit, its amount in fen in the journey field `field`. The deposit is
   * credited to the project once the journey has left the stage `creditedWhenLeft` (the contract);
   * a journey closed before that (no contract) forfeits it. The manual sets no deadline after which
   * an unsigned deposit lapses on its own, so nothing here counts one.
   */
  readonly deposit?: StageDeposit;
  /** A follow-up call generated for the stage's role when the journey enters it (a call-back task). */
  readonly followUpCall?: { readonly within: StageLimit; readonly noteZh: string };
  readonly next: StageNext;
}

/**
 * A condition on the journey's fields, as a chain step or an approval reads it: a number field
 * compared with a number (a missing number reads as 0: no discount given), or any field equal or not
 * equal to a value (`plasteringDone` not true: before plastering).
 */
export interface FieldCondition {
  readonly field: string;
  readonly op: 'eq' | 'ne' | 'lt' | 'lte' | 'gt' | 'gte';
  readonly value: number | string | boolean;
}

/** One step of an approval's chain: who signs, and when the step applies. */
export interface JourneyApprovalStep {
  readonly key: string;
  readonly nameZh: string;
  readonly nameEn: string;
  /** Role codes, any of which signs (held at the journey's unit or above). */
  readonly roles?: readonly string[];
  /** Or: whoever holds a role carrying this permission (the roles are resolved when asked). */
  readonly permission?: string;
  /** The step is in the chain only when every condition holds on the journey's fields. */
  readonly when?: readonly FieldCondition[];
}

/**
 * The chain an approval of a stage runs, in order, chosen on the journey's fields when the approval
 * is asked for (JRN-5: before plastering the vice-president signs after the supervisor; JRN-2: a
 * discount up to ¥200 by the service manager). When no step applies nobody has the authority: the
 * request is refused, not escalated (JRN-2: no discount above ¥200).
 */
export interface JourneyApprovalChain {
  /** The approval (a key of the stage's `approvals`) this chain is for. */
  readonly approval: string;
  readonly steps: readonly JourneyApprovalStep[];
  /** The approval is needed only when these hold (a discount approval only when a discount is given). */
  readonly requiredWhen?: readonly FieldCondition[];
}

export function conditionHolds(c: FieldCondition, fields: Readonly<Record<string, unknown>>): boolean {
  const raw = fields[c.field];
  if (typeof c.value === 'number') {
    const n = num(raw) ?? 0;
    if (c.op === 'eq') return n === c.value;
    if (c.op === 'ne') return n !== c.value;
    if (c.op === 'lt') return n < c.value;
    if (c.op === 'lte') return n <= c.value;
    if (c.op === 'gt') return n > c.value;
    return n >= c.value;
  }
  if (c.op === 'eq') return raw === c.value;
  if (c.op === 'ne') return raw !== c.value;
  return false;
}

const allHold = (cs: readonly FieldCondition[] | undefined, fields: Readonly<Record<string, unknown>>) =>
  (cs ?? []).every((c) => conditionHolds(c, fields));

/** The chain a stage declares for one of its approvals, if any. */
export function approvalChainOf(stage: StageDefinition, approval: string): JourneyApprovalChain | null {
  return stage.approvalChains?.find((c) => c.approval === approval) ?? null;
}

/** Whether the stage needs the approval on these fields (`requiredWhen`; no chain: always). */
export function approvalRequired(
  stage: StageDefinition,
  approval: string,
  fields: Readonly<Record<string, unknown>>,
): boolean {
  return allHold(approvalChainOf(stage, approval)?.requiredWhen, fields);
}

/**
 * The steps of an approval's chain that apply to the journey's fields, in order; empty when none
 * does (nobody may sign it: refused).
 */
export function chainSteps(
  chain: JourneyApprovalChain,
  fields: Readonly<Record<string, unknown>>,
): JourneyApprovalStep[] {
  return chain.steps.filter((s) => allHold(s.when, fields));
}

/** The fields an approval's chain reads: a change to one of them after it was asked puts it aside. */
export function chainFields(chain: JourneyApprovalChain): string[] {
  return [
    ...new Set([
      ...(chain.requiredWhen ?? []).map((c) => c.field),
      ...chain.steps.flatMap((s) => (s.when ?? []).map((c) => c.field)),
    ]),
  ];
}

export interface StageDeposit {
  readonly field: string;
  readonly creditedWhenLeft: string;
}

export interface StageLeadTime {
  /** The journey field holding the date (ISO instant) the lead time is counted back from. */
  readonly field: string;
  readonly unit: 'working_days' | 'calendar_days';
  readonly amount: number;
}

/**
 * Rules of the manuals checked on a journey's fields:
 * - tile_stock_with_loss (JRN-8): boxes stocked ≥ area × 1.05 ÷ m² per box, rounded up, + 2 boxes;
 * - discount_within_authority (JRN-2): a discount up to ¥200 (the service manager's), none above;
 * - open_day_after_plastering (JRN-5): a construction open day only after plastering, unless a
 *   vice-president signed (approval `vice_president_open_day`).
 */
export type JourneyRule = 'tile_stock_with_loss' | 'discount_within_authority' | 'open_day_after_plastering';
export const JOURNEY_RULES: readonly JourneyRule[] = [
  'tile_stock_with_loss',
  'discount_within_authority',
  'open_day_after_plastering',
];

/** JRN-2: the largest discount anyone may give on a decoration project (the service manager's), in fen. */
export const MAX_DISCOUNT_FEN = 20_000;

/** JRN-8: boxes of tiles to stock for an area — 5 % loss, rounded up to whole boxes, plus 2 boxes. */
export function tileBoxesToStock(areaM2: number, m2PerBox: number): number {
  // Rounded to 1e-9 first so 100 m² × 1.05 is 105, not 105.00000000000001.
  return Math.ceil(Math.round(((areaM2 * 1.05) / m2PerBox) * 1e9) / 1e9) + 2;
}

const num = (v: unknown): number | null => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : null;
};

/** The rules of the current stage the journey's fields break (empty: none). */
export function ruleViolations(stage: StageDefinition, journey: JourneyRecord): JourneyRule[] {
  const f = journey.fields;
  return (stage.rules ?? []).filter((rule) => {
    if (rule === 'tile_stock_with_loss') {
      const area = num(f.areaM2);
      const perBox = num(f.m2PerBox);
      const stocked = num(f.boxesStocked);
      if (area === null || perBox === null || perBox <= 0 || stocked === null) return true;
      return stocked < tileBoxesToStock(area, perBox);
    }
    if (rule === 'discount_within_authority') {
      const discount = num(f.discountFen) ?? 0;
      return discount < 0 || discount > MAX_DISCOUNT_FEN;
    }
    return !(f.plasteringDone === true || journey.approvals.includes('vice_president_open_day'));
  });
}

export interface JourneyTemplate {
  readonly code: string;
  readonly version: number;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly stages: readonly StageDefinition[];
}

export type TemplateError =
  | { readonly code: 'journeys.template_empty' }
  | { readonly code: 'journeys.stage_duplicate'; readonly stage: string }
  | { readonly code: 'journeys.stage_unknown'; readonly stage: string; readonly from: string }
  | { readonly code: 'journeys.stage_unreachable'; readonly stage: string }
  | { readonly code: 'journeys.no_final_stage' }
  | { readonly code: 'journeys.payments_over_contract'; readonly percent: number }
  | { readonly code: 'journeys.limit_invalid'; readonly stage: string }
  | { readonly code: 'journeys.deposit_invalid'; readonly stage: string }
  | { readonly code: 'journeys.approval_chain_invalid'; readonly stage: string; readonly approval: string };

const targetsOf = (next: StageNext): string[] =>
  next === null ? [] : 'to' in next ? [next.to] : [next.yes, next.no];

/**
 * A template can run when its stage keys are unique, every "next" names a stage, every stage can be
 * reached from the first, at least one stage ends the journey, limits are positive, and the payments
 * add up to no more than the contract.
 */
export function checkTemplate(template: JourneyTemplate): TemplateError | null {
  const stages = template.stages;
  if (stages.length === 0) return { code: 'journeys.template_empty' };
  const keys = new Set<string>();
  for (const s of stages) {
    if (keys.has(s.key)) return { code: 'journeys.stage_duplicate', stage: s.key };
    keys.add(s.key);
    for (const limit of [s.limit, s.leadTime, s.payment?.dueWithin, s.followUpCall?.within])
      if (limit && !(Number.isFinite(limit.amount) && limit.amount > 0))
        return { code: 'journeys.limit_invalid', stage: s.key };
  }
  for (const s of stages) {
    for (const to of targetsOf(s.next))
      if (!keys.has(to)) return { code: 'journeys.stage_unknown', stage: to, from: s.key };
    if (s.deposit && !keys.has(s.deposit.creditedWhenLeft))
      return { code: 'journeys.deposit_invalid', stage: s.key };
    for (const c of s.approvalChains ?? []) {
      const stepKeys = c.steps.map((st) => st.key);
      const valid =
        (s.approvals ?? []).includes(c.approval) &&
        c.steps.length > 0 &&
        new Set(stepKeys).size === stepKeys.length &&
        c.steps.every((st) => (st.roles?.length ?? 0) > 0 || !!st.permission) &&
        (s.approvalChains ?? []).filter((o) => o.approval === c.approval).length === 1;
      if (!valid) return { code: 'journeys.approval_chain_invalid', stage: s.key, approval: c.approval };
    }
  }
  if (!stages.some((s) => s.next === null)) return { code: 'journeys.no_final_stage' };
  const reached = new Set([stages[0]!.key]);
  const queue = [stages[0]!.key];
  while (queue.length) {
    const key = queue.shift();
    const stage = stages.find((s) => s.key === key)!;
    for (const to of targetsOf(stage.next))
      if (!reached.has(to)) {
        reached.add(to);
        queue.push(to);
      }
  }
  const unreachable = stages.find((s) => !reached.has(s.key));
  if (unreachable) return { code: 'journeys.stage_unreachable', stage: unreachable.key };
  const percent = stages.reduce((sum, s) => sum + (s.payment?.percent ?? 0), 0);
  if (percent > 100) return { code: 'journeys.payments_over_contract', percent };
  return null;
}

/** What is on file for a running journey. */
export interface JourneyRecord {
  readonly templateCode: string;
  /** The version it started with: a later edit of the template does not touch it. */
  readonly templateVersion: number;
  readonly stage: string | null;
  readonly enteredAt: number;
  readonly forms: readonly string[];
  readonly fields: Readonly<Record<string, unknown>>;
  readonly documents: readonly string[];
  readonly approvals: readonly string[];
  readonly paymentsReceived: readonly string[];
  readonly history: readonly {
    readonly stage: string;
    readonly enteredAt: number;
    readonly leftAt: number;
  }[];
}

/** A new journey at the template's first stage. */
export function startJourney(template: JourneyTemplate, at: number): JourneyRecord {
  return {
    templateCode: template.code,
    templateVersion: template.version,
    stage: template.stages[0]!.key,
    enteredAt: at,
    forms: [],
    fields: {},
    documents: [],
    approvals: [],
    paymentsReceived: [],
    history: [],
  };
}

/** The template version a journey runs on, from all versions of its template. */
export function templateFor(
  versions: readonly JourneyTemplate[],
  journey: Pick<JourneyRecord, 'templateCode' | 'templateVersion'>,
): JourneyTemplate | null {
  return (
    versions.find((t) => t.code === journey.templateCode && t.version === journey.templateVersion) ?? null
  );
}

export interface MissingItems {
  readonly forms: readonly string[];
  readonly fields: readonly string[];
  readonly documents: readonly string[];
  readonly approvals: readonly string[];
  readonly payment: string | null;
  /** Rules of the stage the fields break. */
  readonly rules: readonly JourneyRule[];
}

const isFilled = (value: unknown) => value !== undefined && value !== null && value !== '';

/** What the current stage still needs before it can be left (all empty: nothing). */
export function missingToLeave(template: JourneyTemplate, journey: JourneyRecord): MissingItems {
  const stage = template.stages.find((s) => s.key === journey.stage);
  const none: MissingItems = {
    forms: [],
    fields: [],
    documents: [],
    approvals: [],
    payment: null,
    rules: [],
  };
  if (!stage) return none;
  return {
    forms: (stage.forms ?? []).filter((f) => !journey.forms.includes(f)),
    fields: (stage.fields ?? []).filter((f) => !isFilled(journey.fields[f])),
    documents: (stage.documents ?? []).filter((d) => !journey.documents.includes(d)),
    approvals: (stage.approvals ?? []).filter(
      (a) => !journey.approvals.includes(a) && approvalRequired(stage, a, journey.fields),
    ),
    payment:
      stage.payment && !journey.paymentsReceived.includes(stage.payment.key) ? stage.payment.key : null,
    rules: ruleViolations(stage, journey),
  };
}

export const nothingMissing = (m: MissingItems) =>
  m.forms.length + m.fields.length + m.documents.length + m.approvals.length + m.rules.length === 0 &&
  m.payment === null;

export type AdvanceError =
  | { readonly code: 'journeys.finished' }
  | { readonly code: 'journeys.requirements_missing'; readonly missing: MissingItems }
  | { readonly code: 'journeys.answer_required'; readonly question: string };

/**
 * Leaves the current stage for the next: refused, naming what is missing, while anything the stage
 * requires is not on file; a question stage needs its answer. The last stage finishes the journey.
 */
export function advance(
  template: JourneyTemplate,
  journey: JourneyRecord,
  at: number,
  answer?: boolean,
): { ok: true; journey: JourneyRecord } | { ok: false; error: AdvanceError } {
  const stage = template.stages.find((s) => s.key === journey.stage);
  if (!stage) return { ok: false, error: { code: 'journeys.finished' } };
  const missing = missingToLeave(template, journey);
  if (!nothingMissing(missing))
    return { ok: false, error: { code: 'journeys.requirements_missing', missing } };
  let to: string | null;
  if (stage.next === null) to = null;
  else if ('to' in stage.next) to = stage.next.to;
  else {
    if (answer === undefined)
      return { ok: false, error: { code: 'journeys.answer_required', question: stage.next.question } };
    to = answer ? stage.next.yes : stage.next.no;
  }
  return {
    ok: true,
    journey: {
      ...journey,
      stage: to,
      enteredAt: at,
      history: [...journey.history, { stage: stage.key, enteredAt: journey.enteredAt, leftAt: at }],
    },
  };
}

/**
 * The payments of a template on a contract sum, in fen: each its percentage rounded down to the fen,
 * the last one the remainder, so they add up to the contract exactly (when the template's add up to 100 %).
 */
export function paymentSchedule(
  template: JourneyTemplate,
  contractFen: number,
): { key: string; stage: string; amountFen: number; dueWithin: StageLimit | null }[] {
  const payments = template.stages.flatMap((s) => (s.payment ? [{ stage: s.key, payment: s.payment }] : []));
  const total = payments.reduce((sum, p) => sum + p.payment.percent, 0);
  let assigned = 0;
  return payments.map(({ stage, payment }, i) => {
    const last = i === payments.length - 1 && total === 100;
    const amountFen = last ? contractFen - assigned : Math.floor((contractFen * payment.percent) / 100);
    assigned += amountFen;
    return { key: payment.key, stage, amountFen, dueWithin: payment.dueWithin ?? null };
  });
}

/**
 * The due instant of a stage with a lead time, from the date on file (null while it is not):
 * calendar days count back the same wall time; working days give the latest day, at the same hour,
 * from which the date still lies the amount of working days ahead (SLA-2 counting: the date falls on
 * or after the close of business of the n-th working day after it). `cal` is the unit's calendar.
 */
export function leadTimeDue(
  lead: StageLeadTime,
  fields: Readonly<Record<string, unknown>>,
  cal: WorkingCalendar,
): number | null {
  const raw = fields[lead.field];
  const at = typeof raw === 'string' || typeof raw === 'number' ? new Date(raw).getTime() : NaN;
  if (!Number.isFinite(at)) return null;
  if (lead.unit === 'calendar_days') return addCalendarTime(cal, at, -lead.amount, 'days');
  const dayOfDate = closeOfBusinessAfterWorkingDays(cal, at, 0);
  // A working day holds at most one of the amount; holidays are at most a few weeks long.
  for (let k = lead.amount; k <= lead.amount * 7 + 60; k++) {
    const candidate = addCalendarTime(cal, at, -k, 'days');
    if (closeOfBusinessAfterWorkingDays(cal, candidate, lead.amount) <= dayOfDate) return candidate;
  }
  return null;
}

/** What becomes of a deposit when a journey is closed early (JRN-2). */
export interface DepositOutcome {
  /** The stage that took it. */
  readonly stage: string;
  readonly amountFen: number;
  /** Forfeited: closed before the contract; credited: the contract was signed, it is part of the project. */
  readonly outcome: 'forfeited' | 'credited_to_project';
}

/**
 * JRN-2: the deposits on file when a journey is closed without finishing. A deposit taken (its field
 * holds a positive amount) is credited to the project once the crediting stage (the contract) has
 * been left, and forfeited otherwise. `leftStages` are the stages the journey has left so far.
 */
export function depositsOnClose(
  template: JourneyTemplate,
  fields: Readonly<Record<string, unknown>>,
  leftStages: readonly string[],
): DepositOutcome[] {
  return template.stages.flatMap((s) => {
    if (!s.deposit) return [];
    const amountFen = num(fields[s.deposit.field]);
    if (amountFen === null || amountFen <= 0) return [];
    const credited = leftStages.includes(s.deposit.creditedWhenLeft);
    return [{ stage: s.key, amountFen, outcome: credited ? 'credited_to_project' : 'forfeited' }];
  });
}
