import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../app/context';
import { signedIn } from '../../app/route-access';
import { actorOf } from '../auth/auth.service';
import { getStaffIds, setStaffIds } from './channels.staff';

const userParams = z.strictObject({ userId: z.uuid() });
const externalId = z
  .string()
  .trim()
  .max(64)
  .regex(/^[A-Za-z0-9_.@-]*$/, '账号只能包含字母、数字和 _ . @ - / letters, digits, _ . @ - only')
  .nullable()
  .transform((v) => (v ? v : null));
const staffIdsBody = z.strictObject({
  wecomUserId: externalId,
  dingtalkUserId: externalId,
  /** Signing in with DingTalk: its OAuth answers the unionId (left unchanged when not sent). */
  dingtalkUnionId: externalId.optional(),
});
const staffIdsSchema = z.object({
  userId: z.string(),
  wecomUserId: z.string().nullable(),
  dingtalkUserId: z.string().nullable(),
  dingtalkUnionId: z.string().nullable(),
});

/** A person's WeCom / DingTalk userid, where their staff notices go (set by an administrator). */
export function staffIdsRoutes(deps: Deps) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['channels'];
    app.get(
      '/channels/staff-ids/:userId',
      {
        config: signedIn('with org.users.read over the person (checked in the use case)'),
        schema: { tags, params: userParams, response: { 200: staffIdsSchema } },
      },
      async (req) => getStaffIds(deps, actorOf(req), req.params.userId),
    );
    app.put(
      '/channels/staff-ids/:userId',
      {
        config: signedIn('with org.users.manage in one of the person’s units (checked in the use case)'),
        schema: { tags, params: userParams, body: staffIdsBody, response: { 200: staffIdsSchema } },
      },
      async (req) => setStaffIds(deps, actorOf(req), req.params.userId, req.body),
    );
  };
}
