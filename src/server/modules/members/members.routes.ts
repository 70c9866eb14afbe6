import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { MEMBER_HANDBOOK } from '../../../domain/members';
import { idParams } from '../../../shared/common';
import * as s from '../../../shared/members';
import type { Deps } from '../../app/context';
import { registerListExport } from '../../app/list-export';
import { needs } from '../../app/route-access';
import { actorOf } from '../auth/auth.service';
import * as act from './members.activities';
import { activitiesExport } from './members.activities.export';
import { membersExport } from './members.export';
import * as uc from './members.usecases';

/** The member club (会员俱乐部, MEM-1, MEM-2): members, points ledger, handbook, activities. */
export function membersRoutes(deps: Deps) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['members'];
    app.get(
      '/member-handbook',
      { config: needs('members.read'), schema: { tags, response: { 200: s.handbookSchema } } },
      async () => ({ sections: MEMBER_HANDBOOK.map((x) => ({ ...x })) }),
    );
    app.get(
      '/members',
      {
        config: needs('members.read'),
        schema: { tags, querystring: s.membersQuery, response: { 200: s.memberPageSchema } },
      },
      async (req) => uc.listMembers(deps, actorOf(req), req.query),
    );
    app.get(
      '/members/monthly-counts',
      {
        config: needs('members.read'),
        schema: {
          tags,
          description:
            '每月新增会员数（月末统计）及月末会员总数 / New members per month, counted at month end (MEM-1)',
          querystring: s.monthlyCountsQuery,
          response: { 200: s.monthlyCountsSchema },
        },
      },
      async (req) => uc.monthlyCounts(deps, actorOf(req), req.query),
    );
    registerListExport(
      fastify,
      deps,
      '/members/export.xlsx',
      s.membersQuery.omit({ page: true, pageSize: true }),
      membersExport,
      tags,
    );
    app.post(
      '/members',
      {
        config: needs('members.manage'),
        schema: { tags, body: s.joinBody, response: { 201: s.memberSchema } },
      },
      async (req, reply) => reply.code(201).send(await uc.joinClub(deps, actorOf(req), req.body)),
    );
    app.patch(
      '/members/:id',
      {
        config: needs('members.manage'),
        schema: { tags, params: idParams, body: s.memberPatch, response: { 200: s.memberSchema } },
      },
      async (req) => uc.changeLevel(deps, actorOf(req), req.params.id, req.body),
    );
    app.get(
      '/members/:id/points',
      {
        config: needs('members.read'),
        schema: { tags, params: idParams, response: { 200: s.ledgerSchema } },
      },
      async (req) => uc.memberLedger(deps, actorOf(req), req.params.id),
    );
    app.post(
      '/members/:id/points',
      {
        config: needs('members.manage'),
        schema: {
          tags,
          description:
            '记积分（获得、兑换、调整，须写原因）；余额不足时拒绝且不写入 / Post points with a reason; refused whole below zero',
          params: idParams,
          body: s.pointsBody,
          response: { 201: s.memberSchema },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await uc.postPointsByHand(deps, actorOf(req), req.params.id, req.body)),
    );
    app.get(
      '/member-activities',
      {
        config: needs('members.read'),
        schema: { tags, querystring: s.activitiesQuery, response: { 200: s.activityListSchema } },
      },
      async (req) => ({ items: await act.listActivities(deps, actorOf(req), req.query) }),
    );
    registerListExport(
      fastify,
      deps,
      '/member-activities/export.xlsx',
      s.activitiesQuery,
      activitiesExport,
      tags,
    );
    app.post(
      '/member-activities',
      {
        config: needs('members.manage'),
        schema: { tags, body: s.activityBody, response: { 201: s.activitySchema } },
      },
      async (req, reply) => reply.code(201).send(await act.createActivity(deps, actorOf(req), req.body)),
    );
    app.patch(
      '/member-activities/:id',
      {
        config: needs('members.manage'),
        schema: { tags, params: idParams, body: s.activityPatch, response: { 200: s.activitySchema } },
      },
      async (req) => act.updateActivity(deps, actorOf(req), req.params.id, req.body),
    );
    app.get(
      '/member-activities/:id/signups',
      {
        config: needs('members.read'),
        schema: { tags, params: idParams, response: { 200: s.signupListSchema } },
      },
      async (req) => ({ items: await act.listSignups(deps, actorOf(req), req.params.id) }),
    );
    app.post(
      '/member-activities/:id/signups',
      {
        config: needs('members.manage'),
        schema: { tags, params: idParams, body: s.signupBody, response: { 200: s.signupListSchema } },
      },
      async (req) => ({ items: await act.signUp(deps, actorOf(req), req.params.id, req.body.memberId) }),
    );
    app.post(
      '/member-activities/:id/attendance',
      {
        config: needs('members.manage'),
        schema: { tags, params: idParams, body: s.attendanceBody, response: { 200: s.signupListSchema } },
      },
      async (req) => ({
        items: await act.recordAttendance(deps, actorOf(req), req.params.id, req.body.memberIds),
      }),
    );
    app.post(
      '/member-activities/:id/grant-points',
      {
        config: needs('members.manage'),
        schema: { tags, params: idParams, response: { 200: s.grantOutcomeSchema } },
      },
      async (req) => act.grantNow(deps, actorOf(req), req.params.id),
    );
  };
}
