/**
 * The member-club API (会员俱乐部, MEM-1, MEM-2): members with number, level and joined date, the
 * points ledger, the handbook, and the yearly activity plan with sign-ups and attendance.
 */
import { z } from 'zod';
import {
  ACTIVITY_STATES,
  ACTIVITY_TYPES,
  MEMBER_LEVELS,
  POINTS_ENTRY_KINDS,
  type ActivityState,
  type ActivityType,
  type MemberLevel,
  type PointsEntryKind,
} from '../domain/members';
import { instantString, itemsOf, pageOf, pagination, type Labels } from './common';

export { ACTIVITY_STATES, ACTIVITY_TYPES, MEMBER_LEVELS, POINTS_ENTRY_KINDS };
export type { ActivityState, ActivityType, MemberLevel, PointsEntryKind };

export const MEMBER_LEVEL_LABELS: Labels<MemberLevel> = {
  regular: { zh: '普通会员', en: 'Member' },
  silver: { zh: '银卡会员', en: 'Silver' },
  gold: { zh: '金卡会员', en: 'Gold' },
  platinum: { zh: '白金会员', en: 'Platinum' },
};
export const POINTS_KIND_LABELS: Labels<PointsEntryKind> = {
  earn: { zh: '获得', en: 'Earned' },
  redeem: { zh: '兑换', en: 'Redeemed' },
  expire: { zh: '到期清零', en: 'Expired' },
  adjust: { zh: '调整', en: 'Adjusted' },
};
export const ACTIVITY_TYPE_LABELS: Labels<ActivityType> = {
  lecture: { zh: '讲座', en: 'Talk' },
  family: { zh: '亲子活动', en: 'Family day' },
  outing: { zh: '外出活动', en: 'Outing' },
  festival: { zh: '节日活动', en: 'Festival' },
  service: { zh: '服务日（保养、检测）', en: 'Service day' },
  other: { zh: '其他', en: 'Other' },
};
export const ACTIVITY_STATE_LABELS: Labels<ActivityState> = {
  planned: { zh: '计划中', en: 'Planned' },
  held: { zh: '已举办', en: 'Held' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
};

const text = (max: number) => z.string().trim().min(1).max(max);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD / date must be YYYY-MM-DD');

export const joinBody = z.strictObject({
  customerId: z.uuid(),
  level: z.enum(MEMBER_LEVELS).default('regular'),
  /** Defaults to today. */
  joinedOn: day.optional(),
});
export const memberPatch = z.strictObject({ level: z.enum(MEMBER_LEVELS), reason: text(200) });
export const pointsBody = z.strictObject({
  kind: z.enum(['earn', 'redeem', 'adjust']),
  /** earn and redeem: a positive number; adjust: either sign, never zero. */
  points: z
    .number()
    .int()
    .min(-1_000_000)
    .max(1_000_000)
    .refine((n) => n !== 0, '积分不能为 0 / points cannot be zero'),
  reason: text(200),
});
export const membersQuery = z.object({
  unitId: z.uuid().optional(),
  q: z.string().trim().max(50).optional(),
  level: z.enum(MEMBER_LEVELS).optional(),
  ...pagination,
});

export const memberSchema = z.object({
  id: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  memberNumber: z.string(),
  level: z.enum(MEMBER_LEVELS),
  joinedOn: z.string(),
  balance: z.number(),
});
export type Member = z.infer<typeof memberSchema>;
export const memberPageSchema = pageOf(memberSchema);

export const pointsEntrySchema = z.object({
  id: z.string(),
  kind: z.enum(POINTS_ENTRY_KINDS),
  points: z.number(),
  reason: z.string(),
  activityId: z.string().nullable(),
  remaining: z.number().nullable(),
  expiresAt: instantString.nullable(),
  by: z.string().nullable(),
  at: instantString,
});
export type PointsEntry = z.infer<typeof pointsEntrySchema>;
export const ledgerSchema = z.object({ member: memberSchema, items: z.array(pointsEntrySchema) });

export const handbookSchema = z.object({
  sections: z.array(
    z.object({
      key: z.string(),
      titleZh: z.string(),
      titleEn: z.string(),
      itemsZh: z.array(z.string()),
      itemsEn: z.array(z.string()),
    }),
  ),
});

export const activityBody = z.strictObject({
  unitId: z.uuid(),
  theme: text(100),
  date: day,
  targetGroup: text(100),
  type: z.enum(ACTIVITY_TYPES),
  points: z.number().int().min(0).max(100_000).default(0),
  coordinatorId: z.uuid().nullable().optional(),
  implementationPlan: z.string().trim().max(4000).nullable().optional(),
});
export const activityPatch = z.strictObject({
  coordinatorId: z.uuid().nullable().optional(),
  implementationPlan: z.string().trim().max(4000).nullable().optional(),
  state: z.enum(ACTIVITY_STATES).optional(),
  summary: z.string().trim().max(4000).nullable().optional(),
  evaluation: z.string().trim().max(4000).nullable().optional(),
});
export const activitiesQuery = z.object({
  unitId: z.uuid(),
  year: z.coerce.number().int().min(2000).max(2100),
});
export const signupBody = z.strictObject({ memberId: z.uuid() });
export const attendanceBody = z.strictObject({ memberIds: z.array(z.uuid()).max(1000) });

export const activitySchema = z.object({
  id: z.string(),
  unitId: z.string(),
  year: z.number(),
  theme: z.string(),
  date: z.string(),
  targetGroup: z.string(),
  type: z.enum(ACTIVITY_TYPES),
  points: z.number(),
  coordinatorId: z.string().nullable(),
  implementationPlan: z.string().nullable(),
  state: z.enum(ACTIVITY_STATES),
  summary: z.string().nullable(),
  evaluation: z.string().nullable(),
  pointsDueOn: z.string(),
  pointsGrantedAt: instantString.nullable(),
  pointsOverdue: z.boolean(),
  signedUp: z.number(),
  attended: z.number(),
});
export type MemberActivity = z.infer<typeof activitySchema>;
export const activityListSchema = itemsOf(activitySchema);
export const signupSchema = z.object({
  memberId: z.string(),
  memberNumber: z.string(),
  customerName: z.string(),
  signedUpAt: instantString,
  attended: z.boolean(),
});
export const signupListSchema = itemsOf(signupSchema);
export const grantOutcomeSchema = z.object({ granted: z.number() });

/** MEM-1: new members counted at month end, one row per month of a year. */
export const monthlyCountsQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  unitId: z.uuid().optional(),
});
export const monthlyCountsSchema = z.object({
  year: z.number(),
  months: z.array(
    z.object({
      /** YYYY-MM */
      month: z.string(),
      /** Members who joined in the month. */
      newMembers: z.number(),
      /** Members at the month's end (joined on or before its last day). */
      totalAtMonthEnd: z.number(),
      /** False for the month in progress (counted up to today) and months to come. */
      closed: z.boolean(),
    }),
  ),
});
export type MonthlyCounts = z.infer<typeof monthlyCountsSchema>;
