import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../app/context';
import type { Db } from '../../app/db';
import { announceChange, onChange } from '../../app/live';
import { findUnit, type UnitRow } from './org.repository';

/**
 * What the organisation decides — who is signed in with which grants, and the units themselves —
 * is read on nearly every request and changes rarely. Each process keeps what it read for
 * ORG_CACHE_MS. A change clears the caches of every instance before the answer goes out
 * (`clearOrgCachesOnWrites`: here at once, elsewhere through a NOTIFY this instance waits to hear
 * back, app/live.ts); ORG_CACHE_MS only bounds what a lost notice could leave behind.
 */
export const ORG_CACHE_MS = 1000;
const MAX_ENTRIES = 10_000;

export class ShortCache<V> {
  private readonly entries = new Map<string, { value: V; at: number }>();

  get(key: string, now: Date): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    const age = now.getTime() - entry.at;
    // A clock set back (tests move it both ways) counts as stale too.
    if (age < 0 || age >= ORG_CACHE_MS) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: string, value: V, now: Date): void {
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(key, { value, at: now.getTime() });
  }

  /** The value kept for `key`, or `load`'s answer, kept when there is one. */
  async remember(key: string, now: Date, load: () => Promise<V | undefined>): Promise<V | undefined> {
    const known = this.get(key, now);
    if (known !== undefined) return known;
    const loaded = await load();
    if (loaded !== undefined) this.set(key, loaded, now);
    return loaded;
  }

  clear(): void {
    this.entries.clear();
  }
}

// Per database, not per process: test files run several databases side by side whose units share ids.
const cachesByDatabase = new WeakMap<Db, Map<string, ShortCache<unknown>>>();

const ORG_CHANGE = 'org';

/** The named cache of this database (one per kind of thing kept: sessions, units). */
export function orgCache<V>(
  deps: Pick<Deps, 'database'> & Partial<Pick<Deps, 'logger'>>,
  name: string,
): ShortCache<V> {
  let caches = cachesByDatabase.get(deps.database.db);
  if (!caches) {
    caches = new Map();
    cachesByDatabase.set(deps.database.db, caches);
    // Another instance changed the organisation: what is kept here is read again.
    if (deps.logger)
      onChange({ database: deps.database, logger: deps.logger }, ORG_CHANGE, () => organisationChanged(deps));
  }
  let cache = caches.get(name);
  if (!cache) {
    cache = new ShortCache<unknown>();
    caches.set(name, cache);
  }
  return cache as ShortCache<V>;
}

/** People, roles, units or their settings changed here: everything kept is read again. */
export function organisationChanged(deps: Pick<Deps, 'database'>): void {
  for (const cache of cachesByDatabase.get(deps.database.db)?.values() ?? []) cache.clear();
}

/**
 * Every state-changing request to these routes (people, roles, units, sign-in and sign-out, SLA and
 * calendar settings) clears the caches before its answer is sent, so anyone's next request sees it.
 */
export function clearOrgCachesOnWrites(
  app: FastifyInstance,
  deps: Pick<Deps, 'database' | 'db' | 'logger'>,
): void {
  // Listening from the start: a change announced before this instance first kept anything is harmless.
  orgCache(deps, 'units');
  app.addHook('onSend', async (req, _reply, payload) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      organisationChanged(deps);
      await announceChange(deps, ORG_CHANGE);
    }
    return payload;
  });
}

/** A unit as read at most ORG_CACHE_MS ago: intake reads its store's row on every call. */
export async function findUnitRecent(
  deps: Pick<Deps, 'database' | 'db' | 'clock'>,
  id: string,
): Promise<UnitRow | undefined> {
  return orgCache<UnitRow>(deps, 'units').remember(id, deps.clock.now(), () => findUnit(deps.db, id));
}
