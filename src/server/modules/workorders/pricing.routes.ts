import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from '../../app/context';
import { actorOf } from '../auth/auth.service';
import * as uc from './pricing.usecases';
import * as s from './workorders.schemas';
import { needs } from '../../app/route-access';
import { registerListExport } from '../../app/list-export';
import { contractsExport, priceListExport } from './workorders.export';
import { listContracts, presentContract, updateContract } from './contracts.usecases';

const presentItem = (r: uc.PriceItemRow) => ({
  id: r.id,
  unitId: r.unitId,
  kind: r.kind,
  code: r.code,
  name: r.name,
  unit: r.unit,
  priceFen: r.priceFen,
  active: r.active,
});

/** Price list administration (PAY-5) and maintenance contracts (PAY-2 class B). */
export function pricingRoutes(deps: Deps) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['pricing'];
    app.get(
      '/price-list',
      {
        config: needs('workorders.read', 'pricing.manage'),
        schema: { tags, querystring: s.priceListQuery, response: { 200: s.priceListSchema } },
      },
      async (req) => {
        const { includeInactive, ...rest } = req.query;
        const rows = await uc.listPriceItems(deps, actorOf(req), {
          ...rest,
          includeInactive: includeInactive === 'true',
        });
        return { items: rows.map(presentItem) };
      },
    );
    registerListExport(fastify, deps, '/price-list/export.xlsx', s.priceListQuery, priceListExport, tags);
    app.post(
      '/price-list',
      {
        config: needs('pricing.manage'),
        schema: { tags, body: s.priceItemBody, response: { 201: s.priceItemSchema } },
      },
      async (req, reply) =>
        reply.code(201).send(presentItem(await uc.createPriceItem(deps, actorOf(req), req.body))),
    );
    app.patch(
      '/price-list/:id',
      {
        config: needs('pricing.manage'),
        schema: { tags, params: s.idParams, body: s.priceItemPatch, response: { 200: s.priceItemSchema } },
      },
      async (req) => presentItem(await uc.updatePriceItem(deps, actorOf(req), req.params.id, req.body)),
    );
    app.post(
      '/maintenance-contracts',
      {
        config: needs('workorders.dispatch'),
        schema: { tags, body: s.contractBody, response: { 201: s.maintenanceContractSchema } },
      },
      async (req, reply) => {
        const contract = await uc.createMaintenanceContract(deps, actorOf(req), req.body);
        return reply.code(201).send(presentContract(contract));
      },
    );
    app.get(
      '/maintenance-contracts',
      {
        config: needs('workorders.read'),
        schema: { tags, querystring: s.contractsQuery, response: { 200: s.contractListSchema } },
      },
      async (req) => listContracts(deps, actorOf(req), req.query),
    );
    registerListExport(
      fastify,
      deps,
      '/maintenance-contracts/export.xlsx',
      s.contractsQuery.omit({ page: true, pageSize: true }),
      contractsExport,
      tags,
    );
    app.patch(
      '/maintenance-contracts/:id',
      {
        config: needs('workorders.dispatch'),
        schema: {
          tags,
          params: s.idParams,
          body: s.contractPatch,
          response: { 200: s.maintenanceContractSchema },
        },
      },
      async (req) => presentContract(await updateContract(deps, actorOf(req), req.params.id, req.body)),
    );
  };
}
