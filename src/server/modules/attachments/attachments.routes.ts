import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor, Deps } from '../../app/context';
import { AppError, commonErrors } from '../../app/errors';
import { actorOf } from '../auth/auth.service';
import { displayNames } from '../org/org.service';
import { uploaderCustomers } from './attachments.uploaders';
import { contentDisposition, maxAttachmentBytes } from './attachments.content';
import { attachmentErrors } from './attachments.errors';
import { presentAttachment } from './attachments.presenter';
import * as s from './attachments.schemas';
import type { AttachmentRow } from './attachments.table';
import * as uc from './attachments.usecases';
import { needs } from '../../app/route-access';
import { fileDownload, noContent } from '../../../shared/common';

interface UploadForm {
  fields: Record<string, string>;
  file: { fileName: string; bytes: Buffer } | null;
}

/** Reads the whole form, so the fields may come before or after the file; the file is held up to the size limit. */
async function readUploadForm(req: FastifyRequest, maxBytes: number): Promise<UploadForm> {
  if (!req.isMultipart()) throw attachmentErrors.multipartRequired();
  const form: UploadForm = { fields: {}, file: null };
  try {
    for await (const part of req.parts({
      limits: { fileSize: maxBytes, files: 1, fields: 4, fieldSize: 200, parts: 5 },
    })) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') {
          part.file.resume();
          throw commonErrors.validationFailed({
            issues: [{ path: `/${part.fieldname}`, message: 'the file goes in the field "file"' }],
          });
        }
        form.file = { fileName: part.filename, bytes: await part.toBuffer() };
      } else {
        form.fields[part.fieldname] = String(part.value);
      }
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    switch ((err as { code?: string }).code) {
      case 'FST_REQ_FILE_TOO_LARGE':
        throw attachmentErrors.tooLarge({ maxBytes });
      case 'FST_FILES_LIMIT':
        throw attachmentErrors.oneFileOnly();
      case 'FST_FIELDS_LIMIT':
      case 'FST_PARTS_LIMIT':
      case 'FST_PROTO_VIOLATION':
        throw commonErrors.validationFailed({ issues: [{ path: '/', message: 'unexpected form fields' }] });
    }
    throw err;
  }
  return form;
}

/** Attachments of any record type (photos of a ticket, later of a work order): upload, list, download, remove. */
export function attachmentsRoutes(deps: Deps) {
  return async (fastify: FastifyInstance) => {
    // Scoped to these routes: nowhere else in the API accepts multipart bodies.
    await fastify.register(multipart);
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['attachments'];
    const maxBytes = maxAttachmentBytes(deps.config);
    const present = async (actor: Actor, rows: AttachmentRow[]) => {
      const [people, customers] = await Promise.all([
        displayNames(
          deps.db,
          rows.map((r) => r.uploadedBy),
        ),
        uploaderCustomers(deps, actor, rows),
      ]);
      return rows.map((r) => presentAttachment(r, { people, customers }));
    };

    app.post(
      '/attachments',
      {
        config: needs('tickets.manage', 'workorders.read'),
        schema: { tags, consumes: ['multipart/form-data'], response: { 201: s.attachmentSchema } },
      },
      async (req, reply) => {
        const actor = actorOf(req);
        const form = await readUploadForm(req, maxBytes);
        const fields = s.uploadFields.safeParse(form.fields);
        if (!fields.success) {
          throw commonErrors.validationFailed({
            issues: fields.error.issues.map((i) => ({
              path: `/${i.path.join('/')}`,
              message: i.message,
              code: i.code,
            })),
          });
        }
        if (!form.file) throw attachmentErrors.fileMissing();
        const row = await uc.uploadAttachment(deps, actor, {
          ...fields.data,
          fileName: form.file.fileName,
          bytes: form.file.bytes,
        });
        const [presented] = await present(actor, [row]);
        return reply.code(201).send(presented!);
      },
    );

    app.get(
      '/attachments',
      {
        config: needs('tickets.read', 'workorders.read'),
        schema: {
          tags,
          querystring: s.listQuery,
          response: { 200: z.object({ items: z.array(s.attachmentSchema) }) },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        return {
          items: await present(
            actor,
            await uc.listAttachments(deps, actor, req.query.subjectType, req.query.subjectId),
          ),
        };
      },
    );

    app.get(
      '/attachments/:id/content',
      {
        config: needs('tickets.read', 'workorders.read'),
        schema: {
          tags,
          params: s.idParams,
          querystring: s.contentQuery,
          response: {
            304: noContent,
            200: fileDownload(
              '*/*',
              '文件本身，按上传时的类型 / The file itself, in its uploaded content type',
            ),
          },
        },
      },
      async (req, reply) => {
        const { row, content } = await uc.openAttachment(deps, actorOf(req), req.params.id);
        const etag = `"${row.sha256}"`;
        const kind =
          req.query.download !== 'true' && row.contentType.startsWith('image/') ? 'inline' : 'attachment';
        reply
          .header('content-type', row.contentType)
          .header('content-disposition', contentDisposition(kind, row.fileName))
          .header('x-content-type-options', 'nosniff')
          .header('cache-control', 'private, no-cache')
          .header('etag', etag);
        if (req.headers['if-none-match'] === etag) return reply.code(304).send();
        const body = await content();
        return reply.header('content-length', row.size).send(body);
      },
    );

    app.delete(
      '/attachments/:id',
      {
        config: needs('tickets.manage', 'workorders.read'),
        schema: { tags, params: s.idParams, response: { 204: noContent } },
      },
      async (req, reply) => {
        await uc.deleteAttachment(deps, actorOf(req), req.params.id);
        return reply.code(204).send();
      },
    );
  };
}
