/**
 * Staff-side survey use cases (SAT-3): templates a unit uses and edits (the survey builder), sending
 * a survey about a ticket by hand, and the agent filling the survey in during a call.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { can } from '../../../domain/permissions';
import {
  SHIPPED_SURVEY_TEMPLATES,
  SurveyRuleError,
  validateQuestions,
  type SurveyAnswers,
} from '../../../domain/surveys';
import type { Actor, Deps } from '../../app/context';
import { recordAudit } from '../audit/audit.service';
import { findUnit, type UnitRow, assertCan } from '../org/org.service';
import { authErrors } from '../auth/auth.errors';
import { loadTicket } from '../tickets/tickets.service';
import { surveyErrors } from './surveys.errors';
import {
  effectiveTemplate,
  findInvitation,
  findResponseOf,
  type EffectiveTemplate,
} from './surveys.repository';
import type { SaveTemplateInput } from './surveys.schemas';
import { inviteToSurvey, recordSurveyResponse } from './surveys.service';
import { surveyTemplates, surveyTemplateVersions } from './surveys.table';

async function unitFor(
  deps: Deps,
  actor: Actor,
  unitId: string,
  permission: 'surveys.read' | 'surveys.manage',
) {
  const unit = await findUnit(deps.db, unitId);
  if (!unit) throw surveyErrors.unitNotFound();
  assertCan(actor, permission, unit.path, surveyErrors.unitNotFound);
  return unit;
}

/** The templates a unit uses: every shipped code plus the unit's (or its ancestors') own codes. */
export async function listTemplates(deps: Deps, actor: Actor, unitId: string): Promise<EffectiveTemplate[]> {
  const unit = await unitFor(deps, actor, unitId, 'surveys.read');
  const own = await deps.db
    .selectDistinct({ code: surveyTemplates.code })
    .from(surveyTemplates)
    .where(inArray(surveyTemplates.unitId, unit.path));
  const codes = [...new Set([...SHIPPED_SURVEY_TEMPLATES.map((t) => t.code), ...own.map((r) => r.code)])];
  const out: EffectiveTemplate[] = [];
  for (const code of codes) {
    const t = await effectiveTemplate(deps.db, unit.path, code);
    if (t) out.push(t);
  }
  return out;
}

/**
 * SAT-3 survey builder: saves the unit's own version of a template. Each save is a new version;
 * invitations already sent keep the questions they were sent with.
 */
export async function saveTemplate(
  deps: Deps,
  actor: Actor,
  code: string,
  input: SaveTemplateInput,
): Promise<EffectiveTemplate> {
  const unit = await unitFor(deps, actor, input.unitId, 'surveys.manage');
  try {
    validateQuestions(input.questions);
  } catch (err) {
    if (err instanceof SurveyRuleError) throw surveyErrors.templateInvalid({ questionId: err.questionId });
    throw err;
  }
  await deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    const [existing] = await tx
      .select()
      .from(surveyTemplates)
      .where(and(eq(surveyTemplates.unitId, unit.id), eq(surveyTemplates.code, code)))
      .for('update');
    const version = (existing?.currentVersion ?? 0) + 1;
    const values = {
      name: input.name,
      description: input.description ?? '',
      currentVersion: version,
      active: true,
      updatedAt: now,
      updatedBy: actor.userId,
    };
    const [template] = existing
      ? await tx.update(surveyTemplates).set(values).where(eq(surveyTemplates.id, existing.id)).returning()
      : await tx
          .insert(surveyTemplates)
          .values({ ...values, unitId: unit.id, code, createdAt: now })
          .returning();
    await tx.insert(surveyTemplateVersions).values({
      templateId: template!.id,
      version,
      questions: input.questions,
      createdAt: now,
      createdBy: actor.userId,
    });
    await recordAudit(tx, now, actor, {
      action: 'surveys.template_saved',
      subjectType: 'survey_template',
      subjectId: template!.id,
      unitId: unit.id,
      before: existing ?? null,
      after: { ...template, questions: input.questions },
    });
  });
  return (await effectiveTemplate(deps.db, unit.path, code))!;
}

/** Sends (or starts, for a call) a survey about a ticket: its customer, rating whoever handled it. */
export async function inviteForTicket(
  deps: Deps,
  actor: Actor,
  input: {
    subjectId: string;
    templateCode?: string | undefined;
    delivery: 'call' | 'sms' | 'email' | 'portal';
    to?: string | undefined;
  },
) {
  const loaded = await loadTicket(deps.db, input.subjectId);
  if (!loaded || !can(actor.grants, 'surveys.read', loaded.unit.path)) throw surveyErrors.subjectNotFound();
  if (!can(actor.grants, 'surveys.send', loaded.unit.path))
    throw authErrors.forbidden({ permission: 'surveys.send' });
  const { ticket } = loaded;
  return deps.db.transaction((tx) =>
    inviteToSurvey(deps, tx, {
      ...(input.templateCode ? { templateCode: input.templateCode } : {}),
      unitId: ticket.unitId,
      customerId: ticket.customerId,
      subject: { type: 'ticket', id: ticket.id },
      employeeId: ticket.assigneeUserId ?? ticket.intakeAgentId,
      delivery: input.delivery,
      // A person pressing "send" twice sends twice on purpose only after a minute.
      idempotencyKey: `manual:${actor.userId}:${ticket.id}:${input.delivery}:${Math.floor(deps.clock.now().getTime() / 60_000)}`,
      ...(input.to ? { to: input.to } : {}),
      actor,
    }),
  );
}

async function visibleInvitation(deps: Deps, actor: Actor, id: string) {
  const invitation = await findInvitation(deps.db, id);
  if (!invitation) throw surveyErrors.invitationNotFound();
  const unit = (await findUnit(deps.db, invitation.unitId)) as UnitRow;
  assertCan(actor, 'surveys.read', unit.path, surveyErrors.invitationNotFound);
  return { invitation, unit };
}

/** An invitation with its questions and answer, for the form an agent fills during the call. */
export async function getInvitation(deps: Deps, actor: Actor, id: string) {
  const { invitation, unit } = await visibleInvitation(deps, actor, id);
  return { invitation, unit, response: (await findResponseOf(deps.db, id)) ?? null };
}

/** The agent records the customer's answers given on the phone (delivery 'call'). */
export async function recordCallResponse(deps: Deps, actor: Actor, id: string, answers: SurveyAnswers) {
  const { unit } = await visibleInvitation(deps, actor, id);
  // Reading results never writes: recording an answer (which may open a follow-up ticket) is sending.
  if (!can(actor.grants, 'surveys.send', unit.path))
    throw authErrors.forbidden({ permission: 'surveys.send' });
  return deps.db.transaction((tx) => recordSurveyResponse(deps, tx, actor, id, answers));
}
