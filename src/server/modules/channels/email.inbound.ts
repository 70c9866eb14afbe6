/**
 * Inbound e-mail (IN-1, IN-2, IN-3): an account's mailbox read over IMAP, message by message in UID
 * order. Each message is taken in by one transaction that also moves the account's stored position
 * (UIDVALIDITY + last UID), so a process stopped anywhere leaves every message either fully taken
 * in or still to read — never half, never twice. A message seen again anyway (a renumbered
 * mailbox, the same mail delivered twice) is recognised by its Message-ID.
 *
 * New mail opens a ticket and a contact; a reply (In-Reply-To / References naming a message of the
 * thread) joins that ticket; the customer is the one this address was bound to — an unknown sender
 * becomes a customer draft (IN-3) from the sender's name and address, for an agent to complete or
 * to bind to the customer it really is; attachments go through the attachment checks; auto-replies
 * and bounces are counted and left alone.
 */
import { createHash } from 'node:crypto';
import { and, desc, eq, inArray, isNotNull } from 'drizzle-orm';
// imapflow and mailparser load on the first fetch, not at every start (an account may never be set up).
import type { ImapFlow, ImapFlowOptions } from 'imapflow';
import type { ParsedMail } from 'mailparser';
import { decideInbound } from '../../../domain/channels';
import { can } from '../../../domain/permissions';
import { isEndedState } from '../../../domain/tickets';
import type { TicketTypeCode } from '../../../domain/tickets/tickets.types';
import type { Actor, Deps } from '../../app/context';
import { AppError } from '../../app/errors';
import { uploadAttachment } from '../attachments/attachments.service';
import { logContact } from '../contacts/contacts.service';
import { createCustomer, findCustomerRow } from '../customers/customers.service';
import { findUnit } from '../org/org.service';
import { addNote, createTicket, getTicket } from '../tickets/tickets.service';
import { channelErrors } from './channels.errors';
import { channelAccounts, channelConversations, channelMessages } from './channels.table';
import { intakeActor, noteAccountError, secretsOf, type AccountRow } from './channels.usecases';
import {
  automatedKind,
  bareMessageId,
  firstUidToRead,
  formatPosition,
  parsePosition,
  threadReferences,
  type AutomatedKind,
} from './email.protocol';

export interface EmailSettings {
  address: string;
  displayName?: string | null;
  username: string;
  imapHost: string;
  imapPort: number;
  imapSecurity: 'tls' | 'starttls' | 'none';
  mailbox?: string;
  smtpHost: string;
  smtpPort: number;
  smtpSecurity: 'tls' | 'starttls' | 'none';
  pollSeconds?: number;
  autoTicket?: boolean;
  ticketType?: TicketTypeCode;
}

export const emailSettingsOf = (account: AccountRow) => account.settings as unknown as EmailSettings;

const TIMEOUT_MS = 20_000;

export async function imapClient(
  deps: Deps,
  account: AccountRow,
  extra: Partial<ImapFlowOptions> = {},
): Promise<ImapFlow> {
  const s = emailSettingsOf(account);
  const { ImapFlow } = await import('imapflow');
  return new ImapFlow({
    ...extra,
    host: s.imapHost,
    port: s.imapPort,
    secure: s.imapSecurity === 'tls',
    doSTARTTLS: s.imapSecurity === 'starttls' ? true : s.imapSecurity === 'none' ? false : undefined,
    auth: { user: s.username, pass: secretsOf(deps, account).password! },
    logger: false,
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: 5 * 60_000,
  });
}

export interface FetchResult {
  stored: number;
  duplicates: number;
  /** Auto-replies and bounces: read, counted, not taken in. */
  automated: number;
}

export interface FetchOptions {
  /** Called after each message is committed (the crash test stops the process here). */
  afterMessage?: (uid: number) => void | Promise<void>;
  /** At most this many messages in one pass (the rest wait for the next). */
  limit?: number;
}

/**
 * Reads the account's mailbox from the stored position. A server that cannot be reached or
 * refuses the login is written on the account (shown on the admin page) and thrown; the next pass
 * starts again where the last committed message left off.
 */
export async function fetchMailbox(
  deps: Deps,
  account: AccountRow,
  options: FetchOptions = {},
): Promise<FetchResult & { duplicates: number }> {
  const s = emailSettingsOf(account);
  const result: FetchResult = { stored: 0, duplicates: 0, automated: 0 };
  const client = await imapClient(deps, account);
  // A dropped connection is reported through the command that was waiting, not as a crash.
  client.on('error', (err: Error) =>
    deps.logger.warn({ accountId: account.id, err }, 'imap connection error'),
  );
  try {
    await client.connect();
    const lock = await client.getMailboxLock(s.mailbox ?? 'INBOX');
    try {
      await readNewMail(deps, account, client, options, result);
    } finally {
      lock.release();
    }
    await client.logout();
  } catch (err) {
    client.close();
    const message = (err as { responseText?: string }).responseText ?? (err as Error).message;
    await noteAccountError(deps.db, account.id, deps.clock.now(), `IMAP: ${message}`);
    throw channelErrors.vendorFailed({ error: message });
  }
  if (account.lastError?.startsWith('IMAP'))
    await noteAccountError(deps.db, account.id, deps.clock.now(), null);
  return result;
}

/**
 * Takes in the messages after the stored position from a connection whose mailbox is selected and
 * locked (the poll's own connection, or the IDLE watcher's).
 */
export async function readNewMail(
  deps: Deps,
  account: AccountRow,
  client: ImapFlow,
  options: FetchOptions = {},
  result: FetchResult = { stored: 0, duplicates: 0, automated: 0 },
): Promise<FetchResult> {
  const box = client.mailbox;
  if (!box) throw new Error('mailbox not selected');
  const uidValidity = String(box.uidValidity);
  const [row] = await deps.db.select().from(channelAccounts).where(eq(channelAccounts.id, account.id));
  const from = firstUidToRead(parsePosition(row?.syncCursor), uidValidity);
  const uids = ((await client.search({ uid: `${from}:*` }, { uid: true })) || [])
    .filter((uid) => uid >= from)
    .sort((a, b) => a - b)
    .slice(0, options.limit ?? 500);
  for (const uid of uids) {
    const msg = await client.fetchOne(String(uid), { source: true, uid: true }, { uid: true });
    if (!msg || !msg.source) continue;
    const outcome = await ingestMail(deps, account, uidValidity, uid, msg.source);
    if (outcome === 'stored') result.stored++;
    else if (outcome === 'duplicate') result.duplicates++;
    else if (outcome !== 'seen') result.automated++;
    await options.afterMessage?.(uid);
  }
  return result;
}

const header =
  (mail: ParsedMail) =>
  (name: string): string | null => {
    const line = mail.headerLines.find((h) => h.key === name);
    if (!line) return null;
    const i = line.line.indexOf(':');
    return i < 0 ? '' : line.line.slice(i + 1).trim();
  };

type Outcome = 'stored' | 'duplicate' | 'seen' | AutomatedKind;

/** Takes one message in, and moves the account's position past it, in one transaction. */
export async function ingestMail(
  deps: Deps,
  account: AccountRow,
  uidValidity: string,
  uid: number,
  source: Buffer,
): Promise<Outcome> {
  const s = emailSettingsOf(account);
  const { simpleParser } = await import('mailparser');
  const mail = await simpleParser(source, { skipImageLinks: true, skipTextToHtml: true });
  const fromAddress = mail.from?.value[0]?.address?.trim().toLowerCase() ?? null;
  const automated = automatedKind(header(mail), fromAddress);
  const messageId =
    bareMessageId(mail.messageId) ??
    `sha256.${createHash('sha256').update(source).digest('hex').slice(0, 40)}@kefu.missing-message-id`;
  const refs = threadReferences(mail.inReplyTo, mail.references);
  const actor = await intakeActor(deps, account);
  const now = deps.clock.now();
  const sentAt = mail.date && mail.date.getTime() < now.getTime() ? mail.date : now;
  const subject = (mail.subject ?? '').trim();
  const text = (mail.text ?? '').trim();

  return deps.db.transaction(async (tx) => {
    const inTx: Deps = { ...deps, db: tx };
    // The account row is the lock: one intake per mailbox at a time, whatever the instance.
    const [locked] = await tx
      .select()
      .from(channelAccounts)
      .where(eq(channelAccounts.id, account.id))
      .for('update');
    const stored = parsePosition(locked?.syncCursor);
    if (stored && stored.uidValidity === uidValidity && stored.uid >= uid) return 'seen';
    const advance = () =>
      tx
        .update(channelAccounts)
        .set({ syncCursor: formatPosition({ uidValidity, uid }) })
        .where(eq(channelAccounts.id, account.id));
    if (automated || !fromAddress) {
      deps.logger.info({ accountId: account.id, uid, kind: automated ?? 'no sender' }, 'e-mail not taken in');
      await advance();
      return automated ?? 'auto_reply';
    }
    const [already] = await tx
      .select({ id: channelMessages.id })
      .from(channelMessages)
      .innerJoin(channelConversations, eq(channelConversations.id, channelMessages.conversationId))
      .where(
        and(
          eq(channelConversations.accountId, account.id),
          eq(channelMessages.direction, 'inbound'),
          eq(channelMessages.providerMessageId, messageId),
        ),
      )
      .limit(1);
    if (already) {
      await advance();
      return 'duplicate';
    }

    await tx
      .insert(channelConversations)
      .values({ accountId: account.id, externalId: fromAddress, createdAt: now })
      .onConflictDoNothing();
    const [conv] = await tx
      .select()
      .from(channelConversations)
      .where(
        and(eq(channelConversations.accountId, account.id), eq(channelConversations.externalId, fromAddress)),
      )
      .for('update');

    let customerId = conv!.customerId;
    let ticketId: string | null = null;
    let contactId: string | null = null;
    const attachmentNotes: { fileName: string; kept: boolean; reason?: string }[] = [];
    if (actor) {
      // IN-3: the customer this address was bound to, here or on another mailbox, when the intake
      // person may see them.
      if (!customerId) customerId = await customerOfAddress(inTx, actor, fromAddress);
      // IN-3: an unknown sender starts a customer draft, flagged for an agent to complete.
      if (!customerId)
        customerId = await draftCustomerOf(
          inTx,
          actor,
          account.unitId,
          fromAddress,
          mail.from?.value[0]?.name,
        );
      // The ticket of the message this one answers, while it is open.
      let openTicketId: string | null = null;
      if (refs.length > 0) {
        const [parent] = await tx
          .select({ ticketId: channelMessages.ticketId })
          .from(channelMessages)
          .innerJoin(channelConversations, eq(channelConversations.id, channelMessages.conversationId))
          .where(
            and(
              eq(channelConversations.accountId, account.id),
              inArray(channelMessages.providerMessageId, refs),
              isNotNull(channelMessages.ticketId),
            ),
          )
          .orderBy(desc(channelMessages.occurredAt))
          .limit(1);
        if (parent?.ticketId) {
          const detail = await getTicket(inTx, actor, parent.ticketId).catch(() => null);
          if (detail && !isEndedState(detail.ticket.state)) openTicketId = detail.ticket.id;
        }
      }
      const summary = `${subject || '（无主题）'}${text ? `：${text}` : ''}`.slice(0, 500);
      const decision = decideInbound({ openTicketId, autoTicket: s.autoTicket ?? true });
      if (decision.kind === 'open_ticket') {
        const created = await createTicket(
          inTx,
          actor,
          {
            unitId: account.unitId,
            type: s.ticketType ?? 'consultation_direct',
            channel: 'email',
            subject: `邮件：${subject || '（无主题）'}`.slice(0, 200),
            description: (text || subject || '（空邮件 / empty e-mail）').slice(0, 5000),
            customerId,
          },
          null,
        );
        ticketId = created.ticketId;
      } else if (decision.kind === 'join_ticket') {
        ticketId = decision.ticketId;
        await addNote(
          inTx,
          actor,
          ticketId,
          `客户来信 / e-mail from ${fromAddress}: ${summary}`.slice(0, 4000),
        );
      }
      const contact = await logContact(inTx, actor, {
        unitId: account.unitId,
        customerId,
        channel: 'email',
        direction: 'inbound',
        occurredAt: sentAt.toISOString(),
        summary,
        ticketId,
      });
      contactId = contact.contact.id;
      if (ticketId) {
        for (const file of mail.attachments) {
          const fileName = file.filename ?? 'attachment';
          try {
            await uploadAttachment(inTx, actor, {
              subjectType: 'ticket',
              subjectId: ticketId,
              fileName,
              bytes: file.content,
            });
            attachmentNotes.push({ fileName, kept: true });
          } catch (err) {
            // A refused file (type, size, rights) is noted on the message; the mail is taken in.
            if (!(err instanceof AppError)) throw err;
            attachmentNotes.push({ fileName, kept: false, reason: err.code });
          }
        }
      }
    }
    await tx.insert(channelMessages).values({
      conversationId: conv!.id,
      direction: 'inbound',
      providerMessageId: messageId,
      kind: 'email',
      body: (text || subject).slice(0, 20_000),
      occurredAt: sentAt,
      contactId,
      ticketId,
      createdAt: now,
      meta: {
        subject,
        from: fromAddress,
        fromName: mail.from?.value[0]?.name ?? null,
        references: refs,
        attachments: attachmentNotes,
        uid,
      },
    });
    await tx
      .update(channelConversations)
      .set({ customerId, ticketId: ticketId ?? conv!.ticketId, lastInboundAt: sentAt })
      .where(eq(channelConversations.id, conv!.id));
    await advance();
    return 'stored';
  });
}

/**
 * A customer draft for an unknown sender: the name they sign with (else the address), the address in
 * the note, flagged `draft` like an unknown caller's (IN-3) so the agent sees 新客户（来自邮件） and
 * completes it, or binds the conversation to the customer it really is. None when the intake person
 * may not create customers in the mailbox's unit.
 */
async function draftCustomerOf(
  deps: Deps,
  actor: Actor,
  unitId: string,
  address: string,
  senderName: string | undefined,
): Promise<string | null> {
  const unit = await findUnit(deps.db, unitId);
  if (!unit || !can(actor.grants, 'customers.manage', unit.path)) return null;
  const name = (senderName?.trim() || address).slice(0, 100);
  const created = await createCustomer(deps, actor, {
    unitId,
    name,
    source: EMAIL_DRAFT_SOURCE,
    note: `来自邮件，待补全 / from e-mail, to complete: ${address}`.slice(0, 2000),
    draft: true,
  });
  return created.customer.id;
}

/** The customer source of a draft taken from an e-mail (shown as 来源 on the record). */
export const EMAIL_DRAFT_SOURCE = '邮件';

/** The customer an address was bound to on any e-mail conversation the intake person may read. */
async function customerOfAddress(deps: Deps, actor: Actor, address: string): Promise<string | null> {
  const rows = await deps.db
    .selectDistinct({ customerId: channelConversations.customerId })
    .from(channelConversations)
    .innerJoin(channelAccounts, eq(channelAccounts.id, channelConversations.accountId))
    .where(
      and(
        eq(channelAccounts.kind, 'email'),
        eq(channelConversations.externalId, address),
        isNotNull(channelConversations.customerId),
      ),
    )
    .limit(2);
  if (rows.length !== 1) return null;
  const customer = await findCustomerRow(deps.db, rows[0]!.customerId!);
  return customer && can(actor.grants, 'customers.read', customer.unitPath) ? customer.customer.id : null;
}
