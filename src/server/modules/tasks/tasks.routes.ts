import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from '../../app/context';
import { actorOf } from '../auth/auth.service';
import { presentTask } from './tasks.presenter';
import * as s from './tasks.schemas';
import * as uc from './tasks.usecases';
import { needs, signedIn } from '../../app/route-access';
import { registerListExport } from '../../app/list-export';
import { tasksExport } from './tasks.export';

/** Call-backs (IN-5) and messages for colleagues (IN-6): the worklist and its actions. */
export function taskRoutes(deps: Deps) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['tasks'];
    // A call-back (IN-5) is a promise to ring this number: whoever may see the task calls it.
    fastify.addHook('onRoute', (route) => {
      route.config = { ...route.config, revealsNumbers: 'the call-back number is the task itself (IN-5)' };
    });
    const present = (t: Parameters<typeof presentTask>[0]) => presentTask(t, deps.clock.now());
    app.post(
      '/tasks',
      {
        config: needs('tasks.create'),
        schema: { tags, body: s.createTaskBody, response: { 201: s.taskSchema } },
      },
      async (req, reply) => {
        const { dueAt, ...rest } = req.body;
        const task = await uc.createTask(deps, actorOf(req), {
          ...rest,
          dueAt: dueAt ? new Date(dueAt) : null,
        });
        return reply.code(201).send(present(task));
      },
    );
    app.get(
      '/tasks',
      {
        config: signedIn('one’s own tasks; colleagues’ with tasks.read'),
        schema: { tags, querystring: s.listTasksQuery, response: { 200: s.taskListResponse } },
      },
      async (req) => {
        const r = await uc.listTasks(deps, actorOf(req), req.query);
        return { items: r.items.map(present), total: r.total };
      },
    );
    registerListExport(
      fastify,
      deps,
      '/tasks/export.xlsx',
      s.listTasksQuery.omit({ page: true, pageSize: true }),
      tasksExport,
      tags,
    );
    app.get(
      '/tasks/:id',
      {
        config: signedIn('one’s own task; colleagues’ with tasks.read'),
        schema: { tags, params: s.idParams, response: { 200: s.taskSchema } },
      },
      async (req) => present(await uc.getTask(deps, actorOf(req), req.params.id)),
    );
    app.post(
      '/tasks/:id/done',
      {
        config: signedIn('the assignee, or tasks.manage at the unit (tasks.policy)'),
        schema: { tags, params: s.idParams, body: s.doneBody, response: { 200: s.taskSchema } },
      },
      async (req) => present(await uc.completeTask(deps, actorOf(req), req.params.id, req.body.outcome)),
    );
    app.post(
      '/tasks/:id/cancel',
      {
        config: signedIn('the assignee or author, or tasks.manage at the unit (tasks.policy)'),
        schema: { tags, params: s.idParams, body: s.cancelBody, response: { 200: s.taskSchema } },
      },
      async (req) => present(await uc.cancelTask(deps, actorOf(req), req.params.id, req.body.reason)),
    );
    app.post(
      '/tasks/:id/reassign',
      {
        config: signedIn('the assignee, or tasks.manage at the unit (tasks.policy)'),
        schema: { tags, params: s.idParams, body: s.reassignBody, response: { 200: s.taskSchema } },
      },
      async (req) => present(await uc.reassignTask(deps, actorOf(req), req.params.id, req.body.assigneeId)),
    );
  };
}
