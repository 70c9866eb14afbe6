import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  HOME_DECORATION,
  LEFTOVER_ISSUE,
  SHIPPED_JOURNEY_TEMPLATES,
  advance,
  checkTemplate,
  missingToLeave,
  paymentSchedule,
  startJourney,
  templateFor,
  type JourneyRecord,
  type JourneyTemplate,
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
    fields: { ...j.fields, ...Object.fromEntries(m.fields.map((f) => [f, 'x'])) },
    documents: [...j.documents, ...m.documents],
    approvals: [...j.approvals, ...m.approvals],
    paymentsReceived: m.payment ? [...j.paymentsReceived, m.payment] : j.paymentsReceived,
  };
}

describe('journey templates', () => {
  it('JRN-1…3: every shipped template is a runnable template', () => {
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
                before.approvals.length ===
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
