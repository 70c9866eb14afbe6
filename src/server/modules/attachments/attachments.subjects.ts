import type { Actor, Deps } from '../../app/context';
import { attachmentErrors } from './attachments.errors';

/**
 * How the attachments module learns who may see and change a record's files, without knowing the
 * record's module: each module that takes attachments registers its subject type once at start-up.
 */
export interface AttachmentSubject {
  /**
   * The unit path (root → owning unit) of a subject the actor may see; throws the owning module's
   * 404 when the subject does not exist or lies outside the actor's units (ORG-1).
   */
  unitOf(deps: Deps, actor: Actor, subjectId: string): Promise<readonly string[]>;
  /** May the actor add or remove files on this visible subject? */
  canWrite(
    deps: Deps,
    actor: Actor,
    subjectId: string,
    unitPath: readonly string[],
  ): boolean | Promise<boolean>;
}

const subjects = new Map<string, AttachmentSubject>();

/** Lets records of `type` carry attachments (the tickets module registers 'ticket'). */
export function registerAttachmentSubject(type: string, subject: AttachmentSubject): void {
  if (!/^[a-z][a-z0-9_]{0,39}$/.test(type)) throw new Error(`invalid attachment subject type ${type}`);
  subjects.set(type, subject);
}

export function attachmentSubject(type: string): AttachmentSubject {
  const subject = subjects.get(type);
  if (!subject) throw attachmentErrors.unknownSubjectType({ subjectType: type });
  return subject;
}
