/**
 * IMAP IDLE for the e-mail channel (IN-1): a mailbox whose server advertises IDLE is kept open on
 * one connection, and a message the server announces (EXISTS) is taken in at once rather than at
 * the next poll. A server without IDLE, or a watcher whose connection dropped (it connects again
 * after 1 s, doubling, at most 5 minutes), is polled meanwhile by the e-mail pass (email.poller.ts).
 *
 * One instance reads a mailbox at a time, whichever way: it holds a lease on the account row
 * (`watcher`, `watcher_until`), claimed like a scheduler job — taken when free or lapsed, renewed
 * every 5 s, lapsing after 15 s (JOB_LEASE_MS) — so a second instance neither idles on the mailbox
 * nor polls it, and takes it over within seconds when the first one dies. The intake itself
 * (ingestMail: the account row locked, the position and Message-ID checked) stays the guard against
 * a message taken in twice.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { ImapFlow } from 'imapflow';
import type { Deps } from '../../app/context';
import { JOB_LEASE_MS, JOB_LEASE_RENEW_MS } from '../../jobs/jobs.repository';
import { channelAccounts } from './channels.table';
import { noteAccountError, type AccountRow } from './channels.usecases';
import { emailSettingsOf, imapClient, readNewMail } from './email.inbound';
import { reconnectDelayMs } from './email.protocol';

/** connecting; idling (IDLE open); polling (the server has no IDLE); down (waiting to reconnect). */
export type WatchState = 'connecting' | 'idling' | 'polling' | 'down' | 'stopped';

/** IDLE is restarted this often (servers drop an IDLE left open for 30 minutes, RFC 2177). */
const MAX_IDLE_MS = 5 * 60_000;

/** One mailbox kept open by IDLE on one connection. */
class MailboxWatch {
  state: WatchState = 'connecting';
  private client: ImapFlow | null = null;
  private stopped = false;
  private failures = 0;
  private retry: NodeJS.Timeout | null = null;
  private reading: Promise<void> | null = null;
  private again = false;
  /** An IMAP error is shown on the admin page, to be cleared by the next good read. */
  private errorShown: boolean;

  constructor(
    private readonly deps: Deps,
    private readonly account: AccountRow,
  ) {
    this.errorShown = account.lastError?.startsWith('IMAP') ?? false;
  }

  private get mailbox(): string {
    return emailSettingsOf(this.account).mailbox ?? 'INBOX';
  }

  start(): void {
    void this.connect();
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    this.state = 'connecting';
    const { deps, account } = this;
    // IDLE starts half a second after the last command, so an answer never waits long for it.
    const client = await imapClient(deps, account, { autoIdleDelay: 500, maxIdleTime: MAX_IDLE_MS });
    this.client = client;
    client.on('error', (err: Error) => deps.logger.warn({ accountId: account.id, err }, 'imap idle error'));
    client.on('close', () => this.dropped(client));
    client.on('exists', () => void this.read());
    try {
      await client.connect();
      if (this.stopped || this.client !== client) return void client.close();
      if (!client.capabilities.has('IDLE')) {
        // Polled by the e-mail pass instead; this connection is not kept.
        this.state = 'polling';
        this.client = null;
        await client.logout().catch(() => client.close());
        return;
      }
      await client.mailboxOpen(this.mailbox);
      this.state = 'idling';
      this.failures = 0;
      deps.logger.info({ accountId: account.id }, 'mailbox watched by IMAP IDLE');
      // What arrived while nobody watched (since the last poll or before a reconnect).
      await this.read();
    } catch (err) {
      const message = (err as { responseText?: string }).responseText ?? (err as Error).message;
      this.errorShown = true;
      await noteAccountError(deps.db, account.id, deps.clock.now(), `IMAP: ${message}`).catch(() => {});
      client.close();
      this.dropped(client);
    }
  }

  /** The connection is gone: connect again after a growing wait (the mailbox is polled meanwhile). */
  private dropped(client: ImapFlow): void {
    if (client !== this.client) return;
    this.client = null;
    if (this.stopped) return;
    this.failures++;
    this.state = 'down';
    const wait = reconnectDelayMs(this.failures);
    this.deps.logger.warn({ accountId: this.account.id, failures: this.failures, wait }, 'imap idle dropped');
    this.retry = setTimeout(() => void this.connect(), wait);
  }

  /** Takes in what is new; an announcement during a read makes the read go round once more. */
  read(): Promise<void> {
    if (this.reading) {
      this.again = true;
      return this.reading;
    }
    const { deps, account } = this;
    this.reading = (async () => {
      do {
        this.again = false;
        const client = this.client;
        if (!client || !client.usable || this.stopped) return;
        const lock = await client.getMailboxLock(this.mailbox);
        try {
          const r = await readNewMail(deps, account, client);
          if (r.stored + r.duplicates + r.automated > 0)
            deps.logger.info({ accountId: account.id, ...r }, 'mail taken in on IDLE');
        } finally {
          lock.release();
        }
      } while (this.again && !this.stopped);
      if (this.errorShown) {
        this.errorShown = false;
        await noteAccountError(deps.db, account.id, deps.clock.now(), null);
      }
    })()
      .catch((err: unknown) => {
        // Anything failed mid-read: the connection is dropped and made again; nothing was half-taken.
        deps.logger.warn({ accountId: account.id, err }, 'mail not read on IDLE');
        this.client?.close();
      })
      .finally(() => {
        this.reading = null;
      });
    return this.reading;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.state = 'stopped';
    if (this.retry) clearTimeout(this.retry);
    const client = this.client;
    this.client = null;
    await this.reading;
    if (client) await client.logout().catch(() => client.close());
  }
}

/** What a watcher's settings are: a change (new server, new password) means a new connection. */
const fingerprintOf = (a: AccountRow) => `${a.updatedAt.getTime()}:${JSON.stringify(a.settings)}`;

/** The IDLE watchers of one server instance, each under its lease on the account. */
export class MailboxWatchers {
  readonly instanceId = randomUUID();
  private readonly watches = new Map<string, { watch: MailboxWatch; fingerprint: string }>();
  private renewal: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(private readonly deps: Deps) {}

  /**
   * Claims or renews the lease of each enabled mailbox not read by another instance, watches each
   * one claimed, and stops watching those lost, disabled or changed. Answers the accounts this
   * instance reads (by IDLE, or by polling when IDLE is not to be had).
   */
  async sync(): Promise<AccountRow[]> {
    if (this.closed) return [];
    const accounts = await this.deps.db
      .select()
      .from(channelAccounts)
      .where(and(eq(channelAccounts.kind, 'email'), eq(channelAccounts.enabled, true)));
    const mine: AccountRow[] = [];
    for (const account of accounts) if (await this.claim(account.id)) mine.push(account);
    for (const [id, w] of this.watches) {
      const now = mine.find((a) => a.id === id);
      if (!now || fingerprintOf(now) !== w.fingerprint) {
        this.watches.delete(id);
        await w.watch.stop();
      }
    }
    for (const account of mine) {
      if (this.watches.has(account.id) || this.closed) continue;
      const watch = new MailboxWatch(this.deps, account);
      this.watches.set(account.id, { watch, fingerprint: fingerprintOf(account) });
      watch.start();
    }
    if (this.watches.size > 0 && !this.renewal)
      this.renewal = setInterval(() => void this.renew(), JOB_LEASE_RENEW_MS);
    return mine;
  }

  /** The state of this instance's watch of the mailbox, if it watches it. */
  stateOf(accountId: string): WatchState | null {
    return this.watches.get(accountId)?.watch.state ?? null;
  }

  /** Takes the lease when free, lapsed or already ours; false while another instance holds it. */
  private async claim(accountId: string): Promise<boolean> {
    const now = this.deps.clock.now();
    const rows = await this.deps.db
      .update(channelAccounts)
      .set({ watcher: this.instanceId, watcherUntil: new Date(now.getTime() + JOB_LEASE_MS) })
      .where(
        and(
          eq(channelAccounts.id, accountId),
          or(
            isNull(channelAccounts.watcher),
            eq(channelAccounts.watcher, this.instanceId),
            lt(channelAccounts.watcherUntil, now),
          ),
        ),
      )
      .returning({ id: channelAccounts.id });
    return rows.length > 0;
  }

  private async renew(): Promise<void> {
    for (const [id, w] of this.watches) {
      const held = await this.claim(id).catch((err: unknown) => {
        this.deps.logger.warn({ accountId: id, err }, 'mailbox lease not renewed');
        return true;
      });
      if (!held && this.watches.get(id) === w) {
        // Another instance took the mailbox over (this one was stalled past the lease).
        this.watches.delete(id);
        await w.watch.stop();
      }
    }
  }

  /** Stops every watch and gives the leases back, so another instance takes over at once. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.renewal) clearInterval(this.renewal);
    this.renewal = null;
    const all = [...this.watches.values()];
    this.watches.clear();
    await Promise.all(all.map((w) => w.watch.stop()));
    await this.deps.db
      .update(channelAccounts)
      .set({ watcher: null, watcherUntil: null })
      .where(eq(channelAccounts.watcher, this.instanceId))
      .catch((err: unknown) => this.deps.logger.warn({ err }, 'mailbox leases not given back'));
  }
}

const perDatabase = new WeakMap<object, MailboxWatchers>();

/** This instance's watchers on the database `deps` opened. */
export function mailboxWatchersOf(deps: Deps): MailboxWatchers {
  let w = perDatabase.get(deps.database);
  if (!w) perDatabase.set(deps.database, (w = new MailboxWatchers(deps)));
  return w;
}

/** At shutdown: the watches closed and their leases given back. */
export async function closeMailboxWatchers(deps: Pick<Deps, 'database'>): Promise<void> {
  const w = perDatabase.get(deps.database);
  perDatabase.delete(deps.database);
  await w?.close();
}
