import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from '../../app/context';
import { actorOf } from '../auth/auth.service';
import { presentCustomer } from './customers.presenter';
import * as s from './customers.schemas';
import * as uc from './customers.usecases';
import { needs } from '../../app/route-access';
import { registerListExport } from '../../app/list-export';
import { accessExport, customersExport, readCustomers } from './customers.export';
import * as access from './customers.access';
import * as changes from './customers.changes';
import { customerOverview } from './customers.overview';
import * as realEstate from './customers.real-estate';
import * as pipl from './customers.pipl';
import { PassThrough } from 'node:stream';
import { fileDownload, XLSX } from '../../../shared/common';
import { attachment } from '../../app/report-workbook';

/** Customer archive routes (CUS-1, CUS-4, CUS-6, IN-3 card): validate → use case → present. */
export function customersRoutes(deps: Deps) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['customers'];
    const present = (actor: ReturnType<typeof actorOf>, record: Awaited<ReturnType<typeof uc.getCustomer>>) =>
      presentCustomer(record, !uc.seesFullNumbers(actor, record.unitPath));

    app.get(
      '/customers',
      {
        config: needs('customers.read'),
        schema: { tags, querystring: s.listCustomersQuery, response: { 200: s.customerListSchema } },
      },
      async (req) => readCustomers(deps, actorOf(req), req.query),
    );
    registerListExport(
      fastify,
      deps,
      '/customers/export.xlsx',
      s.listCustomersQuery.omit({ page: true, pageSize: true }),
      customersExport,
      tags,
    );
    // CUS-3: exports above the approval limit are requested, approved, then downloaded.
    app.post(
      '/customers/exports',
      {
        config: needs('customers.read'),
        schema: { tags, body: s.exportRequestBody, response: { 201: s.exportRequestSchema } },
      },
      async (req, reply) =>
        reply
          .code(201)
          .send(await access.requestCustomerExport(deps, actorOf(req), req.body, customersExport)),
    );
    app.get(
      '/customers/exports',
      {
        config: needs('customers.read'),
        schema: { tags, querystring: s.exportRequestsQuery, response: { 200: s.exportRequestListSchema } },
      },
      async (req) =>
        access.listCustomerExports(deps, actorOf(req), { ...req.query, mine: req.query.mine === 'true' }),
    );
    app.get(
      '/customers/exports/:id/download.xlsx',
      {
        config: needs('customers.read'),
        schema: {
          tags,
          params: s.idParams,
          response: { 200: fileDownload(XLSX, '批准的客户导出（Excel） / The approved customer export') },
        },
      },
      async (req, reply) => {
        const { prepared } = await access.prepareApprovedExport(
          deps,
          actorOf(req),
          req.params.id,
          customersExport,
        );
        const out = new PassThrough();
        prepared.write(out).catch((err: unknown) => {
          req.log.error({ err }, 'approved customer export failed while streaming');
          out.destroy(err as Error);
        });
        const day = deps.clock.now().toISOString().slice(0, 10);
        return reply
          .header('content-type', XLSX)
          .header('content-disposition', attachment('customers.xlsx', `客户导出-${day}.xlsx`))
          .header('access-control-expose-headers', 'x-export-rows')
          .header('x-export-rows', String(prepared.rowCount))
          .send(out);
      },
    );
    app.get(
      '/customers/access',
      {
        config: needs('customers.access.review'),
        schema: { tags, querystring: s.accessQuery, response: { 200: s.accessListSchema } },
      },
      async (req) => access.listAccess(deps, actorOf(req), req.query),
    );
    registerListExport(fastify, deps, '/customers/access/export.xlsx', s.accessFilter, accessExport, tags);
    app.post(
      '/customers',
      {
        config: needs('customers.manage'),
        schema: { tags, body: s.createCustomerBody, response: { 201: s.customerSchema } },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        return reply.code(201).send(present(actor, await uc.createCustomer(deps, actor, req.body)));
      },
    );
    app.get(
      '/customers/:id',
      {
        config: needs('customers.read'),
        schema: { tags, params: s.idParams, response: { 200: s.customerSchema } },
      },
      async (req) => {
        const actor = actorOf(req);
        return present(actor, await uc.viewCustomer(deps, actor, req.params.id));
      },
    );
    app.patch(
      '/customers/:id',
      {
        config: needs('customers.manage'),
        schema: { tags, params: s.idParams, body: s.updateCustomerBody, response: { 200: s.customerSchema } },
      },
      async (req) => {
        const actor = actorOf(req);
        return present(actor, await uc.updateCustomer(deps, actor, req.params.id, req.body));
      },
    );
    app.post(
      '/customers/:id/unmask',
      {
        config: needs('customers.phone.unmask'),
        schema: { tags, params: s.idParams, body: s.unmaskBody, response: { 200: s.unmaskedSchema } },
      },
      async (req) => uc.unmaskCustomer(deps, actorOf(req), req.params.id, req.body.reason),
    );
    // CUS-2: identity changes only through a change form, applied after customer service verifies.
    app.get(
      '/customers/changes',
      {
        config: needs('customers.change.verify'),
        schema: { tags, querystring: s.changeQueueQuery, response: { 200: s.changeRequestListSchema } },
      },
      async (req) => changes.changeQueue(deps, actorOf(req), req.query),
    );
    app.get(
      '/customers/:id/changes',
      {
        config: needs('customers.read'),
        schema: { tags, params: s.idParams, response: { 200: s.changeRequestListSchema } },
      },
      async (req) => changes.listChanges(deps, actorOf(req), req.params.id),
    );
    app.post(
      '/customers/:id/changes',
      {
        config: needs('customers.change.submit'),
        schema: {
          tags,
          params: s.idParams,
          body: s.submitChangeBody,
          response: { 201: s.changeRequestSchema },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await changes.submitChange(deps, actorOf(req), req.params.id, req.body)),
    );
    app.post(
      '/customers/:id/changes/:changeId/apply',
      {
        config: needs('customers.change.verify'),
        schema: {
          tags,
          params: s.changeParams,
          body: s.applyChangeBody,
          response: { 200: s.changeRequestSchema },
        },
      },
      async (req) => changes.applyChange(deps, actorOf(req), req.params.id, req.params.changeId, req.body),
    );
    app.post(
      '/customers/:id/changes/:changeId/reject',
      {
        config: needs('customers.change.verify'),
        schema: {
          tags,
          params: s.changeParams,
          body: s.rejectChangeBody,
          response: { 200: s.changeRequestSchema },
        },
      },
      async (req) =>
        changes.rejectChange(deps, actorOf(req), req.params.id, req.params.changeId, req.body.note),
    );
    app.get(
      '/customers/:id/versions',
      {
        config: needs('customers.read'),
        schema: { tags, params: s.idParams, response: { 200: s.customerVersionListSchema } },
      },
      async (req) => changes.listVersions(deps, actorOf(req), req.params.id),
    );
    // CUS-1 (real estate): houses whose property-title number is overdue or still due.
    app.get(
      '/customers/property-titles',
      {
        config: needs('customers.read'),
        schema: { tags, querystring: s.propertyTitlesQuery, response: { 200: s.propertyTitleListSchema } },
      },
      async (req) => realEstate.listPropertyTitles(deps, actorOf(req), req.query),
    );
    // CUS-5: records handed over from sales, and their check on arrival (room, phone, address).
    app.get(
      '/customers/handover-checks',
      {
        config: needs('customers.read'),
        schema: { tags, querystring: s.handoverChecksQuery, response: { 200: s.handoverCheckListSchema } },
      },
      async (req) => realEstate.listHandoverChecks(deps, actorOf(req), req.query),
    );
    app.get(
      '/customers/:id/handover',
      {
        config: needs('customers.read'),
        schema: { tags, params: s.idParams, response: { 200: s.handoverOfCustomerSchema } },
      },
      async (req) => ({ check: await realEstate.handoverCheckOf(deps, actorOf(req), req.params.id) }),
    );
    app.post(
      '/customers/:id/handover',
      {
        config: needs('customers.manage'),
        schema: {
          tags,
          params: s.idParams,
          body: s.handoverReceiveBody,
          response: { 201: s.handoverCheckSchema },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await realEstate.receiveHandover(deps, actorOf(req), req.params.id, req.body)),
    );
    app.post(
      '/customers/:id/handover/check',
      {
        config: needs('customers.manage'),
        schema: {
          tags,
          params: s.idParams,
          body: s.handoverCheckBody,
          response: { 200: s.handoverCheckSchema },
        },
      },
      async (req) => realEstate.checkHandover(deps, actorOf(req), req.params.id, req.body),
    );
    // PIPL: the customer's own data as one workbook, and erasure with approval.
    app.get(
      '/customers/:id/personal-data.xlsx',
      {
        config: needs('customers.personal_data'),
        schema: {
          tags,
          params: s.idParams,
          querystring: s.personalDataQuery,
          response: {
            200: fileDownload(XLSX, '客户本人的全部信息（Excel） / Everything held about the customer'),
          },
        },
      },
      async (req, reply) => {
        const buffer = await pipl.exportPersonalData(deps, actorOf(req), req.params.id, req.query.reason);
        return reply
          .header('content-type', XLSX)
          .header('content-disposition', attachment('personal-data.xlsx', '客户个人信息.xlsx'))
          .send(buffer);
      },
    );
    app.get(
      '/customers/:id/erasures',
      {
        config: needs('customers.personal_data'),
        schema: { tags, params: s.idParams, response: { 200: s.erasureListSchema } },
      },
      async (req) => pipl.listErasures(deps, actorOf(req), req.params.id),
    );
    app.post(
      '/customers/:id/erasures',
      {
        config: needs('customers.personal_data'),
        schema: { tags, params: s.idParams, body: s.erasureBody, response: { 201: s.erasureSchema } },
      },
      async (req, reply) =>
        reply.code(201).send(await pipl.requestErasure(deps, actorOf(req), req.params.id, req.body.reason)),
    );
    // CUS-1: the 360° view, each section scoped by the caller's units.
    app.get(
      '/customers/:id/overview',
      {
        config: needs('customers.read'),
        schema: { tags, params: s.idParams, response: { 200: s.overviewSchema } },
      },
      async (req) => customerOverview(deps, actorOf(req), req.params.id),
    );
    app.get(
      '/customers/:id/card',
      {
        config: needs('customers.read'),
        schema: { tags, params: s.idParams, response: { 200: s.cardSchema } },
      },
      async (req) => uc.customerCard(deps, actorOf(req), req.params.id),
    );
  };
}
