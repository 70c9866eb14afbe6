import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Actor, Deps } from '../../app/context';
import { AppError } from '../../app/errors';
import { StorageObjectMissing } from '../../app/storage/storage';
import { recordAudit } from '../audit/audit.service';
import { cleanFileName, detectContentType, maxAttachmentBytes } from './attachments.content';
import { attachmentErrors } from './attachments.errors';
import {
  attachmentsOf,
  findAttachment,
  insertAttachment,
  markAttachmentDeleted,
} from './attachments.repository';
import { attachmentSubject } from './attachments.subjects';
import type { AttachmentRow } from './attachments.table';

export interface UploadInput {
  subjectType: string;
  subjectId: string;
  fileName: string | undefined;
  bytes: Buffer;
}

async function writableSubject(deps: Deps, actor: Actor, subjectType: string, subjectId: string) {
  const subject = attachmentSubject(subjectType);
  const unitPath = await subject.unitOf(deps, actor, subjectId);
  if (!(await subject.canWrite(deps, actor, subjectId, unitPath))) throw attachmentErrors.writeForbidden();
  return unitPath;
}

/** The attachment, when the actor may see its record; the record's own "not found" becomes the attachment's. */
async function visibleAttachment(
  deps: Deps,
  actor: Actor,
  id: string,
): Promise<{ row: AttachmentRow; unitPath: readonly string[] }> {
  const row = await findAttachment(deps.db, id);
  if (!row) throw attachmentErrors.notFound();
  try {
    return { row, unitPath: await attachmentSubject(row.subjectType).unitOf(deps, actor, row.subjectId) };
  } catch (err) {
    if (err instanceof AppError && err.status === 404) throw attachmentErrors.notFound();
    throw err;
  }
}

/**
 * Adds a file to a record. The type is recognised from the bytes and checked against the allowed
 * list. The file is stored first and the row written after, with its audit entry, in one
 * transaction; if that fails the stored file is removed, so neither a row without a file nor an
 * unreferenced file remains.
 */
export async function uploadAttachment(deps: Deps, actor: Actor, input: UploadInput): Promise<AttachmentRow> {
  const unitPath = await writableSubject(deps, actor, input.subjectType, input.subjectId);
  const maxBytes = maxAttachmentBytes(deps.config);
  if (input.bytes.length === 0) throw attachmentErrors.emptyFile();
  if (input.bytes.length > maxBytes) throw attachmentErrors.tooLarge({ maxBytes });
  const contentType = await detectContentType(input.bytes);
  if (!contentType || !deps.config.attachmentTypes.includes(contentType)) {
    throw attachmentErrors.typeNotAllowed({
      detected: contentType ?? null,
      allowed: deps.config.attachmentTypes,
    });
  }

  const id = randomUUID();
  const stored = await deps.storage.put(`attachments/${id}`, input.bytes, {
    contentType,
    size: input.bytes.length,
  });
  try {
    return await deps.db.transaction(async (tx) => {
      const now = deps.clock.now();
      const row = await insertAttachment(tx, {
        id,
        subjectType: input.subjectType,
        subjectId: input.subjectId,
        unitId: unitPath[unitPath.length - 1]!,
        fileName: cleanFileName(input.fileName),
        contentType,
        size: stored.size,
        sha256: stored.sha256,
        storageKey: stored.key,
        uploadedBy: actor.userId,
        uploadedAt: now,
      });
      await recordAudit(tx, now, actor, {
        action: 'attachment.uploaded',
        subjectType: 'attachment',
        subjectId: id,
        unitId: row.unitId,
        after: {
          subjectType: row.subjectType,
          subjectId: row.subjectId,
          fileName: row.fileName,
          contentType,
          size: row.size,
          sha256: row.sha256,
        },
      });
      return row;
    });
  } catch (err) {
    await deps.storage
      .delete(stored.key)
      .catch((deleteErr: unknown) =>
        deps.logger.error({ err: deleteErr, key: stored.key }, 'stored file of a failed upload not removed'),
      );
    throw err;
  }
}

/** The live attachments of a record the actor may see. */
export async function listAttachments(
  deps: Deps,
  actor: Actor,
  subjectType: string,
  subjectId: string,
): Promise<AttachmentRow[]> {
  await attachmentSubject(subjectType).unitOf(deps, actor, subjectId);
  return attachmentsOf(deps.db, subjectType, subjectId);
}

/** An attachment the actor may see, with a way to read its bytes (opened only when needed). */
export async function openAttachment(
  deps: Deps,
  actor: Actor,
  id: string,
): Promise<{ row: AttachmentRow; content: () => Promise<Readable> }> {
  const { row } = await visibleAttachment(deps, actor, id);
  return {
    row,
    content: async () => {
      try {
        return await deps.storage.get(row.storageKey);
      } catch (err) {
        if (!(err instanceof StorageObjectMissing)) throw err;
        deps.logger.error(
          { attachmentId: row.id, key: row.storageKey },
          'attachment row without its stored file',
        );
        throw attachmentErrors.contentMissing();
      }
    },
  };
}

/** Removes an attachment from its record. The row stays (deleted) for the audit trail, and so do the bytes. */
export async function deleteAttachment(deps: Deps, actor: Actor, id: string): Promise<void> {
  const { row, unitPath } = await visibleAttachment(deps, actor, id);
  if (!(await attachmentSubject(row.subjectType).canWrite(deps, actor, row.subjectId, unitPath)))
    throw attachmentErrors.writeForbidden();
  await deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    const deleted = await markAttachmentDeleted(tx, id, now, actor.userId);
    if (!deleted) throw attachmentErrors.notFound();
    await recordAudit(tx, now, actor, {
      action: 'attachment.deleted',
      subjectType: 'attachment',
      subjectId: id,
      unitId: row.unitId,
      before: { subjectType: row.subjectType, subjectId: row.subjectId, fileName: row.fileName },
    });
  });
}
