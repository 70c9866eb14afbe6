/**
 * Real mail servers for the e-mail channel's tests: Dovecot (the Debian package dovecot-imapd)
 * started with a configuration of its own in a temporary directory — 127.0.0.1 on a free port,
 * passwd-file login, maildir, IDLE offered unless asked not to — and an SMTP receiver (smtp-server) that asks for a login and keeps
 * what it is given. Messages reach the IMAP mailbox by APPEND, as a delivery agent would put them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ImapFlow } from 'imapflow';
import { SMTPServer } from 'smtp-server';

export const DOVECOT_BIN = ['/usr/sbin/dovecot', '/usr/local/sbin/dovecot'].find((p) => fs.existsSync(p));

async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const { port } = srv.address() as AddressInfo;
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`nothing listens on ${port}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** uid and gid of a system account, from /etc/passwd. */
function systemUser(name: string): { uid: number; gid: number } | null {
  const line = fs
    .readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}:`));
  if (!line) return null;
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

export interface DovecotServer {
  host: string;
  port: number;
  user: string;
  password: string;
  /** Puts a raw message into the user's INBOX (IMAP APPEND); resolves with its UID. */
  deliver(raw: string): Promise<void>;
  stop(): Promise<void>;
  /** Starts again on the same port with the same mail (after stop). */
  start(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Dovecot as the current user. Dovecot's login processes refuse to run as root, so under root (a
 * CI container) the unprivileged accounts the package creates (dovenull, dovecot) are used and the
 * mail directory is given to them.
 */
export async function startDovecot(options: { noIdle?: boolean } = {}): Promise<DovecotServer> {
  if (!DOVECOT_BIN) throw new Error('dovecot is not installed (apt-get install dovecot-imapd)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kefu-dovecot-'));
  fs.chmodSync(dir, 0o755);
  const me = os.userInfo();
  const root = me.uid === 0;
  const mailOwner = root ? systemUser('dovecot') : { uid: me.uid, gid: me.gid };
  if (!mailOwner) throw new Error('the dovecot system account is missing');
  const group = root
    ? 'dovecot'
    : (fs
        .readFileSync('/etc/group', 'utf8')
        .split('\n')
        .find((l) => l.split(':')[2] === String(me.gid))
        ?.split(':')[0] ?? me.username);
  const port = await freePort();
  const user = 'service';
  const password = 'mail-password-never-shown';
  fs.mkdirSync(path.join(dir, 'mail'));
  if (root) fs.chownSync(path.join(dir, 'mail'), mailOwner.uid, mailOwner.gid);
  fs.writeFileSync(path.join(dir, 'passwd'), `${user}:{PLAIN}${password}::::::\n`);
  fs.writeFileSync(
    path.join(dir, 'dovecot.conf'),
    `base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = ${root ? 'dovecot' : me.username}
default_internal_group = ${group}
default_login_user = ${root ? 'dovenull' : me.username}
first_valid_uid = ${mailOwner.uid}
first_valid_gid = ${mailOwner.gid}
mail_location = maildir:${dir}/mail/%u
${
  // A server that does not offer IDLE (the watcher falls back to polling).
  options.noIdle ? 'imap_capability = IMAP4rev1 LITERAL+ SASL-IR ID ENABLE UIDPLUS NAMESPACE UNSELECT\n' : ''
}passdb {
  driver = passwd-file
  args = scheme=PLAIN ${dir}/passwd
}
userdb {
  driver = static
  args = uid=${mailOwner.uid} gid=${mailOwner.gid} home=${dir}/mail/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
  chroot =
}
service anvil {
  chroot =
}
`,
  );
  let child: ChildProcess | null = null;
  const start = async () => {
    fs.rmSync(path.join(dir, 'run', 'master.pid'), { force: true });
    // Its own process group, so stopping it kills the IMAP processes serving open connections too.
    const proc = spawn(DOVECOT_BIN, ['-F', '-c', path.join(dir, 'dovecot.conf')], {
      stdio: 'ignore',
      detached: true,
    });
    child = proc;
    try {
      await waitForPort(port, 10_000);
    } catch (err) {
      const log = fs.existsSync(path.join(dir, 'dovecot.log'))
        ? fs.readFileSync(path.join(dir, 'dovecot.log'), 'utf8')
        : '';
      throw new Error(`${(err as Error).message}\n${log}`, { cause: err });
    }
  };
  const stop = async () => {
    const proc = child;
    child = null;
    if (!proc || proc.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    // Killed, not shut down: connections in the middle of a fetch are cut.
    process.kill(-proc.pid!, 'SIGKILL');
    await exited;
    // The master is gone; its children close their sockets just after.
    for (let i = 0; i < 50; i++) {
      const listening = await new Promise<boolean>((resolve) => {
        const s = net.connect(port, '127.0.0.1');
        s.once('connect', () => {
          s.destroy();
          resolve(true);
        });
        s.once('error', () => resolve(false));
      });
      if (!listening) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  await start();
  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    async deliver(raw) {
      const client = new ImapFlow({
        host: '127.0.0.1',
        port,
        secure: false,
        doSTARTTLS: false,
        auth: { user, pass: password },
        logger: false,
      });
      await client.connect();
      try {
        await client.append('INBOX', Buffer.from(raw.replace(/\r?\n/g, '\r\n')));
      } finally {
        await client.logout();
      }
    },
    stop,
    start,
    async close() {
      await stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  header(name: string): string | null;
}

export interface SmtpReceiver {
  port: number;
  user: string;
  password: string;
  mails: ReceivedMail[];
  logins: number;
  close(): Promise<void>;
}

/** An SMTP server on 127.0.0.1 that takes a login (PLAIN/LOGIN) and keeps every message. */
export async function startSmtpReceiver(port = 0): Promise<SmtpReceiver> {
  const user = 'service';
  const password = 'mail-password-never-shown';
  const receiver = { mails: [] as ReceivedMail[], logins: 0 };
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username !== user || auth.password !== password) {
        callback(new Error('535 authentication failed'));
        return;
      }
      receiver.logins++;
      callback(null, { user });
    },
    onData(stream, session, callback) {
      let raw = '';
      stream.setEncoding('utf8');
      stream.on('data', (c: string) => (raw += c));
      stream.on('end', () => {
        const head = raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ');
        receiver.mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
          header: (name) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head)?.[1]?.trim() ?? null,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port: (server.server.address() as AddressInfo).port,
    user,
    password,
    get mails() {
      return receiver.mails;
    },
    get logins() {
      return receiver.logins;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
