import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { fileDownload, idParams } from '../../../shared/common';
import * as s from '../../../shared/orders';
import type { Deps } from '../../app/context';
import { needs } from '../../app/route-access';
import { actorOf } from '../auth/auth.service';
import { registerListExport } from '../../app/list-export';
import { attachment } from '../../app/report-workbook';
import { ordersExport } from './orders.export';
import { importOrders, orderImportTemplate } from './orders.import';
import { presentOrder } from './orders.presenter';
import * as uc from './orders.usecases';

/** Orders entered at the counter or pushed by the shop's ERP / e-commerce platform. */
export function ordersRoutes(deps: Deps) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['orders'];
    app.post(
      '/orders',
      {
        config: needs('orders.manage'),
        schema: { tags, body: s.createOrderBody, response: { 201: s.orderSchema } },
      },
      async (req, reply) =>
        reply.code(201).send(presentOrder(await uc.createOrder(deps, actorOf(req), req.body), actorOf(req))),
    );
    app.put(
      '/orders/external',
      {
        config: needs('orders.import'),
        schema: {
          tags,
          description:
            '由 ERP 或电商平台推送订单：同一外部单号再次推送即更新 / Idempotent upsert by external reference',
          body: s.upsertOrderBody,
          response: { 200: s.upsertOrderResponse, 201: s.upsertOrderResponse },
        },
      },
      async (req, reply) => {
        const r = await uc.upsertOrder(deps, actorOf(req), req.body);
        return reply
          .code(r.created ? 201 : 200)
          .send({ order: presentOrder(r.order, actorOf(req)), created: r.created });
      },
    );
    app.get(
      '/orders/import-template.xlsx',
      {
        config: needs('orders.import'),
        schema: {
          tags,
          response: {
            200: fileDownload(
              'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
              '订单导入模板 / The order import template',
            ),
          },
        },
      },
      async (_req, reply) =>
        reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', attachment('order-import-template.xlsx', '订单导入模板.xlsx'))
          .send(await orderImportTemplate()),
    );
    app.post(
      '/orders/import',
      {
        config: needs('orders.import'),
        // A 2 MB workbook, base64-encoded.
        bodyLimit: 3 * 1024 * 1024,
        schema: {
          tags,
          description:
            '从 Excel 导入订单：整表校验，有任何错误则一单不导入 / Import orders from a filled template, all or nothing',
          body: s.importOrdersBody,
          response: { 201: s.importOrdersResponse },
        },
      },
      async (req, reply) => reply.code(201).send(await importOrders(deps, actorOf(req), req.body)),
    );
    app.get(
      '/orders',
      {
        config: needs('orders.read'),
        schema: { tags, querystring: s.listOrdersQuery, response: { 200: s.orderListResponse } },
      },
      async (req) => {
        const r = await uc.listOrders(deps, actorOf(req), req.query);
        return { items: r.items.map((o) => presentOrder(o, actorOf(req))), total: r.total };
      },
    );
    registerListExport(
      fastify,
      deps,
      '/orders/export.xlsx',
      s.listOrdersQuery.omit({ page: true, pageSize: true }),
      ordersExport,
      tags,
    );
    app.get(
      '/orders/:id',
      { config: needs('orders.read'), schema: { tags, params: idParams, response: { 200: s.orderSchema } } },
      async (req) => presentOrder(await uc.getOrder(deps, actorOf(req), req.params.id), actorOf(req)),
    );
    app.patch(
      '/orders/:id',
      {
        config: needs('orders.manage'),
        schema: { tags, params: idParams, body: s.updateOrderBody, response: { 200: s.orderSchema } },
      },
      async (req) =>
        presentOrder(await uc.updateOrderInstants(deps, actorOf(req), req.params.id, req.body), actorOf(req)),
    );
  };
}
