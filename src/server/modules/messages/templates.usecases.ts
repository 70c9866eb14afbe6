/** Message templates per unit: the effective list, unit overrides, and a live preview. */
import { eq } from 'drizzle-orm';
import type { Actor, Deps } from '../../app/context';
import {
  renderTemplate,
  sampleVariables,
  SHIPPED_TEMPLATES,
  shippedTemplate,
  unknownVariables,
  variablesIn,
  type MessageChannel,
} from '../../../domain/messages';
import { recordAudit } from '../audit/audit.service';
import { can } from '../../../domain/permissions';
import { authErrors } from '../auth/auth.errors';
import { assertCan, scopeOf, unitPaths } from '../org/org.service';
import { messageErrors } from './messages.errors';
import { findTemplate, templatesAlong, unitOrThrow, type TemplateRow } from './messages.repository';
import { messageTemplates } from './messages.table';

export interface EffectiveTemplate {
  id: string | null;
  code: string;
  channel: MessageChannel;
  name: string;
  subject: string | null;
  body: string;
  variables: string[];
  shipped: boolean;
  unitId: string | null;
  inherited: boolean;
  updatedAt: Date | null;
}

const fromRow = (row: TemplateRow, unitId: string): EffectiveTemplate => ({
  id: row.id,
  code: row.code,
  channel: row.channel as MessageChannel,
  name: row.name,
  subject: row.subject,
  body: row.body,
  variables: variablesIn(`${row.subject ?? ''} ${row.body}`),
  shipped: !!shippedTemplate(row.code),
  unitId: row.unitId,
  inherited: row.unitId !== unitId,
  updatedAt: row.updatedAt,
});

/** The templates in force at a unit: its own, else the nearest ancestor's, else the shipped text. */
export async function listTemplates(deps: Deps, actor: Actor, unitId: string): Promise<EffectiveTemplate[]> {
  const unit = await unitOrThrow(deps.db, unitId, messageErrors.unitNotFound);
  assertCan(actor, 'messages.read', unit.path, messageErrors.unitNotFound);
  const byCode = new Map<string, EffectiveTemplate>();
  for (const row of await templatesAlong(deps.db, unit.path))
    if (!byCode.has(row.code)) byCode.set(row.code, fromRow(row, unit.id));
  const shipped = SHIPPED_TEMPLATES.map(
    (t) =>
      byCode.get(t.code) ?? {
        id: null,
        code: t.code,
        channel: t.channel,
        name: t.nameZh,
        subject: t.subject,
        body: t.body,
        variables: variablesIn(`${t.subject ?? ''} ${t.body}`),
        shipped: true,
        unitId: null,
        inherited: true,
        updatedAt: null,
      },
  );
  const custom = [...byCode.values()].filter((t) => !t.shipped).sort((a, b) => a.code.localeCompare(b.code));
  return [...shipped, ...custom];
}

/** Refuses a text naming a variable nobody fills, naming it; an e-mail needs a subject. */
function checkText(channel: MessageChannel, subject: string | null | undefined, body: string) {
  const unknown = unknownVariables(subject, body);
  if (unknown.length > 0) throw messageErrors.unknownVariables(unknown);
  if (channel === 'email' && !subject?.trim()) throw messageErrors.subjectMissing();
}

/** Template editing; someone who reads the unit's outbox but may not edit is told so (403), others 404. */
function assertManagesTemplates(actor: Actor, unitPath: readonly string[], notFound: () => Error): void {
  if (can(actor.grants, 'messages.templates.manage', unitPath)) return;
  if (can(actor.grants, 'messages.read', unitPath))
    throw authErrors.forbidden({ permission: 'messages.templates.manage' });
  throw notFound();
}

export interface NewTemplate {
  unitId: string;
  code: string;
  channel: MessageChannel;
  name: string;
  subject?: string | null | undefined;
  body: string;
}

/** A unit's own text for a code (a shipped one, an ancestor's, or a new code). */
export async function createTemplate(
  deps: Deps,
  actor: Actor,
  input: NewTemplate,
): Promise<EffectiveTemplate> {
  const unit = await unitOrThrow(deps.db, input.unitId, messageErrors.unitNotFound);
  assertManagesTemplates(actor, unit.path, messageErrors.unitNotFound);
  const inForce = (await listTemplates(deps, actor, unit.id)).find((t) => t.code === input.code);
  if (inForce && !inForce.inherited) throw messageErrors.templateExists();
  if (inForce && inForce.channel !== input.channel) throw messageErrors.templateCodeReserved();
  checkText(input.channel, input.subject, input.body);
  const now = deps.clock.now();
  const row = await deps.db.transaction(async (tx) => {
    const [created] = await tx
      .insert(messageTemplates)
      .values({
        unitId: unit.id,
        code: input.code,
        channel: input.channel,
        name: input.name,
        subject: input.channel === 'email' ? (input.subject ?? null) : null,
        body: input.body,
        createdAt: now,
        updatedAt: now,
        updatedBy: actor.userId,
      })
      .onConflictDoNothing()
      .returning();
    if (!created) throw messageErrors.templateExists();
    await recordAudit(tx, now, actor, {
      action: 'message_template.created',
      subjectType: 'message_template',
      subjectId: created.id,
      unitId: unit.id,
      before: inForce
        ? { subject: inForce.subject, body: inForce.body, from: inForce.unitId ?? 'shipped' }
        : null,
      after: { code: created.code, channel: created.channel, subject: created.subject, body: created.body },
    });
    return created;
  });
  return fromRow(row, unit.id);
}

async function ownTemplate(deps: Deps, actor: Actor, id: string): Promise<TemplateRow> {
  const row = await findTemplate(deps.db, id);
  if (!row) throw messageErrors.templateNotFound(id);
  const path = (await unitPaths(deps.db, [row.unitId])).get(row.unitId) ?? [];
  assertManagesTemplates(actor, path, () => messageErrors.templateNotFound(id));
  return row;
}

/** Changes a unit's own template text. */
export async function updateTemplate(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { name: string; subject?: string | null | undefined; body: string },
): Promise<EffectiveTemplate> {
  const row = await ownTemplate(deps, actor, id);
  checkText(row.channel as MessageChannel, input.subject, input.body);
  const now = deps.clock.now();
  const updated = await deps.db.transaction(async (tx) => {
    const [after] = await tx
      .update(messageTemplates)
      .set({
        name: input.name,
        subject: row.channel === 'email' ? (input.subject ?? null) : null,
        body: input.body,
        updatedAt: now,
        updatedBy: actor.userId,
      })
      .where(eq(messageTemplates.id, id))
      .returning();
    await recordAudit(tx, now, actor, {
      action: 'message_template.updated',
      subjectType: 'message_template',
      subjectId: id,
      unitId: row.unitId,
      before: { name: row.name, subject: row.subject, body: row.body },
      after: { name: after!.name, subject: after!.subject, body: after!.body },
    });
    return after!;
  });
  return fromRow(updated, updated.unitId);
}

/** Removes a unit's own text: the unit uses its parent's (or the shipped) template again. */
export async function deleteTemplate(deps: Deps, actor: Actor, id: string): Promise<void> {
  const row = await ownTemplate(deps, actor, id);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await tx.delete(messageTemplates).where(eq(messageTemplates.id, id));
    await recordAudit(tx, now, actor, {
      action: 'message_template.deleted',
      subjectType: 'message_template',
      subjectId: id,
      unitId: row.unitId,
      before: { code: row.code, subject: row.subject, body: row.body },
    });
  });
}

/** Billed SMS parts: 70 characters fit one message, longer ones go in parts of 67. */
export function smsParts(length: number): number {
  return length <= 70 ? 1 : Math.ceil(length / 67);
}

/** Renders a draft with sample values (or the ones given) and names unknown or unfilled variables. */
export function previewTemplate(
  actor: Actor,
  input: {
    channel: MessageChannel;
    subject?: string | null | undefined;
    body: string;
    variables?: Record<string, string> | undefined;
  },
) {
  scopeOf(actor, 'messages.read');
  const values = { ...sampleVariables(), ...(input.variables ?? {}) };
  const unknown = unknownVariables(input.subject, input.body);
  const body = renderTemplate(input.body, values);
  const subject = input.subject ? renderTemplate(input.subject, values) : null;
  const fill = (text: string) =>
    text.replace(/\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g, (m, n: string) => values[n] ?? m);
  const renderedBody = body.ok ? body.text : fill(input.body);
  return {
    subject:
      input.channel === 'email' && input.subject ? (subject?.ok ? subject.text : fill(input.subject)) : null,
    body: renderedBody,
    missing: [
      ...new Set([...(body.ok ? [] : body.missing), ...(subject && !subject.ok ? subject.missing : [])]),
    ],
    unknown,
    length: [...renderedBody].length,
    smsParts: smsParts([...renderedBody].length),
  };
}
