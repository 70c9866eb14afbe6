import { and, desc, eq, inArray } from 'drizzle-orm';
import type { SurveyQuestion } from '../../../domain/surveys';
import { shippedSurveyTemplate } from '../../../domain/surveys';
import type { Db } from '../../app/db';
import { surveyInvitations, surveyResponses, surveyTemplates, surveyTemplateVersions } from './surveys.table';

export type InvitationRow = typeof surveyInvitations.$inferSelect;
export type ResponseRow = typeof surveyResponses.$inferSelect;
export type TemplateRow = typeof surveyTemplates.$inferSelect;

export interface EffectiveTemplate {
  code: string;
  name: string;
  description: string;
  questions: SurveyQuestion[];
  /** The unit whose own version this is; null for the shipped template. */
  ownerUnitId: string | null;
  templateId: string | null;
  versionId: string | null;
  version: number | null;
}

/** The template a unit uses for `code`: its own, else the nearest ancestor's, else the shipped one. */
export async function effectiveTemplate(
  db: Db,
  unitPath: readonly string[],
  code: string,
): Promise<EffectiveTemplate | undefined> {
  const rows = await db
    .select({ template: surveyTemplates, version: surveyTemplateVersions })
    .from(surveyTemplates)
    .innerJoin(
      surveyTemplateVersions,
      and(
        eq(surveyTemplateVersions.templateId, surveyTemplates.id),
        eq(surveyTemplateVersions.version, surveyTemplates.currentVersion),
      ),
    )
    .where(
      and(
        eq(surveyTemplates.code, code),
        eq(surveyTemplates.active, true),
        inArray(surveyTemplates.unitId, [...unitPath]),
      ),
    );
  const nearest = rows.sort(
    (a, b) => unitPath.indexOf(b.template.unitId) - unitPath.indexOf(a.template.unitId),
  )[0];
  if (nearest)
    return {
      code,
      name: nearest.template.name,
      description: nearest.template.description,
      questions: nearest.version.questions,
      ownerUnitId: nearest.template.unitId,
      templateId: nearest.template.id,
      versionId: nearest.version.id,
      version: nearest.version.version,
    };
  const shipped = shippedSurveyTemplate(code);
  if (!shipped) return undefined;
  return {
    ...shipped,
    ownerUnitId: null,
    templateId: null,
    versionId: null,
    version: null,
  };
}

export async function findInvitationByKey(db: Db, key: string): Promise<InvitationRow | undefined> {
  const [row] = await db.select().from(surveyInvitations).where(eq(surveyInvitations.idempotencyKey, key));
  return row;
}

export async function findInvitation(
  db: Db,
  id: string,
  opts: { forUpdate?: boolean } = {},
): Promise<InvitationRow | undefined> {
  const q = db.select().from(surveyInvitations).where(eq(surveyInvitations.id, id));
  const [row] = await (opts.forUpdate ? q.for('update') : q);
  return row;
}

export async function findResponseOf(db: Db, invitationId: string): Promise<ResponseRow | undefined> {
  const [row] = await db.select().from(surveyResponses).where(eq(surveyResponses.invitationId, invitationId));
  return row;
}

/** Invitations (with their response) about one subject, newest first — shown on a ticket or work order. */
export async function invitationsOfSubject(db: Db, subjectType: string, subjectId: string) {
  return db
    .select({ invitation: surveyInvitations, response: surveyResponses })
    .from(surveyInvitations)
    .leftJoin(surveyResponses, eq(surveyResponses.invitationId, surveyInvitations.id))
    .where(
      and(
        eq(surveyInvitations.subjectType, subjectType as never),
        eq(surveyInvitations.subjectId, subjectId),
      ),
    )
    .orderBy(desc(surveyInvitations.createdAt));
}
