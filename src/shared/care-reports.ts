/**
 * Care reports (RPT-4): the lapsed-customer analysis — customers past 120 days without a visit by
 * unit, what came of the recall calls and how many came back.
 */
import { z } from 'zod';
import { CARE_OUTCOMES } from '../domain/care';

export const LAPSED_DAYS = 120;

export const lapsedQuery = z.strictObject({
  unitId: z.uuid().optional(),
  /** First and last local date (inclusive) of the recall period. */
  from: z.iso.date(),
  to: z.iso.date(),
});
export type LapsedQuery = z.infer<typeof lapsedQuery>;

/** How a recall ended: the call's outcome, or the task's state when no call reached a result. */
export const RECALL_RESULTS = [...CARE_OUTCOMES, 'open', 'sms_fallback', 'sent', 'skipped', 'other'] as const;
export type RecallResult = (typeof RECALL_RESULTS)[number];

const figures = {
  /** Customers of the unit whose last visit is more than 120 days before the period's last day. */
  lapsed: z.number().int(),
  /** Recall tasks created in the period. */
  recalls: z.number().int(),
  /** Customers those tasks called. */
  recalledCustomers: z.number().int(),
  /** Of those, reached on the phone (satisfied or with an issue). */
  reached: z.number().int(),
  /** Of those, customers who visited again after the recall. */
  wonBack: z.number().int(),
  /** wonBack / recalledCustomers; null when nobody was recalled. */
  winBackRate: z.number().nullable(),
  results: z.record(z.string(), z.number().int()),
};

export const lapsedReportSchema = z.object({
  from: z.string(),
  to: z.string(),
  lapsedDays: z.number().int(),
  units: z.array(z.object({ unitId: z.string(), unitName: z.string(), ...figures })),
  total: z.object(figures),
});
export type LapsedReport = z.infer<typeof lapsedReportSchema>;
