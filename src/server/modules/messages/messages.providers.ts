/**
 * Where messages leave Kefu. Every provider gets the message's delivery key — the same key on
 * every attempt of one message — so a provider that deduplicates by it never sends twice even
 * when the worker crashed between sending and recording.
 */
import { createHmac } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { Config } from '../../app/config';
import type { Deps } from '../../app/context';
import type { MessageChannel } from '../../../domain/messages';

export interface DeliveryRequest {
  messageId: string;
  /** Stable for the message across attempts and restarts. */
  deliveryKey: string;
  channel: MessageChannel;
  to: string;
  subject: string | null;
  body: string;
  /** SMS gateways that send by template: the Kefu template code and the values it was filled with. */
  templateCode?: string | null;
  templateVariables?: Readonly<Record<string, string>> | null;
  /** E-mail only: files to attach (RPT-6 report workbooks). */
  attachments?: readonly { filename: string; contentType: string; contentBase64: string }[];
  unitId: string;
  /** The attempt's instant (signature timestamp). */
  now: Date;
}

export interface MessageProvider {
  /** Shown in the outbox: outbox, webhook, smtp. */
  name: string;
  /** False for the outbox provider: the message is only kept, nobody receives it. */
  sendsForReal: boolean;
  /** Resolves with the provider's message id; throws on failure (PermanentDeliveryError: no retry). */
  send(request: DeliveryRequest): Promise<{ providerMessageId: string | null }>;
  close?(): void;
}

/** The provider refused the message for good (bad number, rejected recipient): retrying cannot help. */
export class PermanentDeliveryError extends Error {}

export interface ProviderSet {
  sms: MessageProvider;
  email: MessageProvider;
}

/** The default: messages are kept and shown in the outbox, nothing leaves the server. */
export const outboxProvider: MessageProvider = {
  name: 'outbox',
  sendsForReal: false,
  send: (request) => Promise.resolve({ providerMessageId: `outbox-${request.messageId}` }),
};

/** Header names of the webhook contract (docs/api-messages.md). */
export const WEBHOOK_HEADERS = {
  signature: 'x-kefu-signature',
  timestamp: 'x-kefu-timestamp',
  idempotencyKey: 'idempotency-key',
} as const;

/** `sha256=<hex>` over `<timestamp>.<raw body>`, so a receiver can check both origin and freshness. */
export function webhookSignature(secret: string, timestamp: string, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;
}

/**
 * Generic HTTP webhook (an SMS gateway sits behind it): a JSON POST signed with HMAC-SHA256 and
 * carrying the delivery key as Idempotency-Key. 2xx is sent; 4xx other than 408/429 is refused
 * for good; anything else (5xx, timeout, connection refused) is retried.
 */
export function webhookProvider(options: {
  url: string;
  secret: string;
  timeoutMs?: number;
}): MessageProvider {
  return {
    name: 'webhook',
    sendsForReal: true,
    async send(request) {
      const timestamp = String(Math.floor(request.now.getTime() / 1000));
      const body = JSON.stringify({
        id: request.messageId,
        idempotencyKey: request.deliveryKey,
        channel: request.channel,
        to: request.to,
        subject: request.subject,
        text: request.body,
        unitId: request.unitId,
      });
      const res = await fetch(options.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          [WEBHOOK_HEADERS.idempotencyKey]: request.deliveryKey,
          [WEBHOOK_HEADERS.timestamp]: timestamp,
          [WEBHOOK_HEADERS.signature]: webhookSignature(options.secret, timestamp, body),
        },
        body,
        signal: AbortSignal.timeout(options.timeoutMs ?? 20_000),
      });
      const text = await res.text().catch(() => '');
      if (!res.ok) {
        const problem = `HTTP ${res.status} ${text.slice(0, 300)}`.trim();
        if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429)
          throw new PermanentDeliveryError(problem);
        throw new Error(problem);
      }
      let id: string | null = null;
      try {
        const parsed = JSON.parse(text) as { messageId?: unknown; id?: unknown };
        const candidate = parsed.messageId ?? parsed.id;
        if (typeof candidate === 'string' || typeof candidate === 'number') id = String(candidate);
      } catch {
        // a receiver need not answer JSON
      }
      return { providerMessageId: id };
    },
  };
}

/**
 * SMTP e-mail through nodemailer. The delivery key is the Message-ID, which mail systems use to
 * recognise the same message sent twice; a 5xx answer (mailbox unknown, refused) is final.
 */
export function smtpProvider(options: { url: string; from: string; timeoutMs?: number }): MessageProvider {
  const timeout = options.timeoutMs ?? 20_000;
  const transport = nodemailer.createTransport(options.url, {
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  } as Record<string, unknown>);
  return {
    name: 'smtp',
    sendsForReal: true,
    async send(request) {
      try {
        const info = await transport.sendMail({
          from: options.from,
          to: request.to,
          subject: request.subject ?? '',
          text: request.body,
          attachments: request.attachments?.map((a) => ({
            filename: a.filename,
            contentType: a.contentType,
            content: Buffer.from(a.contentBase64, 'base64'),
          })),
          messageId: `<${request.deliveryKey}@kefu>`,
          headers: { 'X-Kefu-Idempotency-Key': request.deliveryKey },
        });
        return { providerMessageId: info.messageId ?? null };
      } catch (err) {
        const code = (err as { responseCode?: number }).responseCode;
        if (code !== undefined && code >= 500 && code < 600)
          throw new PermanentDeliveryError((err as Error).message);
        throw err;
      }
    },
    close: () => transport.close(),
  };
}

/** The providers the configuration asks for. */
export function providersFromConfig(config: Config): ProviderSet {
  return {
    sms:
      config.smsProvider === 'webhook'
        ? webhookProvider({ url: config.smsWebhookUrl!, secret: config.smsWebhookSecret! })
        : outboxProvider,
    email:
      config.emailProvider === 'smtp'
        ? smtpProvider({ url: config.smtpUrl!, from: config.smtpFrom! })
        : outboxProvider,
  };
}

const cached = new WeakMap<Config, ProviderSet>();
/** One provider set per configuration, so the SMTP connection pool is reused across passes. */
export function providersOf(config: Config): ProviderSet {
  let set = cached.get(config);
  if (!set) {
    set = providersFromConfig(config);
    cached.set(config, set);
  }
  return set;
}

/**
 * SMS gateways configured in the admin UI (the channels module) take over SMS from the configured
 * provider; the gateway answers null when no unit has one, and the configured provider stays.
 */
type SmsGateway = (deps: Deps, fallback: MessageProvider) => Promise<MessageProvider | null>;
let smsGateway: SmsGateway | null = null;
export function registerSmsGateway(gateway: SmsGateway | null): void {
  smsGateway = gateway;
}
export async function withSmsGateway(deps: Deps, set: ProviderSet): Promise<ProviderSet> {
  const sms = smsGateway ? await smsGateway(deps, set.sms) : null;
  return sms ? { ...set, sms } : set;
}
