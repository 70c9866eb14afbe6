import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { fileDownload, idParams, noContent } from '../../../shared/common';
import * as s from '../../../shared/portal';
import type { Deps } from '../../app/context';
import { customerLinkRead, customerLinkWrite } from '../../app/route-access';
import { portalPhoneOf, requestCode, signIn } from './portal.auth';
import { cleanFileName, contentDisposition, maxAttachmentBytes } from '../attachments/attachments.service';
import * as actions from './portal.actions';
import { portalErrors } from './portal.errors';
import * as uc from './portal.usecases';

/** The one photo of a multipart form (field "file"), held up to the size limit. */
async function readPhoto(req: FastifyRequest, maxBytes: number) {
  if (!req.isMultipart()) throw portalErrors.photoMissing();
  let photo: { fileName: string; bytes: Buffer } | null = null;
  try {
    for await (const part of req.parts({
      limits: { fileSize: maxBytes, files: 1, fields: 0, parts: 1 },
    })) {
      if (part.type !== 'file' || part.fieldname !== 'file') throw portalErrors.photoMissing();
      photo = { fileName: part.filename, bytes: await part.toBuffer() };
    }
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw portalErrors.photoTooLarge({ maxBytes });
    if (code === 'FST_FILES_LIMIT' || code === 'FST_FIELDS_LIMIT' || code === 'FST_PARTS_LIMIT')
      throw portalErrors.photoMissing();
    throw err;
  }
  if (!photo) throw portalErrors.photoMissing();
  return photo;
}

const BEARER = '客户自助服务的登录令牌（手机验证码换取）/ the portal bearer token from a one-time code';

/**
 * The customer portal (PORTAL-1): public routes, the customer's credential is a one-time code and
 * then a short bearer session. Sending codes and signing in are rate-limited per address here and
 * per number in the use case.
 */
export function portalRoutes(deps: Deps) {
  return async (fastify: FastifyInstance) => {
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['public'];
    // Scoped to these routes: the photo upload is the portal's only multipart body.
    await fastify.register(multipart);
    const maxBytes = maxAttachmentBytes(deps.config);
    const phoneOf = (req: FastifyRequest) => portalPhoneOf(deps, req.headers.authorization);
    app.post(
      '/public/portal/codes',
      {
        config: customerLinkWrite(
          '手机号 + 短信验证码（按号码、按地址限次）/ a mobile number; limited per number and address',
        ),
        schema: { tags, body: s.codeRequestBody, response: { 202: s.codeSentSchema } },
      },
      async (req, reply) => reply.code(202).send(await requestCode(deps, req.body, req.ip)),
    );
    app.post(
      '/public/portal/sessions',
      {
        config: customerLinkWrite(
          '短信验证码（限次，用后作废）/ the one-time code; limited tries, spent on use',
        ),
        schema: { tags, body: s.signInBody, response: { 201: s.portalSessionSchema } },
      },
      async (req, reply) => reply.code(201).send(await signIn(deps, req.body, req.ip)),
    );
    app.get(
      '/public/portal/me',
      { config: customerLinkRead(BEARER), schema: { tags, response: { 200: s.portalMeSchema } } },
      async (req) => uc.portalMe(deps, await portalPhoneOf(deps, req.headers.authorization)),
    );
    app.get(
      '/public/portal/answers',
      { config: customerLinkRead(BEARER), schema: { tags, response: { 200: s.portalAnswersSchema } } },
      async (req) => uc.portalAnswers(deps, await portalPhoneOf(deps, req.headers.authorization)),
    );
    app.get(
      '/public/portal/requests',
      { config: customerLinkRead(BEARER), schema: { tags, response: { 200: s.portalRequestListSchema } } },
      async (req) => ({
        items: await uc.listRequests(deps, await portalPhoneOf(deps, req.headers.authorization)),
      }),
    );
    app.post(
      '/public/portal/requests',
      {
        config: customerLinkWrite(BEARER),
        schema: { tags, body: s.portalRequestBody, response: { 201: s.portalRequestDetailSchema } },
      },
      async (req, reply) =>
        reply
          .code(201)
          .send(await uc.submitRequest(deps, await portalPhoneOf(deps, req.headers.authorization), req.body)),
    );
    app.get(
      '/public/portal/requests/:id',
      {
        config: customerLinkRead(BEARER),
        schema: { tags, params: idParams, response: { 200: s.portalRequestDetailSchema } },
      },
      async (req) =>
        uc.requestDetail(deps, await portalPhoneOf(deps, req.headers.authorization), req.params.id),
    );
    app.post(
      '/public/portal/requests/:id/replies',
      {
        config: customerLinkWrite(BEARER),
        schema: {
          tags,
          params: idParams,
          body: s.portalReplyBody,
          response: { 200: s.portalRequestDetailSchema },
        },
      },
      async (req) => {
        const phone = await phoneOf(req);
        await actions.replyToRequest(deps, phone, req.params.id, req.body.text);
        return uc.requestDetail(deps, phone, req.params.id);
      },
    );
    app.post(
      '/public/portal/requests/:id/photos',
      {
        config: customerLinkWrite(BEARER),
        schema: {
          tags,
          params: idParams,
          consumes: ['multipart/form-data'],
          response: { 201: s.portalPhotoSchema },
        },
      },
      async (req, reply) => {
        const phone = await phoneOf(req);
        const photo = await readPhoto(req, maxBytes);
        return reply.code(201).send(await actions.addPhoto(deps, phone, req.params.id, photo));
      },
    );
    app.get(
      '/public/portal/photos/:id',
      {
        config: customerLinkRead(BEARER),
        schema: {
          tags,
          params: idParams,
          response: {
            304: noContent,
            200: fileDownload('image/*', '我上传的照片 / a photo I added'),
          },
        },
      },
      async (req, reply) => {
        const photo = await actions.openPhoto(deps, await phoneOf(req), req.params.id);
        const etag = `"${photo.sha256}"`;
        reply
          .header('content-type', photo.contentType)
          .header('content-disposition', contentDisposition('inline', cleanFileName(photo.fileName)))
          .header('x-content-type-options', 'nosniff')
          .header('cache-control', 'private, no-cache')
          .header('etag', etag);
        if (req.headers['if-none-match'] === etag) return reply.code(304).send();
        return reply.header('content-length', photo.size).send(await photo.content());
      },
    );
    app.get(
      '/public/portal/workorders',
      { config: customerLinkRead(BEARER), schema: { tags, response: { 200: s.portalWorkOrderListSchema } } },
      async (req) => ({ items: await actions.listWorkOrders(deps, await phoneOf(req)) }),
    );
    app.get(
      '/public/portal/surveys',
      { config: customerLinkRead(BEARER), schema: { tags, response: { 200: s.portalSurveyListSchema } } },
      async (req) => ({ items: await actions.listOpenSurveys(deps, await phoneOf(req)) }),
    );
    app.post(
      '/public/portal/:kind/:id/link',
      {
        config: customerLinkWrite(BEARER),
        schema: {
          tags,
          params: z.strictObject({ kind: z.enum(['workorders', 'surveys']), id: z.uuid() }),
          response: { 201: s.portalRecordLinkSchema },
        },
      },
      async (req, reply) =>
        reply
          .code(201)
          .send(
            await actions.openRecordLink(
              deps,
              await phoneOf(req),
              req.params.kind === 'workorders' ? 'workorder' : 'survey',
              req.params.id,
            ),
          ),
    );
  };
}
