import type { ImportMapping } from '../../../domain/imports';
import type { ImportJobView } from '../../../shared/imports';
import type { ImportJob } from './imports.usecases';

export function presentImport(job: ImportJob, mapping?: ImportMapping): ImportJobView {
  return {
    id: job.id,
    unitId: job.unitId,
    kind: job.kind,
    fileName: job.fileName,
    format: job.format,
    headers: job.headers,
    totalRows: job.totalRows,
    status: job.status,
    done: Math.min(job.totalRows, job.lastRow - 1),
    imported: job.imported,
    skipped: job.skipped,
    invalid: job.invalid,
    error: job.error,
    mapping: mapping ?? job.mapping ?? {},
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
  };
}
