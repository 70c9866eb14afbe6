import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../app/db';
import { createTestKefu, type TestKefu } from '../../test/test-app';
import { buildOrganisation, createUser } from '../../test/factories';
import { testDatabaseUrl, testingOnPostgres, withDatabase } from '../../test/test-database-paths';
import { DOVECOT_BIN, startDovecot, type DovecotServer } from './email.test-servers';

/**
 * IN-1 crash test for inbound e-mail: a real reader process SIGKILLed at random moments while it
 * fetches from Dovecot, started again each time; at the end every message is in exactly one
 * ticket, none twice, none lost. PostgreSQL only: a second process cannot open the embedded
 * database the test holds.
 */
const MAILS = 60;
const root = path.resolve(import.meta.dirname, '../../../..');
const children: ChildProcess[] = [];

describe.skipIf(!testingOnPostgres() || !DOVECOT_BIN)(
  'crash test: SIGKILLed mailbox readers (PostgreSQL)',
  () => {
    let kefu: TestKefu | undefined;
    let imap: DovecotServer | undefined;
    afterAll(async () => {
      for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
      await imap?.close();
      await kefu?.close();
    });

    it('IN-1: every one of 60 mails ends in exactly one ticket across random SIGKILLs of the reader', async () => {
      kefu = await createTestKefu();
      imap = await startDovecot();
      const admin = await kefu.login('admin');
      const org = await buildOrganisation(admin);
      const intake = await createUser(admin, 'crash_mail_agent', org.storeA.id, 'agent');
      const res = await admin.post('/api/v1/channels', {
        unitId: org.storeA.id,
        kind: 'email',
        name: '客服邮箱（崩溃测试）',
        intakeUserId: intake.id,
        enabled: false,
        settings: {
          address: 'service@anjia.example',
          username: imap.user,
          imapHost: imap.host,
          imapPort: imap.port,
          imapSecurity: 'none',
          smtpHost: '127.0.0.1',
          smtpPort: 25,
          smtpSecurity: 'none',
        },
        secrets: { password: imap.password },
      });
      expect(res.statusCode, res.body).toBe(201);
      for (let i = 0; i < MAILS; i++)
        await imap.deliver(
          [
            `From: c${i}@customer.example`,
            'To: service@anjia.example',
            `Subject: 报修 ${i}`,
            `Message-ID: <kill.${i}@customer.example>`,
            '',
            `第 ${i} 封`,
            '',
          ].join('\r\n'),
        );
      const [{ name }] = rowsOf<{ name: string }>(
        await kefu.deps.db.execute(sql`select current_database() as name`),
      ) as [{ name: string }];
      const env = {
        ...process.env,
        DATABASE_URL: withDatabase(testDatabaseUrl()!, name),
        KEFU_DATA_DIR: kefu.deps.config.dataDir,
        KEFU_LOG_LEVEL: 'silent',
        ACCOUNT_ID: res.json().id as string,
      };
      const stored = async () =>
        rowsOf<{ n: number }>(
          await kefu!.deps.db.execute(
            sql`select count(*)::int as n from channel_messages where provider_message_id like 'kill.%'`,
          ),
        )[0]!.n;
      let kills = 0;
      let killedMidWork = 0;
      const deadline = Date.now() + 240_000;
      let done = 0;
      while (done < MAILS && Date.now() < deadline) {
        const child = spawn(
          process.execPath,
          ['--import', 'tsx', 'src/server/modules/channels/email.crash-worker.ts'],
          {
            cwd: root,
            env,
            stdio: ['ignore', 'pipe', 'pipe'],
          },
        );
        children.push(child);
        let err = '';
        child.stderr!.on('data', (d) => (err += d));
        const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
        await new Promise<void>((resolve, reject) => {
          child.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
          child.on('exit', (code) => code !== null && reject(new Error(`reader exited ${code}: ${err}`)));
        });
        if (kills < 6) {
          // Kill it once it has taken at least one more mail in, at a random moment after that.
          const before = await stored();
          while ((await stored()) === before && Date.now() < deadline)
            await new Promise((r) => setTimeout(r, 50));
          await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 400)));
          child.kill('SIGKILL');
          await exited;
          kills += 1;
          done = await stored();
          if (done < MAILS) killedMidWork += 1;
        } else {
          while ((done = await stored()) < MAILS && Date.now() < deadline)
            await new Promise((r) => setTimeout(r, 200));
          child.kill('SIGKILL');
          await exited;
        }
      }
      expect(done).toBe(MAILS);
      expect(killedMidWork).toBeGreaterThanOrEqual(3);
      const perMail = rowsOf<{ n: number; tickets: number }>(
        await kefu.deps.db.execute(sql`
        select count(*)::int as n, count(distinct ticket_id)::int as tickets
        from channel_messages where provider_message_id like 'kill.%' group by provider_message_id`),
      );
      expect(perMail).toHaveLength(MAILS);
      expect(perMail.every((r) => r.n === 1 && r.tickets === 1)).toBe(true);
      const tickets = rowsOf<{ n: number }>(
        await kefu.deps.db.execute(sql`select count(*)::int as n from tickets where channel = 'email'`),
      )[0]!.n;
      expect(tickets).toBe(MAILS);
      console.info(`e-mail crash test: ${kills} kills, ${killedMidWork} in the middle of the mailbox`);
    }, 300_000);
  },
);
