import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from '../../app/context';
import { actorOf } from '../auth/auth.plugin';
import { presentTask } from './tasks.presenter';
import * as s from './tasks.schemas';
import * as uc from './tasks.usecases';
// Business-event handlers (ORG-3 hand-over) register when the routes load.
import './tasks.events';

/** Call-backs (IN-5) and messages for colleagues (IN-6): the worklist and its actions. */
export function taskRoutes(deps: Deps) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['tasks'];
    const present = (t: Parameters<typeof presentTask>[0]) => presentTask(t, deps.clock.now());
    app.post(
      '/tasks',
      { schema: { tags, body: s.createTaskBody, response: { 201: s.taskSchema } } },
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
      { schema: { tags, querystring: s.listTasksQuery, response: { 200: s.taskListResponse } } },
      async (req) => {
        const r = await uc.listTasks(deps, actorOf(req), req.query);
        return { items: r.items.map(present), total: r.total };
      },
    );
    app.get(
      '/tasks/:id',
      { schema: { tags, params: s.idParams, response: { 200: s.taskSchema } } },
      async (req) => present(await uc.getTask(deps, actorOf(req), req.params.id)),
    );
    app.post(
      '/tasks/:id/done',
      { schema: { tags, params: s.idParams, body: s.doneBody, response: { 200: s.taskSchema } } },
      async (req) => present(await uc.completeTask(deps, actorOf(req), req.params.id, req.body.outcome)),
    );
    app.post(
      '/tasks/:id/cancel',
      { schema: { tags, params: s.idParams, body: s.cancelBody, response: { 200: s.taskSchema } } },
      async (req) => present(await uc.cancelTask(deps, actorOf(req), req.params.id, req.body.reason)),
    );
    app.post(
      '/tasks/:id/reassign',
      { schema: { tags, params: s.idParams, body: s.reassignBody, response: { 200: s.taskSchema } } },
      async (req) => present(await uc.reassignTask(deps, actorOf(req), req.params.id, req.body.assigneeId)),
    );
  };
}
