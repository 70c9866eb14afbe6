import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PERMISSIONS } from '../../../domain/permissions';
import type { Deps } from '../../app/context';
import { actorOf } from '../auth/auth.service';
import * as accountRequestsUc from './account-requests.usecases';
import { presentRole, presentUnit, presentUser } from './org.presenter';
import * as s from './org.schemas';
import * as rolesUc from './roles.usecases';
import * as unitsUc from './units.usecases';
import * as usersUc from './users.usecases';
import { clearOrgCachesOnWrites } from './org.cache';
import { needs, signedIn } from '../../app/route-access';
import { noContent } from '../../../shared/common';
import { registerListExport } from '../../app/list-export';
import { accountRequestsExport, rolesExport, unitsExport, usersExport } from './org.export';

/** Organisation routes (ORG-1…3): validate → use case with the acting person → present. */
export function orgRoutes(deps: Deps) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    clearOrgCachesOnWrites(fastify, deps);
    const tags = ['organisation'];
    const present = ({ user, memberships }: usersUc.UserWithMemberships) => presentUser(user, memberships);

    app.get(
      '/permissions',
      {
        config: signedIn('the permission catalogue, for the role editor'),
        schema: { tags, response: { 200: s.permissionCatalogue } },
      },
      async () => ({
        items: PERMISSIONS.map((p) => ({ ...p })),
      }),
    );

    app.get(
      '/units',
      {
        config: needs('org.units.read'),
        schema: {
          tags,
          querystring: s.listUnitsQuery,
          response: { 200: z.object({ items: z.array(s.unitSchema) }) },
        },
      },
      async (req) => ({
        items: (
          await unitsUc.listUnits(deps, actorOf(req), {
            includeInactive: req.query.includeInactive === 'true',
          })
        ).map(presentUnit),
      }),
    );
    registerListExport(fastify, deps, '/units/export.xlsx', s.listUnitsQuery, unitsExport, tags);
    app.get(
      '/units/:id',
      {
        config: needs('org.units.read'),
        schema: { tags, params: s.idParams, response: { 200: s.unitSchema } },
      },
      async (req) => presentUnit(await unitsUc.getUnit(deps, actorOf(req), req.params.id)),
    );
    app.get(
      '/units/:id/contact',
      {
        config: needs('org.units.read'),
        schema: { tags, params: s.idParams, response: { 200: s.unitContactSchema } },
      },
      async (req) => unitsUc.getUnitContact(deps, actorOf(req), req.params.id),
    );
    app.post(
      '/units',
      {
        config: needs('org.units.manage'),
        schema: { tags, body: s.createUnitBody, response: { 201: s.unitSchema } },
      },
      async (req, reply) =>
        reply.code(201).send(presentUnit(await unitsUc.createUnit(deps, actorOf(req), req.body))),
    );
    app.patch(
      '/units/:id',
      {
        config: needs('org.units.manage'),
        schema: { tags, params: s.idParams, body: s.updateUnitBody, response: { 200: s.unitSchema } },
      },
      async (req) => presentUnit(await unitsUc.updateUnit(deps, actorOf(req), req.params.id, req.body)),
    );

    app.get(
      '/users',
      {
        config: needs('org.users.read'),
        schema: {
          tags,
          querystring: s.listUsersQuery,
          response: { 200: z.object({ items: z.array(s.userSchema), total: z.number() }) },
        },
      },
      async (req) => {
        const { items, total } = await usersUc.listUsers(deps, actorOf(req), req.query);
        return { items: items.map(present), total };
      },
    );
    registerListExport(
      fastify,
      deps,
      '/users/export.xlsx',
      s.listUsersQuery.omit({ page: true, pageSize: true }),
      usersExport,
      tags,
    );
    app.get(
      '/users/:id',
      {
        config: needs('org.users.read'),
        schema: { tags, params: s.idParams, response: { 200: s.userSchema } },
      },
      async (req) => present(await usersUc.getUser(deps, actorOf(req), req.params.id)),
    );
    app.post(
      '/users',
      {
        config: needs('org.users.manage'),
        schema: { tags, body: s.createUserBody, response: { 201: s.userSchema } },
      },
      async (req, reply) =>
        reply.code(201).send(present(await usersUc.createUser(deps, actorOf(req), req.body))),
    );
    app.patch(
      '/users/:id',
      {
        config: needs('org.users.manage'),
        schema: { tags, params: s.idParams, body: s.updateUserBody, response: { 200: s.userSchema } },
      },
      async (req) => present(await usersUc.updateUser(deps, actorOf(req), req.params.id, req.body)),
    );
    app.post(
      '/users/:id/disable',
      {
        config: needs('org.users.manage'),
        schema: {
          tags,
          params: s.idParams,
          body: s.disableUserBody.optional(),
          response: { 200: s.userSchema },
        },
      },
      async (req) => present(await usersUc.disableUser(deps, actorOf(req), req.params.id, req.body ?? {})),
    );
    app.post(
      '/users/:id/enable',
      {
        config: needs('org.users.manage'),
        schema: {
          tags,
          params: s.idParams,
          body: z.strictObject({}).optional(),
          response: { 200: s.userSchema },
        },
      },
      async (req) => present(await usersUc.enableUser(deps, actorOf(req), req.params.id)),
    );
    app.post(
      '/users/:id/reset-password',
      {
        config: needs('org.users.manage'),
        schema: { tags, params: s.idParams, body: s.resetPasswordBody, response: { 204: noContent } },
      },
      async (req, reply) => {
        await usersUc.resetPassword(deps, actorOf(req), req.params.id, req.body.newPassword);
        return reply.code(204).send();
      },
    );

    app.get(
      '/roles',
      {
        config: signedIn('role names and rights, shown beside people and memberships'),
        schema: { tags, response: { 200: z.object({ items: z.array(s.roleSchema) }) } },
      },
      async (req) => {
        actorOf(req);
        return { items: (await rolesUc.listRoles(deps)).map(presentRole) };
      },
    );
    registerListExport(fastify, deps, '/roles/export.xlsx', z.strictObject({}), rolesExport, tags);
    app.post(
      '/roles',
      {
        config: needs('org.roles.manage'),
        schema: { tags, body: s.createRoleBody, response: { 201: s.roleSchema } },
      },
      async (req, reply) =>
        reply.code(201).send(presentRole(await rolesUc.createRole(deps, actorOf(req), req.body))),
    );
    app.patch(
      '/roles/:id',
      {
        config: needs('org.roles.manage'),
        schema: { tags, params: s.idParams, body: s.updateRoleBody, response: { 200: s.roleSchema } },
      },
      async (req) => presentRole(await rolesUc.updateRole(deps, actorOf(req), req.params.id, req.body)),
    );

    const presentRequests = (rows: Parameters<typeof accountRequestsUc.presentAccountRequests>[1]) =>
      accountRequestsUc.presentAccountRequests(deps, rows);
    const presentRequest = async (row: Parameters<typeof presentRequests>[0][number]) =>
      (await presentRequests([row]))[0]!;
    app.get(
      '/account-requests',
      {
        config: needs('org.accounts.request', 'org.accounts.approve', 'org.accounts.open'),
        schema: {
          tags,
          querystring: s.listAccountRequestsQuery,
          response: { 200: z.object({ items: z.array(s.accountRequestSchema), total: z.number() }) },
        },
      },
      async (req) => {
        const { items, total } = await accountRequestsUc.listAccountRequests(deps, actorOf(req), req.query);
        return { items: await presentRequests(items), total };
      },
    );
    registerListExport(
      fastify,
      deps,
      '/account-requests/export.xlsx',
      s.listAccountRequestsQuery.omit({ page: true, pageSize: true }),
      accountRequestsExport,
      tags,
    );
    app.post(
      '/account-requests',
      {
        config: needs('org.accounts.request'),
        schema: { tags, body: s.fileAccountRequestBody, response: { 201: s.accountRequestSchema } },
      },
      async (req, reply) =>
        reply
          .code(201)
          .send(
            await presentRequest(await accountRequestsUc.fileAccountRequest(deps, actorOf(req), req.body)),
          ),
    );
    app.post(
      '/account-requests/:id/approve',
      {
        config: needs('org.accounts.approve'),
        schema: {
          tags,
          params: s.idParams,
          body: s.approveBody.optional(),
          response: { 200: s.accountRequestSchema },
        },
      },
      async (req) =>
        presentRequest(
          await accountRequestsUc.decideAccountRequest(deps, actorOf(req), req.params.id, {
            approve: true,
            comment: req.body?.comment ?? null,
          }),
        ),
    );
    app.post(
      '/account-requests/:id/reject',
      {
        config: needs('org.accounts.approve'),
        schema: { tags, params: s.idParams, body: s.rejectBody, response: { 200: s.accountRequestSchema } },
      },
      async (req) =>
        presentRequest(
          await accountRequestsUc.decideAccountRequest(deps, actorOf(req), req.params.id, {
            approve: false,
            comment: req.body.comment,
          }),
        ),
    );
    app.post(
      '/account-requests/:id/open',
      {
        config: needs('org.accounts.open'),
        schema: {
          tags,
          params: s.idParams,
          body: s.openAccountBody,
          response: { 200: s.accountRequestSchema },
        },
      },
      async (req) =>
        presentRequest(await accountRequestsUc.openAccount(deps, actorOf(req), req.params.id, req.body)),
    );
  };
}
