import { describe, expect, it } from 'vitest';
import { defaultChinaCalendar } from '../calendar';
import { dayFromIsoDate, isoDateFromDay } from '../calendar/time-zone';
import {
  afterAttempt,
  careRuleProblem,
  contactTime,
  dateDueAt,
  dateOccurrences,
  effectiveCareRules,
  eventDueAt,
  holidayStarts,
  mergeKeyOf,
  occurrenceKey,
  planEventTasks,
  shiftDay,
  shippedCareRule,
  SHIPPED_CARE_RULES,
  type CareRule,
  type CustomerDates,
} from './index';

const cal = defaultChinaCalendar();
const TZ = 'Asia/Shanghai';
const hours = { start: '09:00', end: '20:30' };
const day = (iso: string) => dayFromIsoDate(iso)!;
const rule = (code: string): CareRule => shippedCareRule(code)!;
const customer = (over: Partial<CustomerDates> = {}): CustomerDates => ({
  customerId: 'c1',
  birthday: null,
  lastVisit: null,
  assets: [],
  ...over,
});

describe('CARE-1 shipped defaults', () => {
  it('CARE-1: every default of the list is shipped, enabled and valid', () => {
    const codes = SHIPPED_CARE_RULES.map((r) => r.code);
    expect(codes).toEqual(
      expect.arrayContaining([
        'service_done_sms',
        'service_followup_day3',
        'survey_after_ticket',
        'survey_after_workorder',
        'maintenance_due',
        'inspection_due',
        'birthday_greeting',
        'holiday_greeting',
        'lapsed_recall_120',
        'marketing_361',
        'retail_sale_call',
        'retail_thank_you_letter',
        'retail_second_call',
        'real_estate_residence',
        'installation_reconfirm',
      ]),
    );
    for (const r of SHIPPED_CARE_RULES) {
      expect(r.enabled).toBe(true);
      expect(careRuleProblem(r)).toBeNull();
    }
    // The SMS text is the rule's own script (it names the advisor); the shared template does not.
    expect(rule('service_done_sms').messageTemplateCode).toBeNull();
    expect(rule('survey_after_ticket').surveyTemplateCode).toBe('csat_after_service');
  });

  it('CARE-1: a unit override replaces the inherited rule; the nearest unit wins; own rules are added', () => {
    const off = { ...rule('birthday_greeting'), enabled: false };
    const regionCall = { ...rule('service_followup_day3'), offset: { amount: 2, unit: 'days' as const } };
    const storeCall = { ...regionCall, offset: { amount: 5, unit: 'days' as const } };
    const own = { ...rule('service_followup_day3'), code: 'own_rule' };
    const rules = effectiveCareRules([
      [off, regionCall],
      [storeCall, own],
    ]);
    expect(rules.find((r) => r.code === 'birthday_greeting')!.enabled).toBe(false);
    expect(rules.find((r) => r.code === 'service_followup_day3')!.offset.amount).toBe(5);
    expect(rules.some((r) => r.code === 'own_rule')).toBe(true);
    expect(rules).toHaveLength(SHIPPED_CARE_RULES.length + 1);
  });

  it('CARE-1: bad rules are refused with the reason', () => {
    expect(careRuleProblem({ ...rule('service_followup_day3'), offset: { amount: -1, unit: 'days' } })).toBe(
      'event_offset_negative',
    );
    expect(careRuleProblem({ ...rule('lapsed_recall_120'), trigger: { kind: 'inactivity', days: 0 } })).toBe(
      'inactivity_days_out_of_range',
    );
    expect(
      careRuleProblem({ ...rule('service_followup_day3'), offset: { amount: 9999, unit: 'days' } }),
    ).toBe('offset_out_of_range');
    expect(careRuleProblem({ ...rule('survey_after_ticket'), offset: { amount: 0, unit: 'minutes' } })).toBe(
      'loop',
    );
  });
});

describe('CARE-1 due times', () => {
  it('CARE-1: 3rd day after service keeps the wall time; working days skip the National Day holiday', () => {
    const at = Date.parse('2026-03-02T10:00:00+08:00');
    expect(new Date(eventDueAt(at, { amount: 3, unit: 'days' }, cal)).toISOString()).toBe(
      '2026-03-05T02:00:00.000Z',
    );
    expect(eventDueAt(at, { amount: 4, unit: 'hours' }, cal)).toBe(at + 4 * 3_600_000);
    // 2026-09-30 (Wed) + 1 working day: 1–7 October are holidays.
    expect(isoDateFromDay(shiftDay(day('2026-09-30'), { amount: 1, unit: 'working_days' }, cal))).toBe(
      '2026-10-08',
    );
    expect(isoDateFromDay(shiftDay(day('2026-01-31'), { amount: 1, unit: 'months' }, cal))).toBe(
      '2026-02-28',
    );
  });

  it('CARE-4: a call or SMS due at night moves to 09:00 next morning; a letter does not move', () => {
    const night = Date.parse('2026-03-02T22:00:00+08:00');
    expect(new Date(contactTime('call', night, hours, TZ)).toISOString()).toBe('2026-03-03T01:00:00.000Z');
    expect(new Date(contactTime('sms', night, hours, TZ)).toISOString()).toBe('2026-03-03T01:00:00.000Z');
    expect(contactTime('letter', night, hours, TZ)).toBe(night);
    expect(new Date(dateDueAt(day('2026-03-02'), hours, TZ)).toISOString()).toBe('2026-03-02T01:00:00.000Z');
  });
});

describe('CARE-1 date and inactivity rules', () => {
  const window = (from: string, to = from) => ({ fromDay: day(from), toDay: day(to) });

  it('CARE-1: birthday greeting fires on the birthday every year (29 Feb on 28 Feb)', () => {
    const c = customer({ birthday: '1990-02-29'.replace('29', '28') });
    const hits = dateOccurrences(rule('birthday_greeting'), c, window('2026-02-28'), cal, []);
    expect(hits.map((h) => h.anchor)).toEqual(['2026-02-28']);
    expect(dateOccurrences(rule('birthday_greeting'), c, window('2026-03-01'), cal, [])).toEqual([]);
  });

  it('CARE-1: holiday greeting the day before the first day of each holiday, once per holiday', () => {
    const starts = holidayStarts(cal, day('2026-09-01'), day('2026-10-31'));
    expect(starts.map((s) => isoDateFromDay(s.day))).toContain('2026-10-01');
    expect(starts.filter((s) => isoDateFromDay(s.day).startsWith('2026-10'))).toHaveLength(1);
    const hits = dateOccurrences(rule('holiday_greeting'), customer(), window('2026-09-30'), cal, starts);
    expect(hits).toHaveLength(1);
    expect(hits[0]!.note).toBeTruthy();
  });

  it('CARE-1: maintenance due 7 days before last service + interval, repeating', () => {
    const c = customer({
      assets: [
        {
          id: 'a1',
          kind: 'vehicle',
          purchaseDate: '2025-01-01',
          lastServiceDate: '2026-01-01',
          serviceIntervalDays: 90,
        },
      ],
    });
    // 2026-01-01 + 90 = 2026-04-01; reminder on 2026-03-25.
    const hits = dateOccurrences(rule('maintenance_due'), c, window('2026-03-25'), cal, []);
    expect(hits.map((h) => [h.assetId, h.anchor])).toEqual([['a1', '2026-04-01']]);
    const next = dateOccurrences(rule('maintenance_due'), c, window('2026-06-23'), cal, []);
    expect(next.map((h) => h.anchor)).toEqual(['2026-06-30']);
  });

  it('CARE-1: annual inspection 30 days before the anniversary, vehicles only', () => {
    const c = customer({
      assets: [
        {
          id: 'car',
          kind: 'vehicle',
          purchaseDate: '2023-05-10',
          lastServiceDate: null,
          serviceIntervalDays: null,
        },
        {
          id: 'tv',
          kind: 'product',
          purchaseDate: '2023-05-10',
          lastServiceDate: null,
          serviceIntervalDays: null,
        },
      ],
    });
    const hits = dateOccurrences(rule('inspection_due'), c, window('2026-04-10'), cal, []);
    expect(hits.map((h) => h.assetId)).toEqual(['car']);
  });

  it('CARE-1: the house follow-up comes 3 months after the estate’s main move-in, not each purchase', () => {
    const house = (id: string, purchaseDate: string) => ({
      id,
      kind: 'house' as const,
      purchaseDate,
      lastServiceDate: null,
      serviceIntervalDays: null,
    });
    const fire = (c: CustomerDates) =>
      dateOccurrences(rule('real_estate_residence'), c, window('2026-01-01', '2026-12-31'), cal, []).map(
        (h) => [h.assetId, isoDateFromDay(h.fireDay)],
      );
    const houses = [house('h1', '2025-11-01'), house('h2', '2026-03-01')];
    expect(fire(customer({ assets: houses }))).toEqual([]);
    expect(fire(customer({ assets: houses, estateMoveIn: '2026-04-15' }))).toEqual([
      ['h1', '2026-07-15'],
      ['h2', '2026-07-15'],
    ]);
  });

  it('CARE-1: retail counts from the sale and the letter actually sent — not fixed days from a purchase date', () => {
    const ctx = { calendar: cal, hours, timeZone: TZ };
    const rules = ['retail_sale_call', 'retail_thank_you_letter', 'retail_second_call'].map(rule);
    // Nothing is counted from an asset's purchase date any more.
    const c = customer({
      assets: [
        {
          id: 'p',
          kind: 'product',
          purchaseDate: '2026-03-01',
          lastServiceDate: null,
          serviceIntervalDays: null,
        },
      ],
    });
    for (const r of rules)
      expect(dateOccurrences(r, c, window('2026-01-01', '2026-12-31'), cal, [])).toEqual([]);
    // A sale at 19:30 on 3 March: the call is due the next morning at 09:00 — within 24 hours — with the
    // store satisfaction form; the letter is due within 7 days.
    const sale = Date.parse('2026-03-03T19:30:00+08:00');
    const fromSale = planEventTasks(
      rules,
      { type: 'order.placed', subjectId: 'o1', customerId: 'c1', assetId: null, at: sale },
      ctx,
    );
    const call = fromSale.find((p) => p.rule.code === 'retail_sale_call')!;
    expect(new Date(call.dueAt).toISOString()).toBe('2026-03-04T01:00:00.000Z');
    expect(call.dueAt - sale).toBeLessThanOrEqual(24 * 3600_000);
    expect(call.rule.surveyTemplateCode).toBe('retail_store_satisfaction');
    const letter = fromSale.find((p) => p.rule.code === 'retail_thank_you_letter')!;
    expect(letter.dueAt - sale).toBeLessThanOrEqual(7 * 24 * 3600_000);
    expect(fromSale.some((p) => p.rule.code === 'retail_second_call')).toBe(false);
    // The letter went out late, on 12 March: the second call is on the 7th day after, 19 March.
    const sent = Date.parse('2026-03-12T15:00:00+08:00');
    const fromLetter = planEventTasks(
      rules,
      { type: 'care.letter_sent', subjectId: 't1', customerId: 'c1', assetId: null, at: sent },
      ctx,
    );
    expect(fromLetter.map((p) => [p.rule.code, p.dueDate])).toEqual([['retail_second_call', '2026-03-19']]);
  });

  it('CARE-1: the 30-minute SMS follows the vehicle leaving the shop, not the technician finishing', () => {
    const sms = rule('service_done_sms');
    expect(sms.trigger).toEqual({ kind: 'event', event: 'workorder.left_shop' });
    expect(sms.script).toContain('{{advisorName}}');
    const ctx = { calendar: cal, hours, timeZone: TZ };
    const ev = (type: 'workorder.completed' | 'workorder.left_shop') =>
      planEventTasks(
        [sms],
        {
          type,
          subjectId: 'w1',
          customerId: 'c1',
          assetId: null,
          at: Date.parse('2026-03-03T10:00:00+08:00'),
        },
        ctx,
      );
    expect(ev('workorder.completed')).toEqual([]);
    expect(ev('workorder.left_shop')).toHaveLength(1);
  });

  it('CARE-1: 120 days without a visit → recall; 361 days → marketing; a new visit starts over', () => {
    const c = customer({ lastVisit: '2026-01-01' });
    expect(dateOccurrences(rule('lapsed_recall_120'), c, window('2026-05-01'), cal, [])).toHaveLength(1);
    expect(dateOccurrences(rule('marketing_361'), c, window('2026-12-28'), cal, [])).toHaveLength(1);
    expect(dateOccurrences(rule('lapsed_recall_120'), customer(), window('2026-05-01'), cal, [])).toEqual([]);
  });

  it('CARE-1: a switched-off rule fires nothing', () => {
    const off = { ...rule('birthday_greeting'), enabled: false };
    expect(dateOccurrences(off, customer({ birthday: '1990-03-01' }), window('2026-03-01'), cal, [])).toEqual(
      [],
    );
  });
});

describe('CARE-2 / CARE-3 attempts, claims and merging', () => {
  const now = Date.parse('2026-03-02T10:00:00+08:00');
  it('CARE-2: the third failed attempt hands the follow-up to the SMS fallback', () => {
    let t = { attempts: 0, failedAttempts: 0 };
    const r1 = afterAttempt(t, 'no_answer', now, null);
    expect([r1.state, r1.smsFallback]).toEqual(['open', false]);
    t = r1;
    const r2 = afterAttempt(t, 'unreachable', now, null);
    expect(r2.state).toBe('open');
    const r3 = afterAttempt(r2, 'no_answer', now, null);
    expect([r3.state, r3.smsFallback, r3.failedAttempts]).toEqual(['sms_fallback', true, 3]);
  });

  it('CARE-5: outcomes — reached-issue opens a ticket, call back at the time given, refused and wrong number end it', () => {
    const t = { attempts: 0, failedAttempts: 0 };
    expect(afterAttempt(t, 'reached_issue', now, null)).toMatchObject({ state: 'done', openTicket: true });
    expect(afterAttempt(t, 'reached_satisfied', now, null)).toMatchObject({
      state: 'done',
      openTicket: false,
    });
    expect(afterAttempt(t, 'call_back', now, now + 86_400_000)).toMatchObject({
      state: 'open',
      nextDueAt: now + 86_400_000,
      failedAttempts: 0,
    });
    expect(afterAttempt(t, 'refused', now, null).state).toBe('refused');
    expect(afterAttempt(t, 'wrong_number', now, null).state).toBe('unreachable');
  });

  it('CARE-3: calls for one customer on one day share a merge key; other days and SMS do not', () => {
    expect(mergeKeyOf('c1', '2026-03-02', 'call')).toBe(mergeKeyOf('c1', '2026-03-02', 'call'));
    expect(mergeKeyOf('c1', '2026-03-02', 'call')).not.toBe(mergeKeyOf('c1', '2026-03-03', 'call'));
    expect(mergeKeyOf('c1', '2026-03-02', 'sms')).toBeNull();
    expect(occurrenceKey({ ruleCode: 'r', customerId: 'c', assetId: null, anchor: '2026-01-01' })).toBe(
      'r|c|2026-01-01',
    );
  });
});
