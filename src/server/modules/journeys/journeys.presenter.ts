import { eq, inArray } from 'drizzle-orm';
import type { JourneyTemplate, MissingItems } from '../../../domain/journeys';
import type { JourneyDetail, JourneySummary } from '../../../shared/journeys';
import type { Db } from '../../app/db';
import { customerNames } from '../customers/customers.service';
import { displayNames } from '../org/org.service';
import { organisationUnits } from '../org/org.table';
import { journeyTemplates } from './journeys.table';
import { linksOf, type JourneyRow, type TemplateRow } from './journeys.usecases';

/** A template as the API sends it (the core's readonly lists as plain arrays). */
const wire = (t: JourneyTemplate) => t as unknown as JourneyDetail['template'];

export function presentTemplate(row: TemplateRow) {
  return { ...row, createdAt: row.createdAt.toISOString(), definition: wire(row.definition) };
}

/** Journeys as lists show them, with their template's and stage's names. */
export async function presentSummaries(
  db: Db,
  rows: readonly { j: JourneyRow; unitName: string }[],
  now: Date,
): Promise<JourneySummary[]> {
  const templateIds = [...new Set(rows.map((r) => r.j.templateId))];
  const templates = templateIds.length
    ? await db.select().from(journeyTemplates).where(inArray(journeyTemplates.id, templateIds))
    : [];
  const byId = new Map(templates.map((t) => [t.id, t.definition]));
  const names = await customerNames(db, [...new Set(rows.map((r) => r.j.customerId))]);
  const owners = await displayNames(
    db,
    rows.map((r) => r.j.createdBy),
  );
  return rows.map(({ j, unitName }) =>
    summary(j, unitName, byId.get(j.templateId)!, names.get(j.customerId) ?? null, owners, now),
  );
}

function summary(
  j: JourneyRow,
  unitName: string,
  template: JourneyTemplate,
  customerName: string | null,
  owners: ReadonlyMap<string, string>,
  now: Date,
): JourneySummary {
  const stage = template.stages.find((s) => s.key === j.stage) ?? null;
  return {
    id: j.id,
    unitId: j.unitId,
    unitName,
    customerId: j.customerId,
    customerName,
    templateCode: j.templateCode,
    templateVersion: j.templateVersion,
    templateNameZh: template.nameZh,
    templateNameEn: template.nameEn,
    stage: j.stage,
    stageNameZh: stage?.nameZh ?? null,
    stageNameEn: stage?.nameEn ?? null,
    stageRole: stage?.role ?? null,
    stageEnteredAt: j.stageEnteredAt.toISOString(),
    stageDueAt: j.stageDueAt?.toISOString() ?? null,
    overdue: j.stage !== null && j.stageDueAt !== null && j.stageDueAt.getTime() < now.getTime(),
    paymentOverdue:
      j.stage !== null &&
      j.payments.some(
        (p) => p.receivedAt === null && p.dueAt !== null && Date.parse(p.dueAt) < now.getTime(),
      ),
    ownerId: j.createdBy,
    ownerName: owners.get(j.createdBy) ?? null,
    createdAt: j.createdAt.toISOString(),
    finishedAt: j.finishedAt?.toISOString() ?? null,
    cancelledAt: j.cancelledAt?.toISOString() ?? null,
  };
}

export async function presentJourney(
  db: Db,
  found: {
    row: JourneyRow;
    template: JourneyTemplate;
    missing: MissingItems;
    approvals: { key: string; stage: string; status: string; approvalId: string | null }[];
  },
  now: Date,
): Promise<JourneyDetail> {
  const { row, template } = found;
  const [unit] = await db
    .select({ name: organisationUnits.name })
    .from(organisationUnits)
    .where(eq(organisationUnits.id, row.unitId));
  const names = await customerNames(db, [row.customerId]);
  const owners = await displayNames(db, [row.createdBy, ...(row.cancellation ? [row.cancellation.by] : [])]);
  return {
    ...summary(row, unit?.name ?? '', template, names.get(row.customerId) ?? null, owners, now),
    orderId: row.orderId,
    contractFen: row.contractFen,
    forms: row.forms,
    documents: row.documents,
    approvals: row.approvals,
    fields: row.fields,
    payments: row.payments,
    history: row.history,
    missing: {
      ...found.missing,
      forms: [...found.missing.forms],
      fields: [...found.missing.fields],
      documents: [...found.missing.documents],
      approvals: [...found.missing.approvals],
      rules: [...found.missing.rules],
    },
    approvalRequests: found.approvals.map((a) => ({
      key: a.key,
      stage: a.stage,
      status: a.status,
      approvalId: a.approvalId,
    })),
    template: wire(template),
    cancellation: row.cancellation
      ? { ...row.cancellation, byName: owners.get(row.cancellation.by) ?? null }
      : null,
    sourceWorkOrderId: row.sourceWorkOrderId,
    links: await linksOf(db, row.id),
  };
}
