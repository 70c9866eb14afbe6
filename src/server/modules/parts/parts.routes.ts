import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParams } from '../../../shared/common';
import * as s from '../../../shared/parts';
import type { Deps } from '../../app/context';
import { registerListExport } from '../../app/list-export';
import { needs } from '../../app/route-access';
import { actorOf } from '../auth/auth.service';
import { partMovementsExport } from './parts.export';
import { waitingQuoteListSchema, waitingQuotesQuery } from '../../../shared/workorders';
import * as q from './parts.queries';
import * as uc from './parts.usecases';

const presentPart = (p: uc.PartRow) => ({
  id: p.id,
  unitId: p.unitId,
  code: p.code,
  name: p.name,
  model: p.model,
  uom: p.uom,
  priceFen: p.priceFen,
  lowStockThreshold: p.lowStockThreshold,
  active: p.active,
});
const presentLocation = (l: uc.LocationRow) => ({
  id: l.id,
  unitId: l.unitId,
  kind: l.kind,
  name: l.name,
  technicianId: l.technicianId,
  active: l.active,
});
const presentMovement = (m: uc.MovementRow) => ({
  id: m.id,
  unitId: m.unitId,
  kind: m.kind,
  partId: m.partId,
  fromLocationId: m.fromLocationId,
  toLocationId: m.toLocationId,
  quantity: m.quantity,
  workOrderId: m.workOrderId,
  reason: m.reason,
  at: m.at.toISOString(),
});

/** Spare parts (备件, issue 18): catalogue, locations, stock, movements, old parts returned. */
export function partsRoutes(deps: Deps) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['parts'];
    app.get(
      '/parts',
      {
        config: needs('parts.view'),
        schema: { tags, querystring: s.partsQuery, response: { 200: s.partListSchema } },
      },
      async (req) => ({ items: await q.listParts(deps, actorOf(req), req.query) }),
    );
    app.post(
      '/parts',
      {
        config: needs('parts.manage'),
        schema: { tags, body: s.partBody, response: { 201: s.partRecordSchema } },
      },
      async (req, reply) =>
        reply.code(201).send(presentPart(await uc.createPart(deps, actorOf(req), req.body))),
    );
    app.patch(
      '/parts/:id',
      {
        config: needs('parts.manage'),
        schema: { tags, params: idParams, body: s.partPatch, response: { 200: s.partRecordSchema } },
      },
      async (req) => presentPart(await uc.updatePart(deps, actorOf(req), req.params.id, req.body)),
    );
    app.get(
      '/stock-locations',
      {
        config: needs('parts.view'),
        schema: { tags, querystring: s.locationsQuery, response: { 200: s.locationListSchema } },
      },
      async (req) => ({
        items: await q.listLocations(deps, actorOf(req), req.query.unitId, {
          withAncestors: req.query.withAncestors === 'true',
        }),
      }),
    );
    app.post(
      '/stock-locations',
      {
        config: needs('parts.manage'),
        schema: { tags, body: s.locationBody, response: { 201: s.locationRecordSchema } },
      },
      async (req, reply) =>
        reply.code(201).send(presentLocation(await uc.createLocation(deps, actorOf(req), req.body))),
    );
    app.get(
      '/part-stock',
      {
        config: needs('parts.view'),
        schema: { tags, querystring: s.stockQuery, response: { 200: s.stockListSchema } },
      },
      async (req) => ({ items: await q.listStock(deps, actorOf(req), req.query) }),
    );
    app.get(
      '/part-movements',
      {
        config: needs('parts.view'),
        schema: { tags, querystring: s.movementsQuery, response: { 200: s.movementPageSchema } },
      },
      async (req) => q.listMovements(deps, actorOf(req), req.query),
    );
    registerListExport(
      fastify,
      deps,
      '/part-movements/export.xlsx',
      s.movementsQuery.omit({ page: true, pageSize: true }),
      partMovementsExport,
      tags,
    );
    app.post(
      '/part-movements',
      {
        config: needs('parts.move'),
        schema: {
          tags,
          description:
            '出入库：库存不足时拒绝且不写入任何记录 / One stock movement; refused whole when the source holds too little',
          body: s.movementBody,
          response: { 201: s.movementRecordSchema },
        },
      },
      async (req, reply) =>
        reply.code(201).send(presentMovement(await uc.recordMovement(deps, actorOf(req), req.body))),
    );
    app.post(
      '/part-transfers',
      {
        config: needs('parts.move'),
        schema: {
          tags,
          description:
            '跨单位调拨：调出、调入两条流水在同一事务内写入，库存不足时拒绝 / Transfer between two units’ warehouses',
          body: s.transferBody,
          response: { 201: z.object({ out: s.movementRecordSchema, in: s.movementRecordSchema }) },
        },
      },
      async (req, reply) => {
        const r = await uc.transferBetweenUnits(deps, actorOf(req), req.body);
        return reply.code(201).send({ out: presentMovement(r.out), in: presentMovement(r.in) });
      },
    );
    app.post(
      '/part-requisitions',
      {
        config: needs('parts.move'),
        schema: {
          tags,
          description:
            '派工单领料：从仓库到该单技术员的车载库，收费服务须报价已批准 / Requisition for a work order (PAY-3 approved quote)',
          body: s.requisitionBody,
          response: { 201: s.movementRecordSchema },
        },
      },
      async (req, reply) =>
        reply.code(201).send(presentMovement(await uc.requisition(deps, actorOf(req), req.body))),
    );
    app.get(
      '/part-requisitions/pending',
      {
        config: needs('parts.view'),
        schema: {
          tags,
          description:
            '待领料：报价已批准并经客户签字、尚未领料的派工单 / Signed quotes whose parts are not yet requisitioned',
          querystring: waitingQuotesQuery,
          response: { 200: waitingQuoteListSchema },
        },
      },
      async (req) => q.requisitionsPending(deps, actorOf(req), req.query),
    );
    app.get(
      '/old-parts',
      {
        config: needs('parts.view'),
        schema: { tags, querystring: s.oldPartsQuery, response: { 200: s.oldPartListSchema } },
      },
      async (req) => ({ items: await q.listOldParts(deps, actorOf(req), req.query) }),
    );
    const presentOld = (r: Awaited<ReturnType<typeof uc.collectOldPart>>) => ({
      id: r.id,
      partId: r.partId,
      workOrderId: r.workOrderId,
      quantity: r.quantity,
      receivedAt: r.receivedAt?.toISOString() ?? null,
    });
    app.post(
      '/old-parts',
      {
        config: needs('parts.move'),
        schema: { tags, body: s.oldPartBody, response: { 201: s.oldPartRecordSchema } },
      },
      async (req, reply) =>
        reply.code(201).send(presentOld(await uc.collectOldPart(deps, actorOf(req), req.body))),
    );
    app.post(
      '/old-parts/:id/receive',
      {
        config: needs('parts.move'),
        schema: {
          tags,
          params: idParams,
          body: s.oldPartReceiveBody,
          response: { 200: s.oldPartRecordSchema },
        },
      },
      async (req) => presentOld(await uc.receiveOldPart(deps, actorOf(req), req.params.id, req.body)),
    );
  };
}
