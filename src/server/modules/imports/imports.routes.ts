import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { PassThrough } from 'node:stream';
import { z } from 'zod';
import { IMPORT_FIELDS } from '../../../domain/imports';
import { fileDownload, idParams, itemsOf, XLSX } from '../../../shared/common';
import * as s from '../../../shared/imports';
import type { Deps } from '../../app/context';
import { AppError, commonErrors } from '../../app/errors';
import { addSheet, attachment } from '../../app/report-workbook';
import { needs } from '../../app/route-access';
import { actorOf } from '../auth/auth.service';
import { importErrors } from './imports.errors';
import { presentImport } from './imports.presenter';
import * as uc from './imports.usecases';

const uploadFields = z.strictObject({ unitId: z.uuid(), kind: s.importKind });

/**
 * CUS-5: Excel/CSV imports of customers, assets and orders. The routes open to holders of either
 * import right; each job is then checked against its kind's (customers.import, or orders.import as
 * the orders module's own import) at its unit.
 */
export function importsRoutes(deps: Deps) {
  return async (fastify: FastifyInstance) => {
    await fastify.register(multipart);
    const app = fastify.withTypeProvider<ZodTypeProvider>();
    const tags = ['imports'];
    const access = needs('customers.import', 'orders.import');
    /** Runs a started import in this process; a restart leaves it to the scheduler's pass. */
    const runInBackground = (id: string) => {
      uc.runImport(deps, id).catch((err: unknown) =>
        deps.logger.error({ err, importId: id }, 'import failed'),
      );
    };

    app.post(
      '/imports',
      {
        config: access,
        bodyLimit: uc.IMPORT_MAX_BYTES + 64 * 1024,
        schema: {
          tags,
          description:
            '上传 Excel（.xlsx）或 CSV 文件：字段 unitId、kind 须在文件之前；同一文件再次上传返回原导入任务 / Upload a sheet (fields before the file); the same file again answers its import',
          consumes: ['multipart/form-data'],
          response: { 200: s.uploadResponse, 201: s.uploadResponse },
        },
      },
      async (req, reply) => {
        if (!req.isMultipart()) throw importErrors.multipartRequired();
        const actor = actorOf(req);
        let part;
        try {
          part = await req.file({
            limits: { fileSize: uc.IMPORT_MAX_BYTES, files: 1, fields: 4, fieldSize: 200 },
          });
        } catch (err) {
          if (err instanceof AppError) throw err;
          throw commonErrors.validationFailed({ issues: [{ path: '/', message: 'unexpected form fields' }] });
        }
        if (!part) throw importErrors.fileMissing();
        const values = Object.fromEntries(
          Object.entries(part.fields)
            .filter(([name]) => name !== 'file')
            .map(([name, field]) => [name, (field as { value?: unknown }).value]),
        );
        const fields = uploadFields.safeParse(values);
        if (!fields.success) {
          part.file.resume();
          throw commonErrors.validationFailed({
            issues: fields.error.issues.map((i) => ({ path: `/${i.path.join('/')}`, message: i.message })),
          });
        }
        // The file passes through as it arrives; past the limit it is cut off, and refused once stored.
        const body = new PassThrough();
        part.file.on('limit', () => body.end());
        part.file.pipe(body);
        const r = await uc.uploadImport(deps, actor, {
          ...fields.data,
          fileName: part.filename,
          body,
          truncated: () => part.file.truncated,
        });
        const mapping = (await uc.getImport(deps, actor, r.job.id)).mapping;
        return reply
          .code(r.repeated ? 200 : 201)
          .send({ job: presentImport(r.job, mapping), repeated: r.repeated });
      },
    );

    app.get(
      '/imports',
      { config: access, schema: { tags, response: { 200: itemsOf(s.importJobSchema) } } },
      async (req) => ({ items: (await uc.listImports(deps, actorOf(req))).map((j) => presentImport(j)) }),
    );

    app.get(
      '/imports/:id',
      { config: access, schema: { tags, params: idParams, response: { 200: s.importJobSchema } } },
      async (req) => {
        const r = await uc.getImport(deps, actorOf(req), req.params.id);
        return presentImport(r.job, r.mapping);
      },
    );

    app.post(
      '/imports/:id/preview',
      {
        config: access,
        schema: {
          tags,
          description:
            '按列对应关系预览前 20 行及其问题 / The first rows under a mapping, with their problems',
          params: idParams,
          body: s.previewBody,
          response: { 200: s.previewResponse },
        },
      },
      async (req) => {
        const r = await uc.previewImport(deps, actorOf(req), req.params.id, req.body.mapping);
        return {
          job: presentImport(r.job, r.mapping),
          fields: IMPORT_FIELDS[r.job.kind].map(({ key, zh, en, required }) => ({ key, zh, en, required })),
          mappingProblems: r.mappingProblems,
          rows: r.rows,
        };
      },
    );

    app.put(
      '/imports/:id/mapping',
      {
        config: access,
        schema: { tags, params: idParams, body: s.mappingBody, response: { 200: s.importJobSchema } },
      },
      async (req) => presentImport(await uc.setMapping(deps, actorOf(req), req.params.id, req.body.mapping)),
    );

    app.post(
      '/imports/:id/start',
      {
        config: access,
        schema: {
          tags,
          description:
            '开始导入有效行（失败的导入从最后提交的行继续）/ Import the valid rows (a failed import resumes)',
          params: idParams,
          response: { 202: s.importJobSchema },
        },
      },
      async (req, reply) => {
        const job = await uc.startImport(deps, actorOf(req), req.params.id);
        runInBackground(job.id);
        return reply.code(202).send(presentImport(job));
      },
    );

    app.get(
      '/imports/:id/report.xlsx',
      {
        config: access,
        schema: {
          tags,
          params: idParams,
          response: {
            200: fileDownload(XLSX, '逐行校验报告（行号、列、问题）/ The row-by-row validation report'),
          },
        },
      },
      async (req, reply) => {
        const rows = uc.reportRows(deps, actorOf(req), req.params.id);
        // The first problem (or the end) comes before the answer starts, so a refusal is still a 4xx.
        const first = await rows.next();
        const { default: ExcelJS } = await import('exceljs');
        const out = new PassThrough();
        const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
        const sheet = addSheet(workbook, '校验报告', [
          { header: '行号', key: 'row', width: 8 },
          { header: '列', key: 'column', width: 16 },
          { header: '问题', key: 'problem', width: 70 },
        ]);
        void (async () => {
          try {
            if (!first.done) {
              sheet
                .addRow({ row: first.value.row, column: first.value.column, problem: first.value.zh })
                .commit();
              for await (const p of rows)
                sheet.addRow({ row: p.row, column: p.column, problem: p.zh }).commit();
            }
            sheet.commit();
            await workbook.commit();
          } catch (err) {
            deps.logger.error({ err }, 'import report not written');
            out.destroy(err as Error);
          }
        })();
        return reply
          .type(XLSX)
          .header('content-disposition', attachment('import-report.xlsx', '导入校验报告.xlsx'))
          .send(out);
      },
    );
  };
}
