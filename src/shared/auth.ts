import { z } from 'zod';
import { unitKindSchema } from './org';

/** The signed-in person as GET /me answers: identity, language, memberships and permissions. */
export const meSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  locale: z.enum(['zh-CN', 'en']),
  mustChangePassword: z.boolean(),
  memberships: z.array(
    z.object({
      unitId: z.string(),
      unitName: z.string(),
      unitKind: unitKindSchema,
      roleId: z.string(),
      roleCode: z.string(),
      roleNameZh: z.string(),
      roleNameEn: z.string(),
    }),
  ),
  permissions: z.array(z.string()),
  csrfToken: z.string(),
});
export type Me = z.infer<typeof meSchema>;
