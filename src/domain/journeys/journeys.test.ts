import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultChinaCalendar } from '../calendar';
import {
  COMMISSIONING_ENTRY,
  DELIVERY_INSTALLATION,
  ECOMMERCE_AFTER_SALES,
  MAX_DISCOUNT_FEN,
  REAL_ESTATE_PHASES,
  TILE_SHOP_ORDER,
  TRAINING_ENROLMENT,
  leadTimeDue,
  ruleViolations,
  tileBoxesToStock,
  HOME_DECORATION,
  LEFTOVER_ISSUE,
  SHIPPED_JOURNEY_TEMPLATES,
  advance,
  approvalChainOf,
  approvalRequired,
  chainFields,
  chainSteps,
  checkTemplate,
  missingToLeave,
  paymentSchedule,
  startJourney,
  templateFor,
  type JourneyRecord,
  type JourneyTemplate,
  type StageDefinition,
} from './index';

const T = Date.parse('2026-12-07T02:00:00Z');
const ok = (r: ReturnType<typeof advance>): JourneyRecord => {
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.journey;
};
/** Everything the current stage asks for, put on file. */
function fulfil(template: JourneyTemplate, j: JourneyRecord): JourneyRecord {
  const m = missingToLeave(template, j);
  return {
    ...j,
    forms: [...j.forms, ...m.forms],
    fields: {
      ...j.fields,
      ...Object.fromEntries(m.fields.map((f) => [f, 'x'])),
      // What the stages' rules read, set so they hold.
      ...(m.rules.length
        ? { areaM2: 100, m2PerBox: 1.5, boxesStocked: 80, discountFen: 0, plasteringDone: true }
        : {}),
    },
    documents: [...j.documents, ...m.documents],
    approvals: [...j.approvals, ...m.approvals],
    paymentsReceived: m.payment ? [...j.paymentsReceived, m.payment] : j.paymentsReceived,
  };
}

describe('journey templates', () => {
  it('JRN-1…8: every shipped template is a runnable template', () => {
    for (const t of SHIPPED_JOURNEY_TEMPLATES) expect(checkTemplate(t), t.code).toBeNull();
  });

  it('JRN: a template with an unknown next stage, an unreachable stage, no end or payments over 100 % is refused by name', () => {
    const base = LEFTOVER_ISSUE;
    expect(
      checkTemplate({ ...base, stages: [{ ...base.stages[0]!, next: { to: 'nowhere' } }] }),
    ).toMatchObject({ code: 'journeys.stage_unknown', stage: 'nowhere' });
    expect(
      checkTemplate({
        ...base,
        stages: [
          { key: 'a', nameZh: 'a', nameEn: 'a', role: 'agent', next: null },
          { key: 'b', nameZh: 'b', nameEn: 'b', role: 'agent', next: null },
        ],
      }),
    ).toEqual({ code: 'journeys.stage_unreachable', stage: 'b' });
    expect(
      checkTemplate({
        ...base,
        stages: [{ key: 'a', nameZh: 'a', nameEn: 'a', role: 'agent', next: { to: 'a' } }],
      }),
    ).toEqual({ code: 'journeys.no_final_stage' });
    const overpaid = HOME_DECORATION.stages.map((s) =>
      s.payment ? { ...s, payment: { ...s.payment, percent: 60 } } : s,
    );
    expect(checkTemplate({ ...HOME_DECORATION, stages: overpaid })).toEqual({
      code: 'journeys.payments_over_contract',
      percent: 180,
    });
    expect(checkTemplate({ ...base, stages: [] })).toEqual({ code: 'journeys.template_empty' });
  });
});

describe('running a journey', () => {
  it('JRN-1: a stage cannot be left while its form is missing, and the refusal names it', () => {
    const j = startJourney(LEFTOVER_ISSUE, T);
    expect(advance(LEFTOVER_ISSUE, j, T, false)).toEqual({
      ok: false,
      error: {
        code: 'journeys.requirements_missing',
        missing: {
          forms: ['installation_feedback'],
          fields: [],
          documents: [],
          approvals: [],
          payment: null,
          rules: [],
        },
      },
    });
  });

  it('JRN-1: "needs an order?" — yes goes through the leftover sheet and the warehouse, no straight to booking the visit', () => {
    const received = fulfil(LEFTOVER_ISSUE, startJourney(LEFTOVER_ISSUE, T));
    expect(advance(LEFTOVER_ISSUE, received, T)).toMatchObject({
      ok: false,
      error: { code: 'journeys.answer_required', question: 'needs_order' },
    });
    expect(ok(advance(LEFTOVER_ISSUE, received, T, true)).stage).toBe('leftover_sheet');
    expect(ok(advance(LEFTOVER_ISSUE, received, T, false)).stage).toBe('book_visit');
  });

  it('JRN-1: walked to the end, the journey records each stage with when it was entered and left', () => {
    let j = startJourney(LEFTOVER_ISSUE, T);
    let at = T;
    while (j.stage !== null) {
      at += 3_600_000;
      j = ok(advance(LEFTOVER_ISSUE, fulfil(LEFTOVER_ISSUE, j), at, true));
    }
    expect(j.history.map((h) => h.stage)).toEqual(LEFTOVER_ISSUE.stages.map((s) => s.key));
    expect(j.history[1]).toEqual({
      stage: 'leftover_sheet',
      enteredAt: T + 3_600_000,
      leftAt: T + 7_200_000,
    });
    expect(advance(LEFTOVER_ISSUE, j, at)).toEqual({ ok: false, error: { code: 'journeys.finished' } });
  });

  it('JRN-2: the contract cannot be left before the 60 % first payment; 60 / 35 / final add up to the contract to the fen', () => {
    const schedule = paymentSchedule(HOME_DECORATION, 12_345_67);
    expect(schedule.map((p) => [p.key, p.amountFen])).toEqual([
      ['first', 740_740],
      ['mid_term', 432_098],
      ['final', 61_729],
    ]);
    expect(schedule.reduce((s, p) => s + p.amountFen, 0)).toBe(12_345_67);
    expect(schedule[2]!.dueWithin).toEqual({ unit: 'working_hours', amount: 2 });
    let j = startJourney(HOME_DECORATION, T);
    while (j.stage !== 'contract') j = ok(advance(HOME_DECORATION, fulfil(HOME_DECORATION, j), T));
    const signedNotPaid = { ...j, fields: { contractFen: 12_345_67 }, documents: ['signed_contract'] };
    expect(advance(HOME_DECORATION, signedNotPaid, T)).toMatchObject({
      ok: false,
      error: { code: 'journeys.requirements_missing', missing: { payment: 'first' } },
    });
  });

  it('JRN: a running journey keeps the version it started with; an edit of the template is a new version', () => {
    const j = startJourney(HOME_DECORATION, T);
    const edited: JourneyTemplate = {
      ...HOME_DECORATION,
      version: 2,
      stages: HOME_DECORATION.stages.map((s) =>
        s.key === 'brief' ? { ...s, forms: ['customer_brief', 'budget'] } : s,
      ),
    };
    const versions = [HOME_DECORATION, edited];
    expect(templateFor(versions, j)).toBe(HOME_DECORATION);
    expect(missingToLeave(templateFor(versions, j)!, j).forms).toEqual(['customer_brief']);
    expect(templateFor(versions, { templateCode: 'home_decoration', templateVersion: 3 })).toBeNull();
  });

  it('JRN: random moves never leave a stage whose requirements are missing', () => {
    const action = fc.oneof(
      fc.constant({ kind: 'advance' as const }),
      fc.constant({ kind: 'fulfil' as const }),
      fc.boolean().map((answer) => ({ kind: 'answer' as const, answer })),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...SHIPPED_JOURNEY_TEMPLATES),
        fc.array(action, { maxLength: 40 }),
        (template, actions) => {
          let j = startJourney(template, T);
          for (const a of actions) {
            if (a.kind === 'fulfil') {
              j = fulfil(template, j);
              continue;
            }
            const before = missingToLeave(template, j);
            const r = advance(template, j, T, a.kind === 'answer' ? a.answer : undefined);
            if (!r.ok) continue;
            const complete =
              before.forms.length +
                before.fields.length +
                before.documents.length +
                before.approvals.length +
                before.rules.length ===
                0 && before.payment === null;
            if (!complete) return false;
            j = r.journey;
          }
          return true;
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('the manuals’ numbers (JRN-2…8)', () => {
  const cal = defaultChinaCalendar();
  const stageOf = (t: JourneyTemplate, key: string) => t.stages.find((s) => s.key === key)!;
  const at = (
    t: JourneyTemplate,
    key: string,
    fields: Record<string, unknown>,
    approvals: string[] = [],
  ) => ({
    ...startJourney(t, T),
    stage: key,
    fields,
    approvals,
  });

  it('JRN-8: stock is the area with 5 % loss in whole boxes plus 2 boxes; fewer boxes cannot leave the stage', () => {
    expect(tileBoxesToStock(100, 1.5)).toBe(72); // 105 m² ÷ 1.5 = 70 boxes + 2
    expect(tileBoxesToStock(40, 1.44)).toBe(32); // 42 ÷ 1.44 = 29.17 → 30 + 2
    const stock = stageOf(TILE_SHOP_ORDER, 'stock');
    expect(
      ruleViolations(stock, at(TILE_SHOP_ORDER, 'stock', { areaM2: 100, m2PerBox: 1.5, boxesStocked: 71 })),
    ).toEqual(['tile_stock_with_loss']);
    expect(
      ruleViolations(stock, at(TILE_SHOP_ORDER, 'stock', { areaM2: 100, m2PerBox: 1.5, boxesStocked: 72 })),
    ).toEqual([]);
    expect(paymentSchedule(TILE_SHOP_ORDER, 10_000_00).map((p) => p.amountFen)).toEqual([3_000_00, 7_000_00]);
  });

  it('JRN-7: the entry notice is due 7 days before entry, at the same hour', () => {
    const notice = stageOf(COMMISSIONING_ENTRY, 'notice');
    expect(leadTimeDue(notice.leadTime!, { entryAt: '2026-12-21T01:00:00.000Z' }, cal)).toBe(
      Date.parse('2026-12-14T01:00:00.000Z'),
    );
    expect(leadTimeDue(notice.leadTime!, {}, cal)).toBeNull();
  });

  it('JRN-3: the reconfirmation call is due 5 working days before the appointment — across the Spring Festival holiday', () => {
    const lead = stageOf(DELIVERY_INSTALLATION, 'reconfirmation').leadTime!;
    expect(lead).toEqual({ field: 'appointmentAt', unit: 'working_days', amount: 5 });
    // An ordinary week: Monday 21 Dec 2026, 10:00 Beijing → the Monday before.
    expect(leadTimeDue(lead, { appointmentAt: '2026-12-21T02:00:00.000Z' }, cal)).toBe(
      Date.parse('2026-12-14T02:00:00.000Z'),
    );
    // Spring Festival 2026 (off Sun 15 – Mon 23 Feb, Saturday 14 Feb worked): an appointment on
    // Thursday 26 Feb at 10:00 counts back 25, 24, 14, 13 Feb → the call is due Thursday 12 Feb, 10:00.
    expect(leadTimeDue(lead, { appointmentAt: '2026-02-26T02:00:00.000Z' }, cal)).toBe(
      Date.parse('2026-02-12T02:00:00.000Z'),
    );
  });

  it('JRN-2: 60 % / 35 % / final; a discount above ¥200 keeps the contract stage closed', () => {
    expect(HOME_DECORATION.stages.flatMap((s) => (s.payment ? [s.payment.percent] : []))).toEqual([
      60, 35, 5,
    ]);
    const contract = stageOf(HOME_DECORATION, 'contract');
    expect(ruleViolations(contract, at(HOME_DECORATION, 'contract', { discountFen: 20_000 }))).toEqual([]);
    expect(ruleViolations(contract, at(HOME_DECORATION, 'contract', { discountFen: 20_001 }))).toEqual([
      'discount_within_authority',
    ]);
    expect(MAX_DISCOUNT_FEN).toBe(20_000);
  });

  it('JRN-2: a discount is approved by the service manager up to ¥200; above it no step applies (refused); none given, none needed', () => {
    const contract = stageOf(HOME_DECORATION, 'contract');
    const chain = approvalChainOf(contract, 'discount')!;
    expect(chainSteps(chain, { discountFen: 20_000 }).map((s) => s.permission)).toEqual([
      'journeys.discounts.approve',
    ]);
    expect(chainSteps(chain, { discountFen: 20_001 })).toEqual([]);
    expect(approvalRequired(contract, 'discount', { discountFen: 0 })).toBe(false);
    expect(approvalRequired(contract, 'discount', {})).toBe(false);
    expect(approvalRequired(contract, 'discount', { discountFen: '15000' })).toBe(true);
    expect(
      missingToLeave(HOME_DECORATION, at(HOME_DECORATION, 'contract', { discountFen: 15_000 })).approvals,
    ).toEqual(['discount']);
    expect(missingToLeave(HOME_DECORATION, at(HOME_DECORATION, 'contract', {})).approvals).toEqual([]);
  });

  it('JRN-5: a template whose approval chain is malformed is refused', () => {
    const openDay = stageOf(REAL_ESTATE_PHASES, 'open_day');
    const broken = (approvalChains: StageDefinition['approvalChains']): JourneyTemplate => ({
      ...REAL_ESTATE_PHASES,
      stages: REAL_ESTATE_PHASES.stages.map((s) =>
        s.key === 'open_day' ? { ...openDay, approvalChains } : s,
      ),
    });
    expect(checkTemplate(REAL_ESTATE_PHASES)).toBeNull();
    const step = { key: 'a', nameZh: '甲', nameEn: 'A' };
    for (const chains of [
      [{ approval: 'not_asked', steps: [{ ...step, roles: ['x'] }] }],
      [{ approval: 'open_day_sign_off', steps: [] }],
      [{ approval: 'open_day_sign_off', steps: [step] }],
      [
        {
          approval: 'open_day_sign_off',
          steps: [
            { ...step, roles: ['x'] },
            { ...step, roles: ['y'] },
          ],
        },
      ],
    ])
      expect(checkTemplate(broken(chains))).toEqual({
        code: 'journeys.approval_chain_invalid',
        stage: 'open_day',
        approval: chains[0]!.approval,
      });
  });

  it('JRN-5: the open day’s sign-off chain has the vice-president after the supervisor before plastering, only the supervisor after; pre-handover inspection 1 month before', () => {
    const openDay = stageOf(REAL_ESTATE_PHASES, 'open_day');
    const chain = approvalChainOf(openDay, 'open_day_sign_off')!;
    expect(chainSteps(chain, {}).map((s) => s.key)).toEqual(['supervisor', 'vice_president']);
    expect(chainSteps(chain, { plasteringDone: false }).map((s) => s.key)).toEqual([
      'supervisor',
      'vice_president',
    ]);
    expect(chainSteps(chain, { plasteringDone: true }).map((s) => s.key)).toEqual(['supervisor']);
    expect(chainSteps(chain, {})[1]!.roles).toEqual(['vice_president']);
    // The sign-off is needed either way; the stage cannot be left without it.
    expect(missingToLeave(REAL_ESTATE_PHASES, at(REAL_ESTATE_PHASES, 'open_day', {})).approvals).toEqual([
      'open_day_sign_off',
    ]);
    expect(chainFields(chain)).toEqual(['plasteringDone']);
    // Version 1 (only a rule) stays readable for the journeys that run on it.
    expect(
      ruleViolations(
        { ...openDay, rules: ['open_day_after_plastering'] },
        at(REAL_ESTATE_PHASES, 'open_day', {}, ['vice_president_open_day']),
      ),
    ).toEqual([]);
    expect(stageOf(REAL_ESTATE_PHASES, 'pre_handover').leadTime).toEqual({
      field: 'handoverAt',
      unit: 'calendar_days',
      amount: 30,
    });
  });

  it('JRN-4: a negative review is contacted within the day and, if it stays, explained in public', () => {
    let j = fulfil(ECOMMERCE_AFTER_SALES, startJourney(ECOMMERCE_AFTER_SALES, T));
    j = ok(advance(ECOMMERCE_AFTER_SALES, j, T, false));
    j = ok(advance(ECOMMERCE_AFTER_SALES, j, T, false));
    expect(j.stage).toBe('review_contact');
    expect(stageOf(ECOMMERCE_AFTER_SALES, 'review_contact').limit).toEqual({
      unit: 'working_days',
      amount: 1,
    });
    j = ok(advance(ECOMMERCE_AFTER_SALES, fulfil(ECOMMERCE_AFTER_SALES, j), T));
    j = ok(advance(ECOMMERCE_AFTER_SALES, fulfil(ECOMMERCE_AFTER_SALES, j), T, true));
    expect(j.stage).toBe('public_explanation');
  });

  it('JRN-6: a trial class without enrolment goes to follow-up and ends; enrolment asks for the plan, guarantee and file', () => {
    expect(stageOf(TRAINING_ENROLMENT, 'trial_class').next).toMatchObject({
      yes: 'enrolment',
      no: 'follow_up',
    });
    expect(stageOf(TRAINING_ENROLMENT, 'enrolment').documents).toEqual([
      'learning_plan',
      'success_guarantee',
      'learning_file',
    ]);
  });
});
