/**
 * Live pushes and shared-change notices across instances, through PostgreSQL LISTEN/NOTIFY
 * (docs/decisions/0018-cross-instance-pushes.md).
 *
 * A push (a caller pop-up…) is written as one `live_events` row and announced by NOTIFY in the same
 * statement; every instance listening hears the notice and delivers it to the streams it holds
 * itself. The notice carries the event when it is small, else only its id (the row is read). A
 * stream reconnecting with Last-Event-ID reads what it missed from `live_events`. The embedded
 * database (PGlite) hears its own NOTIFY in-process, so both databases take the one path.
 *
 * Shared-change notices (`announceChange`) tell every instance to drop what it keeps in memory of a
 * kind of thing (the organisation caches), so a change made through one instance is seen by the
 * others at once rather than when their copy expires.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Deps } from './context';
import { rowsOf, type Database } from './db';

export const LIVE_CHANNEL = 'kefu_live';
export const CHANGE_CHANNEL = 'kefu_change';
/** NOTIFY payloads must stay under 8000 bytes; larger events travel as an id and are read. */
const INLINE_MAX_BYTES = 6000;
/** How long events are kept for streams that reconnect (Last-Event-ID). */
export const LIVE_EVENT_KEEP_MS = 5 * 60_000;
/** A stream whose instance has not refreshed it for this long no longer counts (the instance died). */
export const LIVE_STREAM_STALE_MS = 45_000;
const HOUSEKEEPING_MS = 15_000;
/** How long a change announcement waits to hear its own notice (see announceChange). */
const ECHO_WAIT_MS = 1_000;

export interface LiveEvent {
  /** The SSE event id (`live_events.id`). */
  id: number;
  type: string;
  data: unknown;
}

interface Notice {
  id: number;
  topic: string;
  u: string;
  t: string;
  d?: unknown;
}

interface LocalStream {
  key: string;
  rowId: string;
  send: (event: LiveEvent) => void;
  /** Events arriving while the stream's missed events are read are held here, in order. */
  pending: LiveEvent[] | null;
  /** Ids already sent (the last few hundred): a replay and a notice never send one twice. */
  sent: Set<number>;
}

export interface LiveStreamHandle {
  close(): Promise<void>;
}

export interface LiveHub {
  /** This process's instance id (one per opened database). */
  readonly instanceId: string;
  /**
   * Records the event for `userId` and announces it to every instance. Answers the event id and
   * how many streams of that person are open on all instances.
   */
  publish(
    topic: string,
    userId: string,
    type: string,
    data: unknown,
  ): Promise<{ id: number; streams: number }>;
  /**
   * Opens a stream of `userId`'s events of `topic`; with `lastEventId`, sends first what came after
   * it (within LIVE_EVENT_KEEP_MS). Resolves once the stream is listening and counted.
   */
  open(
    topic: string,
    userId: string,
    lastEventId: number | null,
    send: (event: LiveEvent) => void,
  ): Promise<LiveStreamHandle>;
  /** Streams this instance holds. */
  localStreams(): number;
}

const keyOf = (topic: string, userId: string) => `${topic}\u0000${userId}`;
const SENT_KEEP = 256;

function remember(stream: LocalStream, id: number) {
  stream.sent.add(id);
  if (stream.sent.size > SENT_KEEP) stream.sent.delete(stream.sent.values().next().value!);
}

function deliver(stream: LocalStream, event: LiveEvent) {
  if (stream.pending) {
    stream.pending.push(event);
    return;
  }
  if (stream.sent.has(event.id)) return;
  remember(stream, event.id);
  stream.send(event);
}

function createLiveHub(deps: Pick<Deps, 'database' | 'db' | 'logger'>): LiveHub {
  const instanceId = randomUUID();
  const local = new Map<string, Set<LocalStream>>();
  let listening: Promise<unknown> | null = null;
  let housekeeping: NodeJS.Timeout | null = null;
  const all = () => [...local.values()].flatMap((s) => [...s]);

  const readEvents = async (where: ReturnType<typeof sql>) =>
    rowsOf<{ id: string | number; topic: string; user_id: string; type: string; data: unknown }>(
      await deps.db.execute(sql`select id, topic, user_id, type, data from live_events
        where created_at > now() - make_interval(secs => ${LIVE_EVENT_KEEP_MS / 1000}) and ${where}
        order by id`),
    ).map((r) => ({ ...r, id: Number(r.id) }));

  const onNotice = (payload: string) => {
    let notice: Notice;
    try {
      notice = JSON.parse(payload) as Notice;
    } catch {
      return;
    }
    const streams = local.get(keyOf(notice.topic, notice.u));
    if (!streams || streams.size === 0) return;
    if (notice.d !== undefined && notice.d !== null) {
      for (const s of streams) deliver(s, { id: notice.id, type: notice.t, data: notice.d });
      return;
    }
    readEvents(sql`id = ${notice.id}`)
      .then((rows) => {
        for (const r of rows) for (const s of streams) deliver(s, { id: r.id, type: r.type, data: r.data });
      })
      .catch((err: unknown) => deps.logger.warn({ err }, 'live event not read'));
  };

  /** The listening connection came back: what was announced meanwhile is read from the table. */
  const onResume = () => {
    const streams = all();
    if (streams.length === 0) return;
    const users = [...new Set(streams.map((s) => s.key.split('\u0000')[1]!))];
    readEvents(
      sql`user_id in (${sql.join(
        users.map((u) => sql`${u}`),
        sql`, `,
      )}) and created_at > now() - interval '1 minute'`,
    )
      .then((rows) => {
        for (const r of rows)
          for (const s of local.get(keyOf(r.topic, r.user_id)) ?? [])
            deliver(s, { id: r.id, type: r.type, data: r.data });
      })
      .catch((err: unknown) => deps.logger.warn({ err }, 'live events not read after reconnect'));
    refresh().catch(() => {});
  };

  const listen = () =>
    (listening ??= deps.database.listen(LIVE_CHANNEL, onNotice, onResume).catch((err: unknown) => {
      listening = null;
      throw err;
    }));

  /** Refreshes this instance's streams (re-creating rows a long outage let expire) and clears old rows. */
  const refresh = async () => {
    const streams = all();
    if (streams.length > 0)
      await deps.db.execute(sql`insert into live_streams (id, instance_id, topic, user_id)
        values ${sql.join(
          streams.map((s) => {
            const [topic, userId] = s.key.split('\u0000');
            return sql`(${s.rowId}, ${instanceId}, ${topic}, ${userId})`;
          }),
          sql`, `,
        )}
        on conflict (id) do update set seen_at = now()`);
    await deps.db.execute(
      sql`delete from live_events where created_at < now() - make_interval(secs => ${LIVE_EVENT_KEEP_MS / 1000})`,
    );
    await deps.db.execute(
      sql`delete from live_streams where seen_at < now() - make_interval(secs => ${(LIVE_STREAM_STALE_MS * 2) / 1000})`,
    );
  };

  return {
    instanceId,
    async publish(topic, userId, type, data) {
      const json = JSON.stringify(data);
      const inline = Buffer.byteLength(json) <= INLINE_MAX_BYTES ? json : null;
      // One statement: the row, the notice (sent at commit) and the count of open streams.
      const [row] = rowsOf<{ id: string | number; streams: number }>(
        await deps.db.execute(sql`
          with e as (
            insert into live_events (topic, user_id, type, data)
            values (${topic}, ${userId}, ${type}, ${json}::jsonb) returning id
          ), n as (
            select pg_notify(${LIVE_CHANNEL}, json_build_object(
              'id', e.id, 'topic', ${topic}::text, 'u', ${userId}::text, 't', ${type}::text, 'd', ${inline}::jsonb
            )::text) from e
          )
          select e.id, (select count(*)::int from n) as notified, (
            select count(*)::int from live_streams
            where topic = ${topic} and user_id = ${userId}
              and seen_at > now() - make_interval(secs => ${LIVE_STREAM_STALE_MS / 1000})
          ) as streams
          from e`),
      );
      return { id: Number(row!.id), streams: row!.streams };
    },

    async open(topic, userId, lastEventId, send) {
      await listen();
      const key = keyOf(topic, userId);
      const stream: LocalStream = { key, rowId: randomUUID(), send, pending: [], sent: new Set() };
      const set = local.get(key) ?? new Set();
      set.add(stream);
      local.set(key, set);
      const close = async () => {
        set.delete(stream);
        if (set.size === 0) local.delete(key);
        if (local.size === 0 && housekeeping) {
          clearInterval(housekeeping);
          housekeeping = null;
        }
        await deps.db
          .execute(sql`delete from live_streams where id = ${stream.rowId}`)
          .catch((err: unknown) => deps.logger.warn({ err }, 'live stream row not removed'));
      };
      try {
        await deps.db.execute(sql`insert into live_streams (id, instance_id, topic, user_id)
          values (${stream.rowId}, ${instanceId}, ${topic}, ${userId})`);
        const missed =
          lastEventId === null
            ? []
            : await readEvents(sql`topic = ${topic} and user_id = ${userId} and id > ${lastEventId}`);
        const held = stream.pending!;
        stream.pending = null;
        for (const r of missed) deliver(stream, { id: r.id, type: r.type, data: r.data });
        for (const e of held.sort((a, b) => a.id - b.id)) deliver(stream, e);
      } catch (err) {
        await close();
        throw err;
      }
      if (!housekeeping) {
        housekeeping = setInterval(() => {
          refresh().catch((err: unknown) => deps.logger.warn({ err }, 'live streams not refreshed'));
        }, HOUSEKEEPING_MS);
        housekeeping.unref();
      }
      return { close };
    },

    localStreams: () => all().length,
  };
}

const hubs = new WeakMap<Database, LiveHub>();

/** The live hub of the instance built on `deps` (one per database opened). */
export function liveHubOf(deps: Pick<Deps, 'database' | 'db' | 'logger'>): LiveHub {
  let hub = hubs.get(deps.database);
  if (!hub) hubs.set(deps.database, (hub = createLiveHub(deps)));
  return hub;
}

interface ChangeListeners {
  instanceId: string;
  handlers: Map<string, Set<() => void>>;
  echoes: Map<string, () => void>;
  listening: Promise<unknown> | null;
}
const changeListeners = new WeakMap<Database, ChangeListeners>();

function changesOf(deps: Pick<Deps, 'database' | 'logger'>): ChangeListeners {
  let c = changeListeners.get(deps.database);
  if (!c) {
    const state: ChangeListeners = {
      instanceId: randomUUID(),
      handlers: new Map(),
      echoes: new Map(),
      listening: null,
    };
    const everything = () => {
      for (const set of state.handlers.values()) for (const h of set) h();
    };
    state.listening = deps.database
      .listen(
        CHANGE_CHANNEL,
        (payload) => {
          const [kind, nonce] = payload.split(' ');
          if (nonce) state.echoes.get(nonce)?.();
          for (const h of state.handlers.get(kind!) ?? []) h();
        },
        // Notices sent while the connection was away are lost: drop everything kept.
        everything,
      )
      .catch((err: unknown) => {
        deps.logger.warn({ err }, 'change notices not heard; caches expire on their own');
        state.listening = null;
      });
    changeListeners.set(deps.database, (c = state));
  }
  return c;
}

/** Calls `handler` whenever any instance announces a change of `kind` (this one included). */
export function onChange(deps: Pick<Deps, 'database' | 'logger'>, kind: string, handler: () => void): void {
  const c = changesOf(deps);
  const set = c.handlers.get(kind) ?? new Set();
  set.add(handler);
  c.handlers.set(kind, set);
}

/**
 * Tells every instance that things of `kind` changed. Resolves once this instance has heard its own
 * notice back (PostgreSQL signals every listening connection at the same commit), or after
 * ECHO_WAIT_MS — so the caller's answer goes out when the other instances have been told.
 */
export async function announceChange(deps: Pick<Deps, 'database' | 'db' | 'logger'>, kind: string) {
  if (!/^[a-z0-9_-]+$/.test(kind)) throw new Error(`bad change kind ${kind}`);
  const c = changesOf(deps);
  await c.listening;
  const nonce = randomUUID();
  let timer: NodeJS.Timeout | undefined;
  const heard = new Promise<void>((resolve) => {
    c.echoes.set(nonce, resolve);
    timer = setTimeout(resolve, ECHO_WAIT_MS);
  });
  try {
    await deps.db.execute(sql`select pg_notify(${CHANGE_CHANNEL}, ${`${kind} ${nonce}`})`);
    if (c.listening) await heard;
  } catch (err) {
    deps.logger.warn({ err }, 'change not announced');
  } finally {
    clearTimeout(timer);
    c.echoes.delete(nonce);
  }
}
