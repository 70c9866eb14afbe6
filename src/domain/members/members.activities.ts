/**
 * Member activities (MEM-2): the yearly plan and its deadlines. Points for attending are granted
 * within a week after the activity (MEM-1).
 */

export const ACTIVITY_TYPES = ['lecture', 'family', 'outing', 'festival', 'service', 'other'] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export const ACTIVITY_STATES = ['planned', 'held', 'cancelled'] as const;
export type ActivityState = (typeof ACTIVITY_STATES)[number];

/** Days after the activity by which its attendance points must be granted. */
export const ACTIVITY_POINTS_GRANT_DAYS = 7;

/** The date ('YYYY-MM-DD') by which an activity's points are due. */
export function pointsGrantDueOn(activityDate: string): string {
  const d = new Date(`${activityDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + ACTIVITY_POINTS_GRANT_DAYS);
  return d.toISOString().slice(0, 10);
}

/** Whether an activity's points are late: not granted and the due date has passed (`today` local). */
export function pointsGrantOverdue(activityDate: string, grantedAt: Date | null, today: string): boolean {
  return grantedAt === null && today > pointsGrantDueOn(activityDate);
}
