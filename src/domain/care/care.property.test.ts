import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultChinaCalendar } from '../calendar';
import { dayFromIsoDate } from '../calendar/time-zone';
import { isWithinContactHours } from '../messages/contact-hours';
import {
  holidayStarts,
  planDateTasks,
  planEventTasks,
  SHIPPED_CARE_RULES,
  type CareEvent,
  type CustomerDates,
  type PlannedCareTask,
} from './index';

const cal = defaultChinaCalendar();
const TZ = 'Asia/Shanghai';
const FIRST = dayFromIsoDate('2026-01-01')!;
const holidays = holidayStarts(cal, FIRST - 400, FIRST + 800);

const customers: CustomerDates[] = [
  { customerId: 'c1', birthday: '1985-03-10', lastVisit: '2025-11-20', assets: [] },
  {
    customerId: 'c2',
    birthday: null,
    lastVisit: '2026-01-15',
    assets: [
      {
        id: 'a-car',
        kind: 'vehicle',
        purchaseDate: '2024-02-20',
        lastServiceDate: '2026-01-15',
        serviceIntervalDays: 30,
      },
      {
        id: 'a-tv',
        kind: 'product',
        purchaseDate: '2026-02-01',
        lastServiceDate: null,
        serviceIntervalDays: null,
      },
    ],
  },
  {
    customerId: 'c3',
    birthday: '1992-02-29',
    lastVisit: null,
    assets: [
      {
        id: 'a-house',
        kind: 'house',
        purchaseDate: '2025-12-31',
        lastServiceDate: null,
        serviceIntervalDays: 7,
      },
    ],
  },
];

const hoursArb = fc
  .tuple(fc.integer({ min: 0, max: 22 }), fc.integer({ min: 1, max: 12 }))
  .map(([h, len]) => {
    const end = Math.min(24 * 60 - 1, h * 60 + len * 60);
    const f = (m: number) =>
      `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    return { start: f(h * 60), end: f(end) };
  });

const eventArb = fc.record({
  kind: fc.constant('event' as const),
  type: fc.constantFrom<CareEvent>('ticket.closed', 'workorder.completed', 'workorder.closed'),
  // A small pool of ids: the same record is announced again (replays, bulk re-close).
  subjectId: fc.constantFrom('s1', 's2', 's3', 's4'),
  customerId: fc.constantFrom('c1', 'c2', 'c3', null),
  // Within a few days, so several announcements fall on one day.
  at: fc.integer({ min: Date.parse('2026-03-01T00:00:00Z'), max: Date.parse('2026-03-04T00:00:00Z') }),
});
// Daily runs over any days, repeated and out of order, each covering the days since some earlier run.
const runArb = fc.record({
  kind: fc.constant('run' as const),
  day: fc.integer({ min: FIRST, max: FIRST + 400 }),
  catchUp: fc.integer({ min: 0, max: 7 }),
});

describe('CARE-1 / CARE-3 / CARE-4 property', () => {
  it('CARE-1/3/4: for any sequence of events and days, rules never create duplicate tasks and never schedule contact in quiet hours', () => {
    fc.assert(
      fc.property(hoursArb, fc.array(fc.oneof(eventArb, runArb), { maxLength: 40 }), (hours, steps) => {
        const ctx = { calendar: cal, hours, timeZone: TZ };
        // The database's unique index on the occurrence key.
        const stored = new Map<string, PlannedCareTask>();
        // The first announcement of each record is the one that counts (its time fixes the due time).
        const firstAt = new Map<string, number>();
        for (const step of steps) {
          const planned =
            step.kind === 'event'
              ? planEventTasks(
                  SHIPPED_CARE_RULES,
                  { ...step, assetId: null, at: firstAt.get(step.subjectId) ?? step.at },
                  ctx,
                )
              : planDateTasks(
                  SHIPPED_CARE_RULES,
                  customers,
                  { fromDay: step.day - step.catchUp, toDay: step.day },
                  ctx,
                  holidays,
                );
          if (step.kind === 'event') firstAt.set(step.subjectId, firstAt.get(step.subjectId) ?? step.at);
          for (const t of planned) if (!stored.has(t.occurrenceKey)) stored.set(t.occurrenceKey, t);
        }
        const tasks = [...stored.values()];
        // No duplicate: one task per rule, subject and due day, whatever the order of runs and replays.
        // (Two different tickets closed on one day are two follow-ups, merged into one call by CARE-3.)
        const identity = (t: PlannedCareTask) =>
          t.source.type === 'date'
            ? `${t.rule.code}|${t.assetId ?? t.customerId}|${t.dueDate}`
            : `${t.rule.code}|${t.source.type}:${t.source.id}`;
        const sameContact = new Set(tasks.map(identity));
        expect(sameContact.size).toBe(tasks.length);
        for (const t of tasks) {
          if (t.rule.channel === 'call' || t.rule.channel === 'sms')
            expect(isWithinContactHours(new Date(t.dueAt), hours, TZ)).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
    // Half a second alone; the whole suite on two cores has made it ten times slower.
  }, 30_000);

  it('CARE-1: re-running any day plans exactly the keys it planned before (idempotent, 0 new tasks)', () => {
    fc.assert(
      fc.property(fc.integer({ min: FIRST, max: FIRST + 400 }), hoursArb, (d, hours) => {
        const ctx = { calendar: cal, hours, timeZone: TZ };
        const once = planDateTasks(SHIPPED_CARE_RULES, customers, { fromDay: d, toDay: d }, ctx, holidays);
        const again = planDateTasks(SHIPPED_CARE_RULES, customers, { fromDay: d, toDay: d }, ctx, holidays);
        expect(again.map((t) => t.occurrenceKey)).toEqual(once.map((t) => t.occurrenceKey));
        // Overlapping windows give the same key to the same occurrence.
        const wide = planDateTasks(
          SHIPPED_CARE_RULES,
          customers,
          { fromDay: d - 3, toDay: d + 3 },
          ctx,
          holidays,
        );
        const wideKeys = new Set(wide.map((t) => t.occurrenceKey));
        for (const t of once) expect(wideKeys.has(t.occurrenceKey)).toBe(true);
      }),
      { numRuns: 100 },
    );
  }, 30_000);
});
