import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { rowsOf } from '../../app/db';
import { createTestKefu, type HttpSession, type TestKefu } from '../../test/test-app';
import { buildOrganisation, createUser } from '../../test/factories';
import { channelAccounts } from './channels.table';
import { emailPeriodic } from './email.poller';
import { DOVECOT_BIN, startDovecot, type DovecotServer } from './email.test-servers';
import { MailboxWatchers, type WatchState } from './email.watcher';

function mail(id: string, subject: string, from = 'li@customer.example'): string {
  return [
    `From: 李女士 <${from}>`,
    'To: idle@anjia.example',
    `Subject: ${subject}`,
    `Message-ID: <${id}>`,
    'Date: Mon, 02 Mar 2026 09:00:00 +0800',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    '热水器不出热水',
    '',
  ].join('\r\n');
}

async function waitFor<T>(what: string, probe: () => Promise<T | null>, timeoutMs = 25_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== null) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.skipIf(!DOVECOT_BIN)('e-mail channel: IMAP IDLE against Dovecot', () => {
  let kefu: TestKefu;
  let admin: HttpSession;
  let org: Awaited<ReturnType<typeof buildOrganisation>>;
  let imap: DovecotServer;
  let plain: DovecotServer;
  const open: MailboxWatchers[] = [];

  // Every test connects an account of its own to the same mailbox: messages are counted per account.
  const ticketOf = async (accountId: string, messageId: string) =>
    rowsOf<{ ticket_id: string | null }>(
      await kefu.deps.db.execute(
        sql`select m.ticket_id from channel_messages m join channel_conversations c on c.id = m.conversation_id
            where c.account_id = ${accountId} and m.provider_message_id = ${messageId}`,
      ),
    );
  const ticketArrives = async (accountId: string, messageId: string) =>
    waitFor(
      `a ticket for ${messageId}`,
      async () => (await ticketOf(accountId, messageId))[0]?.ticket_id ?? null,
    );
  const stateBecomes = (w: MailboxWatchers, accountId: string, state: WatchState, timeoutMs = 25_000) =>
    waitFor(`watch state ${state}`, async () => (w.stateOf(accountId) === state ? true : null), timeoutMs);
  const watchers = () => {
    const w = new MailboxWatchers(kefu.deps);
    open.push(w);
    return w;
  };
  const connect = async (server: DovecotServer, name: string) => {
    const agentId = rowsOf<{ id: string }>(
      await kefu.deps.db.execute(sql`select id from users where username = 'idle_agent'`),
    )[0]!.id;
    const res = await admin.post('/api/v1/channels', {
      unitId: org.storeA.id,
      kind: 'email',
      name,
      intakeUserId: agentId,
      settings: {
        address: 'idle@anjia.example',
        username: server.user,
        imapHost: server.host,
        imapPort: server.port,
        imapSecurity: 'none',
        smtpHost: '127.0.0.1',
        smtpPort: 2525,
        smtpSecurity: 'none',
        // An hour: anything taken in sooner came by IDLE, not by a poll.
        pollSeconds: 3600,
      },
      secrets: { password: server.password },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const disable = (id: string) =>
    kefu.deps.db.update(channelAccounts).set({ enabled: false }).where(eq(channelAccounts.id, id));
  const leaseOf = async (id: string) =>
    (
      await kefu.deps.db
        .select({ watcher: channelAccounts.watcher })
        .from(channelAccounts)
        .where(eq(channelAccounts.id, id))
    )[0]!.watcher;

  beforeAll(async () => {
    kefu = await createTestKefu();
    admin = await kefu.login('admin');
    org = await buildOrganisation(admin);
    await createUser(admin, 'idle_agent', org.storeA.id, 'agent');
    imap = await startDovecot();
    plain = await startDovecot({ noIdle: true });
  });
  afterAll(async () => {
    for (const w of open) await w.close();
    await Promise.all([imap?.close(), plain?.close()]);
    await kefu?.close();
  });

  it('IN-1: a mail delivered while the mailbox idles becomes a ticket within seconds, not at the next poll (an hour away)', async () => {
    const accountId = await connect(imap, 'IDLE 邮箱');
    const a = watchers();
    expect((await a.sync()).map((x) => x.id)).toEqual([accountId]);
    await stateBecomes(a, accountId, 'idling');
    // Delivered after IDLE started: only the server's EXISTS announcement can bring it in.
    await new Promise((r) => setTimeout(r, 1000));
    await imap.deliver(mail('idle.1@customer.example', '热水器坏了'));
    const began = Date.now();
    const ticketId = await ticketArrives(accountId, 'idle.1@customer.example');
    const tookMs = Date.now() - began;
    // Nothing polls here (no pass runs, and the poll interval is an hour): only the server's EXISTS
    // announcement on the idling connection can have brought it in. Seconds, most of them the
    // intake itself on a loaded machine (2 cores shared); the bound leaves room for that load.
    expect(tookMs).toBeLessThan(20_000);
    console.info(`IDLE: delivered → ticket in ${tookMs} ms`);
    const t = rowsOf<{ channel: string }>(
      await kefu.deps.db.execute(sql`select channel from tickets where id = ${ticketId}`),
    );
    expect(t).toEqual([{ channel: 'email' }]);
    // A second mail on the same connection, and the poll pass leaves an idling mailbox alone.
    await imap.deliver(mail('idle.2@customer.example', '还有一个问题', 'zhao@customer.example'));
    const again = Date.now();
    await ticketArrives(accountId, 'idle.2@customer.example');
    console.info(`IDLE: second mail delivered → ticket in ${Date.now() - again} ms`);
    await a.close();
    expect(await leaseOf(accountId)).toBeNull();
    await disable(accountId);
  });

  it('IN-1: one instance watches a mailbox: a second one neither idles nor polls it, and takes over once the lease is given back or lapses', async () => {
    const accountId = await connect(imap, 'IDLE 邮箱（两台）');
    const a = watchers();
    const b = watchers();
    expect((await a.sync()).map((x) => x.id)).toContain(accountId);
    expect((await b.sync()).map((x) => x.id)).not.toContain(accountId);
    expect(b.stateOf(accountId)).toBeNull();
    expect(await leaseOf(accountId)).toBe(a.instanceId);
    await stateBecomes(a, accountId, 'idling');
    await imap.deliver(mail('pair.1@customer.example', '两台服务器'));
    await ticketArrives(accountId, 'pair.1@customer.example');
    expect(await ticketOf(accountId, 'pair.1@customer.example')).toHaveLength(1);

    // A stops and gives the lease back: B's next pass takes the mailbox over.
    await a.close();
    expect((await b.sync()).map((x) => x.id)).toContain(accountId);
    await stateBecomes(b, accountId, 'idling');
    await imap.deliver(mail('pair.2@customer.example', '接管之后'));
    await ticketArrives(accountId, 'pair.2@customer.example');

    // An instance that died holds a lease nobody renews: taken over once it lapses (15 s).
    await b.close();
    await kefu.deps.db
      .update(channelAccounts)
      .set({ watcher: 'dead-instance', watcherUntil: new Date(kefu.clock.now().getTime() + 15_000) })
      .where(eq(channelAccounts.id, accountId));
    const c = watchers();
    expect((await c.sync()).map((x) => x.id)).not.toContain(accountId);
    kefu.clock.advanceBy(16_000);
    expect((await c.sync()).map((x) => x.id)).toContain(accountId);
    await stateBecomes(c, accountId, 'idling');
    await c.close();
    await disable(accountId);
  });

  it('IN-1: the connection dropped (server killed) → reconnected with back-off, and what arrived meanwhile is taken in', async () => {
    const accountId = await connect(imap, 'IDLE 邮箱（断线）');
    const a = watchers();
    await a.sync();
    await stateBecomes(a, accountId, 'idling');
    await imap.stop();
    await stateBecomes(a, accountId, 'down');
    await imap.start();
    // Delivered at once on restart, perhaps before the watcher is back: the catch-up read finds it.
    await imap.deliver(mail('drop.1@customer.example', '断线期间来信'));
    await stateBecomes(a, accountId, 'idling', 30_000);
    await ticketArrives(accountId, 'drop.1@customer.example');
    await imap.deliver(mail('drop.2@customer.example', '重连之后来信'));
    await ticketArrives(accountId, 'drop.2@customer.example');
    expect(await ticketOf(accountId, 'drop.1@customer.example')).toHaveLength(1);
    await a.close();
    await disable(accountId);
  });

  it('IN-1: a server without IDLE is polled by the e-mail pass instead', async () => {
    const accountId = await connect(plain, '无 IDLE 邮箱');
    const a = watchers();
    await a.sync();
    await stateBecomes(a, accountId, 'polling');
    await plain.deliver(mail('poll.1@customer.example', '轮询取信'));
    // Nothing comes by itself…
    await new Promise((r) => setTimeout(r, 1500));
    expect(await ticketOf(accountId, 'poll.1@customer.example')).toEqual([]);
    await a.close();
    // …the worker's pass (this instance's own watchers) polls it.
    await emailPeriodic(kefu.deps);
    await ticketArrives(accountId, 'poll.1@customer.example');
    await disable(accountId);
  });
});
