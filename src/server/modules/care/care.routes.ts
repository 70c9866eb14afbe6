import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from '../../app/context';
import { actorOf } from '../auth/auth.service';
import { ensureCarePlan } from './care.daily';
import * as departures from './care.departures';
import * as detail from './care.detail';
import * as estates from './care.estates';
import { presentCareTask } from './care.presenter';
import * as s from './care.schemas';
import * as uc from './care.usecases';
import { needs } from '../../app/route-access';
import { registerListExport } from '../../app/list-export';
import { careObjectionsExport, careRulesExport, careTasksExport, estateFollowUpsExport } from './care.export';
import { noContent } from '../../../shared/common';
import { unmaskedSchema } from '../../../shared/customers';

// Stored objection rows as the API sends them (an instant as ISO text).
const presentObjection = <T extends { updatedAt: Date }>(o: T) => ({
  ...o,
  updatedAt: o.updatedAt.toISOString(),
});

/** Care rules and the call worklist (CARE-1…CARE-6). */
export function careRoutes(deps: Deps) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['care'];
    const present = (t: Parameters<typeof presentCareTask>[0], viewer: string) =>
      presentCareTask(t, viewer, deps.clock.now());

    app.get(
      '/care/units/:unitId/rules',
      {
        config: needs('care.read'),
        schema: { tags, params: s.unitParams, response: { 200: s.ruleListSchema } },
      },
      async (req) => {
        const items = await uc.listRules(deps, actorOf(req), req.params.unitId);
        await ensureCarePlan(deps.db, deps.clock.now());
        return { items };
      },
    );
    registerListExport(fastify, deps, '/care/rules/export.xlsx', s.ruleExportQuery, careRulesExport, tags);
    app.put(
      '/care/units/:unitId/rules/:code',
      {
        config: needs('care.rules.manage'),
        schema: { tags, params: s.ruleParams, body: s.ruleBody, response: { 200: s.ruleSchema } },
      },
      async (req) => {
        const row = await uc.saveRule(deps, actorOf(req), req.params.unitId, {
          ...req.body,
          code: req.params.code,
        });
        return row.rule;
      },
    );
    app.delete(
      '/care/units/:unitId/rules/:code',
      {
        config: needs('care.rules.manage'),
        schema: { tags, params: s.ruleParams, response: { 204: noContent } },
      },
      async (req, reply) => {
        await uc.resetRule(deps, actorOf(req), req.params.unitId, req.params.code);
        return reply.code(204).send();
      },
    );
    app.post(
      '/care/units/:unitId/run',
      {
        config: needs('care.rules.manage'),
        schema: { tags, params: s.unitParams, body: s.runDayBody, response: { 200: s.runDayResultSchema } },
      },
      async (req) => uc.runUnitDay(deps, actorOf(req), req.params.unitId, req.body.date ?? null),
    );

    app.get(
      '/care/tasks',
      {
        config: needs('care.read'),
        schema: { tags, querystring: s.worklistQuery, response: { 200: s.worklistSchema } },
      },
      async (req) => {
        const actor = actorOf(req);
        // Whoever opens the worklist makes sure today's date-rule run is queued (it re-queues daily).
        await ensureCarePlan(deps.db, deps.clock.now());
        const r = await uc.worklist(deps, actor, { ...req.query, mine: req.query.mine ?? false });
        return {
          total: r.total,
          items: r.items.map((i) => ({ ...i, task: present(i.task, actor.userId) })),
        };
      },
    );
    registerListExport(
      fastify,
      deps,
      '/care/tasks/export.xlsx',
      s.worklistQuery.omit({ page: true, pageSize: true }),
      careTasksExport,
      tags,
    );
    app.get(
      '/care/tasks/:id',
      {
        config: needs('care.read'),
        schema: { tags, params: s.idParams, response: { 200: s.taskDetailSchema } },
      },
      async (req) => {
        const actor = actorOf(req);
        const d = await detail.taskDetail(deps, actor, req.params.id);
        return {
          ...d,
          task: present(d.task, actor.userId),
          members: d.members.map((m) => present(m, actor.userId)),
          history: {
            contacts: d.history.contacts.map((c) => ({ ...c, occurredAt: c.occurredAt.toISOString() })),
            tickets: d.history.tickets.map((t) => ({ ...t, receivedAt: t.receivedAt.toISOString() })),
            careTasks: d.history.careTasks.map((t) => present(t, actor.userId)),
          },
          attempts: d.attempts.map((a) => ({
            ...a,
            at: a.at.toISOString(),
            callBackAt: a.callBackAt?.toISOString() ?? null,
          })),
          objections: d.objections.map(presentObjection),
        };
      },
    );
    app.post(
      '/care/tasks/:id/reveal-number',
      {
        // The caller dials the number, after a stated reason the customers module audits (CUS-3).
        config: { ...needs('care.work'), revealsNumbers: 'the follow-up caller dials the customer' },
        schema: {
          tags,
          params: s.idParams,
          body: s.revealNumberBody,
          response: { 200: unmaskedSchema },
        },
      },
      async (req) => uc.revealNumberForTask(deps, actorOf(req), req.params.id, req.body.reason),
    );
    app.post(
      '/care/tasks/:id/claim',
      { config: needs('care.work'), schema: { tags, params: s.idParams, response: { 200: s.taskSchema } } },
      async (req) => present(await uc.claimTask(deps, actorOf(req), req.params.id), actorOf(req).userId),
    );
    app.post(
      '/care/tasks/:id/release',
      { config: needs('care.work'), schema: { tags, params: s.idParams, response: { 200: s.taskSchema } } },
      async (req) => present(await uc.releaseTask(deps, actorOf(req), req.params.id), actorOf(req).userId),
    );
    app.post(
      '/care/tasks/:id/attempts',
      {
        config: needs('care.work'),
        schema: { tags, params: s.idParams, body: s.attemptBody, response: { 200: s.taskSchema } },
      },
      async (req) =>
        present(await uc.recordAttempt(deps, actorOf(req), req.params.id, req.body), actorOf(req).userId),
    );
    app.post(
      '/care/tasks/:id/letter-sent',
      {
        config: needs('care.work'),
        schema: { tags, params: s.idParams, body: s.letterSentBody, response: { 200: s.taskSchema } },
      },
      async (req) =>
        present(
          await departures.recordLetterSent(deps, actorOf(req), req.params.id, req.body.sentAt),
          actorOf(req).userId,
        ),
    );
    app.get(
      '/care/units/:unitId/estate',
      {
        config: needs('care.read'),
        schema: { tags, params: s.unitParams, response: { 200: s.estateSchema } },
      },
      async (req) => estates.getEstate(deps, actorOf(req), req.params.unitId),
    );
    app.put(
      '/care/units/:unitId/estate',
      {
        config: needs('care.rules.manage'),
        schema: { tags, params: s.unitParams, body: s.estateBody, response: { 200: s.estateSchema } },
      },
      async (req) => estates.saveEstate(deps, actorOf(req), req.params.unitId, req.body.moveInDate),
    );
    app.get(
      '/care/units/:unitId/estate/follow-ups',
      {
        config: needs('care.read'),
        schema: { tags, params: s.unitParams, response: { 200: s.estateFollowUpsSchema } },
      },
      async (req) => estates.estateFollowUps(deps, actorOf(req), req.params.unitId),
    );
    registerListExport(
      fastify,
      deps,
      '/care/estate-follow-ups/export.xlsx',
      s.unitExportQuery,
      estateFollowUpsExport,
      tags,
    );
    app.post(
      '/care/departures',
      {
        config: needs('care.work'),
        schema: { tags, body: s.departureBody, response: { 201: s.departureSchema } },
      },
      async (req, reply) =>
        reply.code(201).send(await departures.recordDeparture(deps, actorOf(req), req.body)),
    );

    app.get(
      '/care/units/:unitId/objections',
      {
        config: needs('care.read'),
        schema: {
          tags,
          params: s.unitParams,
          querystring: s.objectionQuery,
          response: { 200: s.objectionListSchema },
        },
      },
      async (req) => ({
        items: (
          await detail.listObjections(deps, actorOf(req), req.params.unitId, req.query.ruleCode ?? null)
        ).map(presentObjection),
      }),
    );
    registerListExport(
      fastify,
      deps,
      '/care/objections/export.xlsx',
      s.objectionExportQuery,
      careObjectionsExport,
      tags,
    );
    app.post(
      '/care/objections',
      {
        config: needs('care.rules.manage'),
        schema: { tags, body: s.objectionBody, response: { 201: s.objectionRowSchema } },
      },
      async (req, reply) =>
        reply.code(201).send(presentObjection(await detail.createObjection(deps, actorOf(req), req.body))),
    );
    app.patch(
      '/care/objections/:id',
      {
        config: needs('care.rules.manage'),
        schema: { tags, params: s.idParams, body: s.objectionPatch, response: { 200: s.objectionRowSchema } },
      },
      async (req) =>
        presentObjection(await detail.updateObjection(deps, actorOf(req), req.params.id, req.body)),
    );
    app.delete(
      '/care/objections/:id',
      {
        config: needs('care.rules.manage'),
        schema: { tags, params: s.idParams, response: { 204: noContent } },
      },
      async (req, reply) => {
        await detail.deleteObjection(deps, actorOf(req), req.params.id);
        return reply.code(204).send();
      },
    );
  };
}
