/**
 * RPT-3: department timeliness assessment (考核) — the on-time rate per department and SLA step, over
 * the targets that fell due in a period, each late one linked to its ticket. Built on SLA-10: every
 * target ends, so each run is counted exactly once by what became of it.
 */
import type { SlaTargetRunState } from '../sla/sla.target-states';

/** A target run as the assessment reads it (one `sla_targets` row). */
export interface AssessedTarget {
  readonly id: string;
  /** The ticket (or other subject) the run belongs to: a late run links to it. */
  readonly subjectId: string;
  /** The department (unit) answerable for the step; null when nobody was assigned. */
  readonly departmentId: string | null;
  /** The SLA step: first_response, department_reply, resolution… */
  readonly step: string;
  readonly state: SlaTargetRunState;
  readonly dueAt: number | null;
  readonly endedAt: number | null;
}

/**
 * What a run counts as in the assessment:
 * - `on_time`: met by its due time;
 * - `late`: met late, breached (escalated or not), ended unmet after its due time had passed (closed
 *   while overdue), or still open past its due time (the scan may not have marked it yet — the
 *   report tells the truth as of its instant);
 * - `not_due`: still running and not yet due — not counted yet;
 * - `excused`: ended before it fell due (the step was not needed, the ticket was cancelled or merged)
 *   — it never had a chance to be late, so it is not counted either way.
 */
export type TimelinessOutcome = 'on_time' | 'late' | 'not_due' | 'excused';

export function timelinessOutcome(target: AssessedTarget, asOf: number): TimelinessOutcome {
  switch (target.state) {
    case 'met':
      return 'on_time';
    case 'met_late':
    case 'breached':
    case 'escalated':
      return 'late';
    case 'ended':
      return target.dueAt !== null && target.endedAt !== null && target.endedAt > target.dueAt
        ? 'late'
        : 'excused';
    default:
      return target.dueAt !== null && target.dueAt <= asOf ? 'late' : 'not_due';
  }
}

/** Who answers for a step in the assessment, as the manuals split it. */
export type AccountableParty =
  'customer_service' | 'business_department' | 'department_head' | 'store_manager';

/**
 * RPT-3: the customer-service department answers for the truth and speed of what it records and
 * tells the customer; the business department for timely handling; department heads for
 * rectification; the store manager or general manager for satisfaction. Steps a company adds map
 * to the business department unless listed.
 */
export const STEP_ACCOUNTABILITY: Readonly<Record<string, AccountableParty>> = {
  first_response: 'customer_service',
  verification: 'customer_service',
  second_response: 'customer_service',
  contact: 'customer_service',
  customer_reply: 'customer_service',
  department_reply: 'business_department',
  solution: 'business_department',
  result_reply: 'business_department',
  resolution: 'department_head',
  follow_up: 'store_manager',
};

export const ACCOUNTABLE_PARTY_TEXT: Readonly<Record<AccountableParty, { zh: string; en: string }>> = {
  customer_service: {
    zh: '客服部（记录真实、答复及时）',
    en: 'Customer service (true records, timely answers)',
  },
  business_department: { zh: '业务部门（处理及时）', en: 'Business department (timely handling)' },
  department_head: { zh: '部门负责人（整改落实）', en: 'Department head (rectification)' },
  store_manager: { zh: '店长 / 总经理（客户满意）', en: 'Store manager / general manager (satisfaction)' },
};

export const accountableFor = (step: string): AccountableParty =>
  STEP_ACCOUNTABILITY[step] ?? 'business_department';

export interface TimelinessRow {
  readonly departmentId: string | null;
  readonly step: string;
  readonly accountable: AccountableParty;
  readonly onTime: number;
  readonly late: number;
  /** on time ÷ (on time + late); null when nothing fell due. */
  readonly onTimeRate: number | null;
  /** The late runs' subjects, for the drill-down to the tickets. */
  readonly lateSubjectIds: readonly string[];
}

/**
 * The assessment table: one row per department and step that had runs falling due in [from, to)
 * (instants), ordered by department then step. Runs not yet due or excused are left out.
 */
export function assessTimeliness(
  targets: readonly AssessedTarget[],
  period: { readonly from: number; readonly to: number },
  asOf: number,
): TimelinessRow[] {
  const rows = new Map<
    string,
    { departmentId: string | null; step: string; onTime: number; late: string[] }
  >();
  for (const target of targets) {
    if (target.dueAt === null || target.dueAt < period.from || target.dueAt >= period.to) continue;
    const outcome = timelinessOutcome(target, asOf);
    if (outcome !== 'on_time' && outcome !== 'late') continue;
    const key = `${target.departmentId ?? ''}\u0000${target.step}`;
    let row = rows.get(key);
    if (!row)
      rows.set(key, (row = { departmentId: target.departmentId, step: target.step, onTime: 0, late: [] }));
    if (outcome === 'on_time') row.onTime++;
    else row.late.push(target.subjectId);
  }
  return [...rows.values()]
    .sort(
      (a, b) => (a.departmentId ?? '').localeCompare(b.departmentId ?? '') || a.step.localeCompare(b.step),
    )
    .map((row) => ({
      departmentId: row.departmentId,
      step: row.step,
      accountable: accountableFor(row.step),
      onTime: row.onTime,
      late: row.late.length,
      onTimeRate: rate(row.onTime, row.onTime + row.late.length),
      lateSubjectIds: [...new Set(row.late)],
    }));
}

/** A share as a fraction in [0, 1] rounded to four places, or null when there is nothing to divide. */
export function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;
}
