import { asc, count, eq, inArray, type SQL } from 'drizzle-orm';
import type { Db } from '../../app/db';
import { membershipsOf, type MembershipView } from '../org/org.service';
import { users } from '../org/org.table';
import { tasks } from './tasks.table';

export type TaskRow = typeof tasks.$inferSelect;
export type NewTask = typeof tasks.$inferInsert;

export async function insertTask(db: Db, row: NewTask): Promise<TaskRow> {
  const [created] = await db.insert(tasks).values(row).returning();
  return created!;
}

/** One task; `lock` takes a row lock so a concurrent close or escalation waits for this one. */
export async function findTask(
  db: Db,
  id: string,
  opts: { lock?: boolean } = {},
): Promise<TaskRow | undefined> {
  const q = db.select().from(tasks).where(eq(tasks.id, id));
  const [row] = opts.lock ? await q.for('update') : await q;
  return row;
}

/** Several tasks locked for update, for the scheduler's batch handlers. */
export async function lockTasks(db: Db, ids: readonly string[]): Promise<Map<string, TaskRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select()
    .from(tasks)
    .where(inArray(tasks.id, [...ids]))
    .for('update');
  return new Map(rows.map((r) => [r.id, r]));
}

export async function updateTask(db: Db, id: string, patch: Partial<NewTask>): Promise<TaskRow> {
  const [row] = await db.update(tasks).set(patch).where(eq(tasks.id, id)).returning();
  return row!;
}

/** A page of tasks matching `where`, earliest deadline first, with the total count. */
export async function pageOfTasks(
  db: Db,
  where: SQL | undefined,
  page: { page: number; pageSize: number },
): Promise<{ items: TaskRow[]; total: number }> {
  const [items, [totalRow]] = await Promise.all([
    db
      .select()
      .from(tasks)
      .where(where)
      .orderBy(asc(tasks.dueAt), asc(tasks.id))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    db.select({ total: count() }).from(tasks).where(where),
  ]);
  return { items, total: totalRow?.total ?? 0 };
}

export interface Colleague {
  id: string;
  status: 'active' | 'disabled';
  memberships: MembershipView[];
}

/** A person who could be given a task, with their memberships; undefined when there is none. */
export async function findColleague(db: Db, userId: string): Promise<Colleague | undefined> {
  // The organisation module has no single-user lookup returning the status; read it directly.
  const [user] = await db
    .select({ id: users.id, status: users.status })
    .from(users)
    .where(eq(users.id, userId));
  if (!user) return undefined;
  const list = (await membershipsOf(db, [userId])).get(userId) ?? [];
  return { ...user, memberships: list };
}
