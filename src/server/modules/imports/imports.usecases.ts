/**
 * CUS-5 imports of customers, assets and orders from Excel or CSV: upload (stored, hashed, its header read and
 * rows counted), column mapping (suggested, remembered per company and kind), preview, validation
 * report, and the import itself — streamed, committed in chunks with the last committed row, so a
 * restart resumes where it stopped and no row is written twice.
 */
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { and, asc, desc, eq, inArray, or, sql } from 'drizzle-orm';
import {
  checkRow,
  duplicateAssetProblem,
  duplicateOrderProblem,
  duplicateProblem,
  IMPORT_FIELDS,
  mappingProblems,
  orderNoCell,
  OrderGrouper,
  rememberedMapping,
  suggestMapping,
  unknownCustomerProblem,
  type AssetImportRow,
  type CustomerImportRow,
  type ImportKind,
  type ImportMapping,
  type OrderGroup,
  type RowContext,
  type RowProblem,
  type RowResult,
} from '../../../domain/imports';
import { scopeRoots, type PermissionCode } from '../../../domain/permissions';
import type { Actor, Deps } from '../../app/context';
import { rowsOf as rowsOfResult, type Db } from '../../app/db';
import { recordAudit } from '../audit/audit.service';
import { authErrors } from '../auth/auth.errors';
import { effectiveCalendar } from '../calendar/calendar.service';
import { insertAssetsBulk, insertCustomersBulk } from '../customers/customers.service';
import { insertImportedOrders } from '../orders/orders.service';
import { assertCan, findUnit } from '../org/org.service';
import { organisationUnits } from '../org/org.table';
import { importErrors } from './imports.errors';
import { detectFormat, headerText, readSheetRows, type SheetFormat } from './imports.reader';
import { orders } from '../orders/orders.table';
import { importJobs, importMappings, importProblems } from './imports.table';

export type ImportJob = typeof importJobs.$inferSelect;

/** Bigger files are refused before they are read (a 200 MB upload answers 413). */
export const IMPORT_MAX_BYTES = 64 * 1024 * 1024;
/** Data rows one import may hold. */
export const IMPORT_MAX_ROWS = 200_000;
/** Rows written per transaction. */
export const IMPORT_CHUNK_ROWS = 2000;
/** An import whose heartbeat is older than this is taken to have died with its process, and resumed. */
export const IMPORT_LEASE_MS = 60_000;
const PREVIEW_ROWS = 20;

/** Who may import a kind: customers and assets as the customer archive's, orders as the orders module's. */
export function importPermission(kind: ImportKind): PermissionCode {
  return kind === 'orders' ? 'orders.import' : 'customers.import';
}

async function jobInScope(deps: Deps, actor: Actor, id: string): Promise<ImportJob> {
  const [job] = await deps.db.select().from(importJobs).where(eq(importJobs.id, id));
  if (!job) throw importErrors.notFound();
  const unit = await findUnit(deps.db, job.unitId);
  if (!unit) throw importErrors.notFound();
  assertCan(actor, importPermission(job.kind), unit.path, importErrors.notFound);
  return job;
}

/** What an order row is checked with: the unit's time zone (order times are the store's wall clock). */
async function rowContext(
  deps: Deps,
  job: Pick<ImportJob, 'kind' | 'unitId'>,
): Promise<RowContext | undefined> {
  if (job.kind !== 'orders') return undefined;
  const unit = await findUnit(deps.db, job.unitId);
  const { timeZone } = await effectiveCalendar(deps.db, unit!);
  return { timeZone, now: deps.clock.now() };
}

/** The header an order problem names the order-number column by. */
function orderNoColumn(job: ImportJob, mapping: ImportMapping): string {
  return (mapping.orderNo !== undefined ? job.headers[mapping.orderNo] : undefined) || '订单号';
}

async function openRows(deps: Deps, job: Pick<ImportJob, 'storageKey' | 'format'>) {
  const stream = await deps.storage.get(job.storageKey);
  return readSheetRows(stream, job.format);
}

async function firstBytes(stream: Readable, n: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    chunks.push(chunk as Buffer);
    size += (chunk as Buffer).length;
    if (size >= n) break;
  }
  stream.destroy();
  return Buffer.concat(chunks).subarray(0, n);
}

/** Reads the header row and counts the data rows; refuses a sheet past the row limit as soon as it is. */
async function scanSheet(deps: Deps, key: string, format: SheetFormat) {
  let headers: string[] | null = null;
  let rows = 0;
  for await (const r of await openRows(deps, { storageKey: key, format })) {
    if (headers === null) {
      headers = r.cells.map(headerText);
      continue;
    }
    rows++;
    if (rows > IMPORT_MAX_ROWS) throw importErrors.tooManyRows({ limit: IMPORT_MAX_ROWS });
  }
  if (headers === null || headers.every((h) => h === '') || rows === 0) throw importErrors.empty();
  // Trailing empty header cells carry nothing.
  while (headers.length > 0 && headers[headers.length - 1] === '') headers.pop();
  return { headers, rows };
}

/**
 * Stores an uploaded sheet and opens its import. The same file (by content) uploaded again for the
 * same unit and kind answers the import it already has (`repeated`), whatever became of it.
 */
export async function uploadImport(
  deps: Deps,
  actor: Actor,
  input: { unitId: string; kind: ImportKind; fileName: string; body: Readable; truncated: () => boolean },
): Promise<{ job: ImportJob; repeated: boolean }> {
  const unit = await findUnit(deps.db, input.unitId);
  if (!unit || !unit.active) {
    input.body.resume();
    throw importErrors.unitNotFound();
  }
  const permission = importPermission(input.kind);
  if (scopeRoots(actor.grants, permission).length === 0) {
    input.body.resume();
    throw authErrors.forbidden({ permission });
  }
  assertCan(actor, permission, unit.path, importErrors.unitNotFound);
  const key = `imports/${randomUUID()}`;
  const stored = await deps.storage.put(key, input.body, { contentType: 'application/octet-stream' });
  const discard = () => deps.storage.delete(key).catch(() => undefined);
  try {
    if (input.truncated()) throw importErrors.tooLarge({ maxBytes: IMPORT_MAX_BYTES });
    const [existing] = await deps.db
      .select()
      .from(importJobs)
      .where(
        and(
          eq(importJobs.unitId, unit.id),
          eq(importJobs.kind, input.kind),
          eq(importJobs.fileHash, stored.sha256),
        ),
      );
    if (existing) {
      await discard();
      return { job: existing, repeated: true };
    }
    const format = detectFormat(await firstBytes(await deps.storage.get(key), 8), input.fileName);
    const { headers, rows } = await scanSheet(deps, key, format);
    const now = deps.clock.now();
    return await deps.db.transaction(async (tx) => {
      const [job] = await tx
        .insert(importJobs)
        .values({
          unitId: unit.id,
          kind: input.kind,
          fileName: input.fileName.slice(0, 200),
          format,
          fileHash: stored.sha256,
          size: stored.size,
          storageKey: key,
          headers,
          totalRows: rows,
          status: 'uploaded',
          createdBy: actor.userId,
          createdAt: now,
        })
        .onConflictDoNothing()
        .returning();
      if (!job) {
        // The same file uploaded twice at once: the other upload's job stands.
        const [other] = await tx
          .select()
          .from(importJobs)
          .where(
            and(
              eq(importJobs.unitId, unit.id),
              eq(importJobs.kind, input.kind),
              eq(importJobs.fileHash, stored.sha256),
            ),
          );
        await discard();
        return { job: other!, repeated: true };
      }
      await recordAudit(tx, now, actor, {
        action: 'import.uploaded',
        subjectType: 'import_job',
        subjectId: job.id,
        unitId: unit.id,
        after: { kind: job.kind, fileName: job.fileName, rows, fileHash: job.fileHash },
      });
      return { job, repeated: false };
    });
  } catch (err) {
    await discard();
    throw err;
  }
}

async function companyOf(db: Db, unitId: string): Promise<string> {
  const unit = await findUnit(db, unitId);
  return unit!.path[0]!;
}

/** The job's mapping, else the one suggested from the company's last mapping of this kind and the headers. */
async function mappingOf(deps: Deps, job: ImportJob): Promise<ImportMapping> {
  if (job.mapping) return job.mapping;
  const [remembered] = await deps.db
    .select()
    .from(importMappings)
    .where(
      and(
        eq(importMappings.companyId, await companyOf(deps.db, job.unitId)),
        eq(importMappings.kind, job.kind),
      ),
    );
  return suggestMapping(job.kind, job.headers, remembered?.headers ?? null);
}

export async function getImport(deps: Deps, actor: Actor, id: string) {
  const job = await jobInScope(deps, actor, id);
  return { job, mapping: await mappingOf(deps, job) };
}

export async function listImports(deps: Deps, actor: Actor): Promise<ImportJob[]> {
  const within = (permission: PermissionCode) =>
    inArray(
      importJobs.unitId,
      deps.db
        .select({ id: organisationUnits.id })
        .from(organisationUnits)
        .where(
          sql`${organisationUnits.path} && ${`{${scopeRoots(actor.grants, permission).join(',')}}`}::uuid[]`,
        ),
    );
  return deps.db
    .select()
    .from(importJobs)
    .where(
      or(
        and(inArray(importJobs.kind, ['customers', 'assets']), within('customers.import')),
        and(eq(importJobs.kind, 'orders'), within('orders.import')),
      ),
    )
    .orderBy(desc(importJobs.createdAt))
    .limit(50);
}

/** The first rows under a mapping (the job's, or one being tried), each with its problems. */
export async function previewImport(deps: Deps, actor: Actor, id: string, tryMapping?: ImportMapping) {
  const job = await jobInScope(deps, actor, id);
  const mapping = tryMapping ?? (await mappingOf(deps, job));
  const problems = mappingProblems(job.kind, mapping, job.headers.length);
  const context = await rowContext(deps, job);
  const rows: { row: number; cells: (string | null)[]; problems: string[] }[] = [];
  for await (const r of await openRows(deps, job)) {
    if (r.row === 1) continue;
    const checked =
      problems.length === 0 ? checkRow(job.kind, r.row, r.cells, mapping, job.headers, context) : null;
    rows.push({
      row: r.row,
      cells: job.headers.map((_, i) => {
        const c = r.cells[i] ?? null;
        return c === null ? null : c instanceof Date ? c.toISOString().slice(0, 10) : String(c);
      }),
      problems: checked && !checked.ok ? checked.problems.map((p) => p.zh) : [],
    });
    if (rows.length >= PREVIEW_ROWS) break;
  }
  return { job, mapping, mappingProblems: problems, rows };
}

/** Sets the job's mapping and remembers it for the company and kind (by header text). */
export async function setMapping(deps: Deps, actor: Actor, id: string, mapping: ImportMapping) {
  const job = await jobInScope(deps, actor, id);
  if (job.status !== 'uploaded') throw importErrors.notStartable();
  const problems = mappingProblems(job.kind, mapping, job.headers.length);
  if (problems.length > 0) throw importErrors.mappingInvalid({ problems });
  const now = deps.clock.now();
  const companyId = await companyOf(deps.db, job.unitId);
  const headers = rememberedMapping(mapping, job.headers);
  return deps.db.transaction(async (tx) => {
    const [updated] = await tx.update(importJobs).set({ mapping }).where(eq(importJobs.id, id)).returning();
    await tx
      .insert(importMappings)
      .values({ companyId, kind: job.kind, headers, updatedBy: actor.userId, updatedAt: now })
      .onConflictDoUpdate({
        target: [importMappings.companyId, importMappings.kind],
        set: { headers, updatedBy: actor.userId, updatedAt: now },
      });
    return updated!;
  });
}

/** Queues the import (a failed one resumes after its last committed row); the caller runs it. */
export async function startImport(deps: Deps, actor: Actor, id: string): Promise<ImportJob> {
  const job = await jobInScope(deps, actor, id);
  if (job.status !== 'uploaded' && job.status !== 'failed') throw importErrors.notStartable();
  const mapping = job.mapping ?? (await mappingOf(deps, job));
  const problems = mappingProblems(job.kind, mapping, job.headers.length);
  if (problems.length > 0) throw importErrors.mappingInvalid({ problems });
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const [queued] = await tx
      .update(importJobs)
      .set({ status: 'queued', mapping, error: null })
      .where(and(eq(importJobs.id, id), eq(importJobs.status, job.status)))
      .returning();
    if (!queued) throw importErrors.notStartable();
    await recordAudit(tx, now, actor, {
      action: 'import.started',
      subjectType: 'import_job',
      subjectId: id,
      unitId: job.unitId,
      after: { mapping: rememberedMapping(mapping, job.headers), resumedAfterRow: job.lastRow },
    });
    return queued;
  });
}

interface ChunkRow<V> {
  row: number;
  value: V;
}

interface ChunkResult {
  imported: number;
  skipped: number;
  problems: RowProblem[];
}

function phoneColumn(job: ImportJob, mapping: ImportMapping): string {
  const field = IMPORT_FIELDS[job.kind].find((f) => f.key === 'phone');
  return (mapping.phone !== undefined ? job.headers[mapping.phone] : undefined) || field?.zh || '手机号';
}

/** Normalized phones already held by customers of the company (any of its units), with a customer of each. */
async function customersByPhone(tx: Db, companyId: string, phones: string[]): Promise<Map<string, string>> {
  if (phones.length === 0) return new Map();
  const rows = await tx.execute(sql`
    select distinct on (p.normalized) p.normalized, p.customer_id as "customerId"
    from customer_phones p
    join customers c on c.id = p.customer_id
    join organisation_units u on u.id = c.unit_id
    where p.normalized = any(${`{${phones.join(',')}}`}::text[]) and ${companyId}::uuid = any(u.path)
    order by p.normalized, c.created_at`);
  return new Map(
    rowsOfResult<{ normalized: string; customerId: string }>(rows).map((r) => [r.normalized, r.customerId]),
  );
}

async function writeCustomers(
  tx: Db,
  now: Date,
  job: ImportJob,
  companyId: string,
  column: string,
  rows: ChunkRow<CustomerImportRow>[],
): Promise<ChunkResult> {
  const existing = await customersByPhone(
    tx,
    companyId,
    rows.map((r) => r.value.phone.normalized),
  );
  const seen = new Map<string, number>();
  const problems: RowProblem[] = [];
  const fresh: ChunkRow<CustomerImportRow>[] = [];
  for (const r of rows) {
    const phone = r.value.phone.normalized;
    const earlier = seen.get(phone);
    if (earlier !== undefined) problems.push(duplicateProblem(r.row, column, 'file', earlier));
    else if (existing.has(phone)) problems.push(duplicateProblem(r.row, column, 'archive'));
    else fresh.push(r);
    if (earlier === undefined) seen.set(phone, r.row);
  }
  await insertCustomersBulk(
    tx,
    now,
    job.createdBy,
    fresh.map(({ value: v }) => ({
      unitId: job.unitId,
      name: v.name,
      phones: v.phone2 ? [v.phone, v.phone2] : [v.phone],
      address: v.address,
      identityNumber: v.identityNumber,
      birthday: v.birthday,
      source: v.source,
      note: v.note,
    })),
  );
  return { imported: fresh.length, skipped: rows.length - fresh.length, problems };
}

async function writeAssets(
  tx: Db,
  job: ImportJob,
  companyId: string,
  column: string,
  numberColumn: string,
  rows: ChunkRow<AssetImportRow>[],
): Promise<ChunkResult> {
  const owners = await customersByPhone(
    tx,
    companyId,
    rows.map((r) => r.value.phone.normalized),
  );
  const problems: RowProblem[] = [];
  const keyed = rows
    .map((r) => ({ ...r, customerId: owners.get(r.value.phone.normalized) }))
    .filter((r) => {
      if (r.customerId) return true;
      problems.push(unknownCustomerProblem(r.row, column));
      return false;
    });
  const numbered = keyed.filter((r) => r.value.number !== null);
  const taken = new Set<string>();
  if (numbered.length > 0) {
    const have = await tx.execute(sql`
      select customer_id as "customerId", number from assets
      where customer_id = any(${`{${[...new Set(numbered.map((r) => r.customerId!))].join(',')}}`}::uuid[])
        and number is not null`);
    for (const a of rowsOfResult<{ customerId: string; number: string }>(have))
      taken.add(`${a.customerId}|${a.number}`);
  }
  const fresh = keyed.filter((r) => {
    if (r.value.number === null) return true;
    const key = `${r.customerId}|${r.value.number}`;
    if (taken.has(key)) {
      problems.push(duplicateAssetProblem(r.row, numberColumn));
      return false;
    }
    taken.add(key);
    return true;
  });
  await insertAssetsBulk(
    tx,
    fresh.map(({ customerId, value: v }) => ({
      customerId: customerId!,
      kind: v.kind,
      name: v.name,
      model: v.model,
      number: v.number,
      purchaseDate: v.purchaseDate,
      warrantyEnd: v.warrantyEnd,
      note: v.note,
    })),
  );
  return { imported: fresh.length, skipped: rows.length - fresh.length, problems };
}

/**
 * Writes a chunk's orders through the orders module's insert: an order number the unit already has
 * is skipped (re-uploading adds nothing); the buyer is linked to the company's customer with that
 * normalised phone, or — a new phone with a name — a customer is created at the import's unit, as the
 * customer import would.
 */
async function writeOrders(
  tx: Db,
  now: Date,
  job: ImportJob,
  companyId: string,
  column: string,
  groups: OrderGroup[],
): Promise<ChunkResult> {
  const problems: RowProblem[] = groups.flatMap((g) => g.problems);
  const complete = groups.filter((g) => g.order !== null);
  const rowsOf = new Map(complete.map((g) => [g.orderNo!, g.rows]));
  let skipped = 0;
  const skip = (orderNo: string) => {
    const rows = rowsOf.get(orderNo)!;
    skipped += rows.length;
    for (const row of rows) problems.push(duplicateOrderProblem(row, column, orderNo));
  };
  const numbers = complete.map((g) => g.orderNo!);
  const taken = new Set<string>();
  if (numbers.length > 0) {
    const have = await tx
      .select({ orderNo: orders.orderNo })
      .from(orders)
      .where(and(eq(orders.unitId, job.unitId), inArray(orders.orderNo, numbers)));
    for (const o of have) taken.add(o.orderNo);
  }
  for (const orderNo of taken) skip(orderNo);
  const fresh = complete.filter((g) => !taken.has(g.orderNo!)).map((g) => g.order!);
  const phones = [...new Set(fresh.flatMap((o) => (o.phone ? [o.phone.normalized] : [])))];
  const customerOf = await customersByPhone(tx, companyId, phones);
  const newcomers = new Map<string, (typeof fresh)[number]>();
  for (const o of fresh)
    if (
      o.phone &&
      o.customerName &&
      !customerOf.has(o.phone.normalized) &&
      !newcomers.has(o.phone.normalized)
    )
      newcomers.set(o.phone.normalized, o);
  const created = await insertCustomersBulk(
    tx,
    now,
    job.createdBy,
    [...newcomers.values()].map((o) => ({
      unitId: job.unitId,
      name: o.customerName!,
      phones: [o.phone!],
      address: null,
      identityNumber: null,
      birthday: null,
      source: null,
      note: null,
    })),
  );
  [...newcomers.keys()].forEach((phone, i) => customerOf.set(phone, created[i]!));
  const written = await insertImportedOrders(
    tx,
    now,
    { userId: job.createdBy, ip: null },
    job.unitId,
    fresh.map(({ phone, ...o }) => ({
      ...o,
      customerId: phone ? (customerOf.get(phone.normalized) ?? null) : null,
    })),
  );
  // Entered at the counter between the check and the insert: skipped the same way.
  for (const orderNo of written.taken) skip(orderNo);
  const imported = fresh
    .filter((o) => !written.taken.includes(o.orderNo))
    .reduce((n, o) => n + rowsOf.get(o.orderNo)!.length, 0);
  return { imported, skipped, problems };
}

/** Claims the job for this process: queued, or running with a heartbeat older than the lease. */
async function claim(deps: Deps, id: string): Promise<ImportJob | null> {
  const now = deps.clock.now();
  const stale = new Date(now.getTime() - IMPORT_LEASE_MS);
  const rows = await deps.db.execute(sql`
    update import_jobs set status = 'running', heartbeat_at = ${now}, started_at = coalesce(started_at, ${now})
    where id = ${id} and (status = 'queued' or (status = 'running' and heartbeat_at < ${stale}))
    returning id`);
  if (rowsOfResult(rows).length === 0) return null;
  const [job] = await deps.db.select().from(importJobs).where(eq(importJobs.id, id));
  return job ?? null;
}

const runningHere = new Set<string>();

export interface RunOptions {
  /** Stops after the chunk in progress (shutdown, or a test's crash): the job stays `running`. */
  signal?: AbortSignal;
  /** Called after each committed chunk. */
  onChunk?: (job: ImportJob) => void;
}

/**
 * Runs a queued import (or takes over one whose process died): reads the file from the start,
 * skips rows up to the last committed one, and writes the rest in chunks — each chunk's rows, its
 * problems and the job's progress in one transaction.
 */
export async function runImport(deps: Deps, id: string, opts: RunOptions = {}): Promise<ImportJob | null> {
  if (runningHere.has(id)) return null;
  runningHere.add(id);
  try {
    const claimed = await claim(deps, id);
    if (!claimed) return null;
    let job = claimed;
    try {
      const mapping = job.mapping!;
      const companyId = await companyOf(deps.db, job.unitId);
      const column = phoneColumn(job, mapping);
      const numberColumn = mapping.number !== undefined ? job.headers[mapping.number] || '编号' : '编号';
      const context = await rowContext(deps, job);
      // Orders: rows are held until their order closes, and a chunk ends only between two orders.
      const grouper = job.kind === 'orders' ? new OrderGrouper(orderNoColumn(job, mapping)) : null;
      let groups: OrderGroup[] = [];
      let groupRows = 0;
      let valid: ChunkRow<CustomerImportRow | AssetImportRow>[] = [];
      let invalid: RowProblem[] = [];
      let invalidRows = 0;
      let lastRow = job.lastRow;
      const takeGroup = (group: OrderGroup | null) => {
        if (!group) return;
        groups.push(group);
        groupRows += group.rows.length;
        if (!group.order) invalidRows += group.rows.length;
        lastRow = group.rows[group.rows.length - 1]!;
      };
      const commit = async () => {
        const now = deps.clock.now();
        const expected = job.lastRow;
        job = await deps.db.transaction(async (tx) => {
          // Serialises imports of one company, so two files never both add the same phone.
          await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`imports:${companyId}`}))`);
          const [locked] = await tx.select().from(importJobs).where(eq(importJobs.id, id)).for('update');
          // Another process took the job over: it writes from here on, never both.
          if (!locked || locked.lastRow !== expected || locked.status !== 'running')
            throw new ImportTakenOver();
          const written =
            job.kind === 'orders'
              ? await writeOrders(tx, now, job, companyId, orderNoColumn(job, mapping), groups)
              : job.kind === 'customers'
                ? await writeCustomers(
                    tx,
                    now,
                    job,
                    companyId,
                    column,
                    valid as ChunkRow<CustomerImportRow>[],
                  )
                : await writeAssets(
                    tx,
                    job,
                    companyId,
                    column,
                    numberColumn,
                    valid as ChunkRow<AssetImportRow>[],
                  );
          const problems = [...invalid, ...written.problems].sort((a, b) => a.row - b.row);
          if (problems.length > 0) {
            const seq = new Map<number, number>();
            const values = problems.map((p) => {
              const n = (seq.get(p.row) ?? 0) + 1;
              seq.set(p.row, n);
              return { jobId: id, row: p.row, seq: n, column: p.column, problemZh: p.zh, problemEn: p.en };
            });
            for (let i = 0; i < values.length; i += 5000)
              await tx.insert(importProblems).values(values.slice(i, i + 5000));
          }
          const [updated] = await tx
            .update(importJobs)
            .set({
              lastRow,
              imported: sql`${importJobs.imported} + ${written.imported}`,
              skipped: sql`${importJobs.skipped} + ${written.skipped}`,
              invalid: sql`${importJobs.invalid} + ${invalidRows}`,
              heartbeatAt: now,
            })
            .where(eq(importJobs.id, id))
            .returning();
          return updated!;
        });
        valid = [];
        invalid = [];
        invalidRows = 0;
        groups = [];
        groupRows = 0;
        opts.onChunk?.(job);
      };
      const waiting = () => valid.length + (grouper ? groupRows : invalidRows);
      for await (const r of await openRows(deps, job)) {
        if (r.row === 1) continue;
        if (r.row <= job.lastRow) {
          grouper?.skipped(r.row, orderNoCell(r.cells, mapping));
          continue;
        }
        if (opts.signal?.aborted) return job;
        const checked = checkRow(job.kind, r.row, r.cells, mapping, job.headers, context);
        if (grouper)
          takeGroup(grouper.push(r.row, orderNoCell(r.cells, mapping), checked as RowResult<'orders'>));
        else {
          if (checked.ok)
            valid.push({ row: r.row, value: checked.value as CustomerImportRow | AssetImportRow });
          else {
            invalid.push(...checked.problems);
            invalidRows++;
          }
          lastRow = r.row;
        }
        if (waiting() >= IMPORT_CHUNK_ROWS) {
          await commit();
          if (opts.signal?.aborted) return job;
        }
      }
      if (grouper) takeGroup(grouper.end());
      if (waiting() > 0) await commit();
      return await finish(deps, id, 'done', null);
    } catch (err) {
      if (err instanceof ImportTakenOver) return null;
      deps.logger.error({ err, importId: id }, 'import failed');
      const reason = (err as { code?: string }).code ?? (err as Error).message;
      return await finish(deps, id, 'failed', String(reason).slice(0, 500));
    }
  } finally {
    runningHere.delete(id);
  }
}

class ImportTakenOver extends Error {}

async function finish(deps: Deps, id: string, status: 'done' | 'failed', error: string | null) {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const [job] = await tx
      .update(importJobs)
      .set({ status, error, finishedAt: now, heartbeatAt: now })
      .where(and(eq(importJobs.id, id), eq(importJobs.status, 'running')))
      .returning();
    if (!job) return null;
    await recordAudit(
      tx,
      now,
      { userId: job.createdBy, ip: null },
      {
        action: status === 'done' ? 'import.finished' : 'import.failed',
        subjectType: 'import_job',
        subjectId: id,
        unitId: job.unitId,
        after: {
          imported: job.imported,
          skipped: job.skipped,
          invalid: job.invalid,
          lastRow: job.lastRow,
          error,
        },
      },
    );
    return job;
  });
}

/**
 * The scheduler's pass: imports queued but not running here, and running ones whose process stopped
 * renewing the heartbeat, are run (in the background; the answered promises end with them).
 */
export async function resumeImports(deps: Deps): Promise<Promise<ImportJob | null>[]> {
  const stale = new Date(deps.clock.now().getTime() - IMPORT_LEASE_MS);
  const rows = await deps.db
    .select({ id: importJobs.id })
    .from(importJobs)
    .where(
      sql`${importJobs.status} = 'queued' or (${importJobs.status} = 'running' and ${importJobs.heartbeatAt} < ${stale})`,
    )
    .orderBy(asc(importJobs.createdAt))
    .limit(10);
  return rows
    .filter((r) => !runningHere.has(r.id))
    .map((r) =>
      runImport(deps, r.id).catch((err: unknown) => {
        deps.logger.error({ err, importId: r.id }, 'import not resumed');
        return null;
      }),
    );
}

/** The problems of the import by row: those it recorded, or — not yet imported — the file checked now. */
export async function* reportRows(deps: Deps, actor: Actor, id: string): AsyncGenerator<RowProblem> {
  const job = await jobInScope(deps, actor, id);
  if (job.status !== 'uploaded') {
    let after = { row: 0, seq: 0 };
    for (;;) {
      const page = await deps.db
        .select()
        .from(importProblems)
        .where(
          and(
            eq(importProblems.jobId, id),
            sql`(${importProblems.row}, ${importProblems.seq}) > (${after.row}, ${after.seq})`,
          ),
        )
        .orderBy(asc(importProblems.row), asc(importProblems.seq))
        .limit(5000);
      for (const p of page) yield { row: p.row, column: p.column, zh: p.problemZh, en: p.problemEn };
      if (page.length < 5000) return;
      after = page[page.length - 1]!;
    }
  }
  const mapping = await mappingOf(deps, job);
  const problems = mappingProblems(job.kind, mapping, job.headers.length);
  if (problems.length > 0) throw importErrors.mappingInvalid({ problems });
  const context = await rowContext(deps, job);
  if (job.kind === 'orders') {
    // The orders as they would be grouped (the unit's existing numbers are told by the import itself).
    const grouper = new OrderGrouper(orderNoColumn(job, mapping));
    for await (const r of await openRows(deps, job)) {
      if (r.row === 1) continue;
      const checked = checkRow('orders', r.row, r.cells, mapping, job.headers, context);
      yield* grouper.push(r.row, orderNoCell(r.cells, mapping), checked)?.problems ?? [];
    }
    yield* grouper.end()?.problems ?? [];
    return;
  }
  const column = phoneColumn(job, mapping);
  const seen = new Map<string, number>();
  for await (const r of await openRows(deps, job)) {
    if (r.row === 1) continue;
    const checked = checkRow(job.kind, r.row, r.cells, mapping, job.headers);
    if (!checked.ok) {
      yield* checked.problems;
      continue;
    }
    if (job.kind !== 'customers') continue;
    const phone = checked.value.phone.normalized;
    const earlier = seen.get(phone);
    if (earlier !== undefined) yield duplicateProblem(r.row, column, 'file', earlier);
    else seen.set(phone, r.row);
  }
}
