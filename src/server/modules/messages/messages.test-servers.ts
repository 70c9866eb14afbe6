/**
 * Local receivers the delivery tests send to: an HTTP webhook that checks the signature and
 * deduplicates by Idempotency-Key like a real SMS gateway, and an SMTP server (smtp-server) that
 * records each mail's Message-ID. Test helpers only.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { timingSafeEqual } from 'node:crypto';
import { SMTPServer } from 'smtp-server';
import { WEBHOOK_HEADERS, webhookSignature } from './messages.providers';

export interface WebhookReceiver {
  url: string;
  /** Every accepted post in order, duplicates included. */
  posts: { key: string; body: Record<string, unknown> }[];
  /** Distinct keys accepted: what the customer's phone would have received. */
  delivered: Map<string, Record<string, unknown>>;
  badSignatures: number;
  /** Answers the next n requests with this status before accepting again. */
  failNext(status: number, n?: number): void;
  close(): Promise<void>;
}

/**
 * `delayMs`: how long the gateway takes per message before it answers (a slow gateway);
 * `failRate`: the share of posts answered 503 at random, before anything is kept (a flaky one).
 */
export async function startWebhookReceiver(
  secret: string,
  options: { delayMs?: number; failRate?: number } = {},
): Promise<WebhookReceiver> {
  const receiver = {
    posts: [] as WebhookReceiver['posts'],
    delivered: new Map<string, Record<string, unknown>>(),
    badSignatures: 0,
    failures: [] as number[],
  };
  const server = http.createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (raw += c));
    req.on('end', () => void answer());
    const answer = async () => {
      if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
      if (options.failRate && Math.random() < options.failRate) {
        res.writeHead(503).end('gateway busy');
        return;
      }
      const timestamp = String(req.headers[WEBHOOK_HEADERS.timestamp] ?? '');
      const given = Buffer.from(String(req.headers[WEBHOOK_HEADERS.signature] ?? ''));
      const expected = Buffer.from(webhookSignature(secret, timestamp, raw));
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        receiver.badSignatures += 1;
        res.writeHead(401).end('bad signature');
        return;
      }
      const status = receiver.failures.shift();
      if (status) {
        res.writeHead(status).end('try later');
        return;
      }
      const key = String(req.headers[WEBHOOK_HEADERS.idempotencyKey] ?? '');
      const body = JSON.parse(raw) as Record<string, unknown>;
      receiver.posts.push({ key, body });
      if (!receiver.delivered.has(key)) receiver.delivered.set(key, body);
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ messageId: `gw-${key}` }));
    };
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`,
    get posts() {
      return receiver.posts;
    },
    get delivered() {
      return receiver.delivered;
    },
    get badSignatures() {
      return receiver.badSignatures;
    },
    failNext(status, n = 1) {
      for (let i = 0; i < n; i++) receiver.failures.push(status);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface SmtpReceiver {
  url: string;
  mails: { messageId: string; to: string[]; raw: string }[];
  /** Recipients answered 550 (mailbox unknown). */
  rejected: Set<string>;
  close(): Promise<void>;
}

export async function startSmtpReceiver(): Promise<SmtpReceiver> {
  const mails: SmtpReceiver['mails'] = [];
  const rejected = new Set<string>();
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (rejected.has(address.address)) {
        const err = new Error('mailbox unavailable') as Error & { responseCode: number };
        err.responseCode = 550;
        callback(err);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      let raw = '';
      stream.setEncoding('utf8');
      stream.on('data', (c: string) => (raw += c));
      stream.on('end', () => {
        const messageId = /^Message-ID:\s*(.+)$/im.exec(raw)?.[1]?.trim() ?? '';
        mails.push({ messageId, to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    rejected,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
