import { z } from 'zod';
import { RECTIFICATION_KINDS } from '../../../domain/tickets';

/** Request and response schemas of the routing admin (teams, sales channels, CL-3 rules). */
const name = z.string().trim().min(1).max(100);
export const idParams = z.strictObject({ id: z.uuid() });
export const unitFilter = z.strictObject({ unitId: z.uuid().optional() });
export const unitQuery = z.strictObject({ unitId: z.uuid() });

export const teamSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  name: z.string(),
  active: z.boolean(),
  memberIds: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const createTeamBody = z.strictObject({
  unitId: z.uuid(),
  name,
  memberIds: z.array(z.uuid()).max(200).optional(),
});
export const updateTeamBody = z.strictObject({
  name: name.optional(),
  active: z.boolean().optional(),
  memberIds: z.array(z.uuid()).max(200).optional(),
});

export const salesChannelSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  name: z.string(),
  platform: z.string().nullable(),
  teamId: z.string(),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const platform = z.string().trim().max(50).nullable().optional();
export const createSalesChannelBody = z.strictObject({ unitId: z.uuid(), name, platform, teamId: z.uuid() });
export const updateSalesChannelBody = z.strictObject({
  name: name.optional(),
  platform,
  teamId: z.uuid().optional(),
  active: z.boolean().optional(),
});

const kind = z.enum(RECTIFICATION_KINDS);
export const putRoutingRulesBody = z.strictObject({
  rules: z
    .array(z.strictObject({ rectificationKind: kind, departmentId: z.uuid() }))
    .max(RECTIFICATION_KINDS.length),
});
export const routingRulesSchema = z.object({
  unitId: z.string(),
  own: z.array(z.object({ rectificationKind: kind, departmentId: z.string() })),
  effective: z.array(
    z.object({
      rectificationKind: kind,
      departmentId: z.string().nullable(),
      sourceUnitId: z.string().nullable(),
    }),
  ),
});
