/**
 * RPT-7 scoring forms: the form a unit scores on is the newest version saved on it or on the
 * nearest unit above it; with none, the shipped default, written at the company (root) unit the
 * first time a review is scored so every scored review points at a stored, unchanging version.
 */
import { and, desc, eq, inArray } from 'drizzle-orm';
import { DEFAULT_QUALITY_FORM, checkQualityForm } from '../../../domain/reports';
import type { QualityForm, SaveFormInput } from '../../../shared/quality';
import type { Actor, Deps } from '../../app/context';
import type { Db } from '../../app/db';
import { AppError } from '../../app/errors';
import { recordAudit } from '../audit/audit.service';
import { qualityErrors } from './quality.errors';
import { unitFor } from './quality.scope';
import { qualityForms } from './quality.table';

export type FormRow = typeof qualityForms.$inferSelect;

/** The domain's form and score codes as 400s with their own stable codes. */
const DOMAIN_MESSAGES: Record<string, [string, string]> = {
  'reports.quality_form_empty': ['评分表至少要有一个评分项', 'The form needs at least one item'],
  'reports.quality_item_duplicate': ['评分项编码重复', 'Two items share a key'],
  'reports.quality_item_points_invalid': [
    '每项分值应为 1–100 的整数',
    'Each item is worth 1–100 whole points',
  ],
  'reports.quality_score_missing': ['有评分项未打分', 'An item has no score'],
  'reports.quality_score_out_of_range': ['得分超出该项分值范围', 'A score is outside the item’s range'],
  'reports.quality_score_unknown_item': ['评分表中没有该评分项', 'The form has no such item'],
};
export function domainError(error: { code: string }): AppError {
  const [zh, en] = DOMAIN_MESSAGES[error.code] ?? ['提交的数据不正确', 'The request data is invalid'];
  return new AppError(error.code, 400, zh, en, error);
}

/** The newest form version on the unit or the nearest unit above it; null when none was saved. */
export async function formForPath(db: Db, unitPath: readonly string[]): Promise<FormRow | null> {
  const rows = await db
    .select()
    .from(qualityForms)
    .where(inArray(qualityForms.unitId, [...unitPath]))
    .orderBy(desc(qualityForms.version));
  const depth = (r: FormRow) => unitPath.indexOf(r.unitId);
  return rows.sort((a, b) => depth(b) - depth(a) || b.version - a.version)[0] ?? null;
}

/** The form to score on now: the saved one, or the shipped default stored at the root unit. */
export async function formToScoreOn(tx: Db, unitPath: readonly string[], now: Date): Promise<FormRow> {
  const found = await formForPath(tx, unitPath);
  if (found) return found;
  await tx
    .insert(qualityForms)
    .values({
      unitId: unitPath[0]!,
      version: 1,
      items: [...DEFAULT_QUALITY_FORM],
      createdAt: now,
      createdBy: null,
    })
    .onConflictDoNothing();
  return (await formForPath(tx, unitPath))!;
}

export function presentForm(row: FormRow | null): QualityForm {
  if (!row) return { id: null, unitId: null, version: 0, items: [...DEFAULT_QUALITY_FORM], createdAt: null };
  return {
    id: row.id,
    unitId: row.unitId,
    version: row.version,
    items: row.items,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The form a unit scores on (anyone who reviews, manages forms or sees their own scores there). */
export async function getForm(deps: Deps, actor: Actor, unitId: string): Promise<QualityForm> {
  const unit = await unitFor(deps, actor, unitId, ['quality.review', 'quality.manage', 'quality.view_own']);
  return presentForm(await formForPath(deps.db, unit.path));
}

/** Saves the unit's form as a new version; reviews already scored keep the version they used. */
export async function saveForm(deps: Deps, actor: Actor, input: SaveFormInput): Promise<QualityForm> {
  const unit = await unitFor(deps, actor, input.unitId, ['quality.manage']);
  const problem = checkQualityForm(input.items);
  if (problem) throw domainError(problem);
  const now = deps.clock.now();
  const row = await saveVersion(deps, actor, unit.id, input, now);
  return presentForm(row);
}

/** Two saves of one unit's form at once draw the same version number: the second is told to retry. */
async function saveVersion(deps: Deps, actor: Actor, unitId: string, input: SaveFormInput, now: Date) {
  const unit = { id: unitId };
  return deps.db
    .transaction(async (tx) => {
      const [latest] = await tx
        .select({ version: qualityForms.version })
        .from(qualityForms)
        .where(eq(qualityForms.unitId, unit.id))
        .orderBy(desc(qualityForms.version))
        .limit(1)
        .for('update');
      const [saved] = await tx
        .insert(qualityForms)
        .values({
          unitId: unit.id,
          version: (latest?.version ?? 0) + 1,
          items: input.items,
          createdAt: now,
          createdBy: actor.userId,
        })
        .returning();
      await recordAudit(tx, now, actor, {
        action: 'quality.form_saved',
        subjectType: 'quality_form',
        subjectId: saved!.id,
        unitId: unit.id,
        before: latest ? { version: latest.version } : null,
        after: { version: saved!.version, items: saved!.items },
      });
      return saved!;
    })
    .catch((err: unknown) => {
      const e = err as { code?: string; cause?: { code?: string } };
      if ((e.cause ?? e).code === '23505') throw qualityErrors.formConflict();
      throw err;
    });
}

/** The stored version a review was scored on. */
export async function formById(db: Db, id: string): Promise<FormRow> {
  const [row] = await db
    .select()
    .from(qualityForms)
    .where(and(eq(qualityForms.id, id)));
  if (!row) throw qualityErrors.reviewNotFound();
  return row;
}
