/**
 * WeChat customer service (微信客服): the callback (URL verification, signature check, decryption),
 * pulling the messages it announces with the sync_msg cursor, and replies with send_msg. A
 * conversation becomes a contact per message (IN-2) and, for a new conversation, a ticket linked to
 * the customer, matched by the phone number the customer types or bound once by an agent (IN-3).
 * Pictures and voices are downloaded (media/get) and kept as attachments on the ticket, through the
 * attachment checks (voices arrive as AMR).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { decideInbound, mobileInText, summaryOf, wechatPictureName } from '../../../domain/channels';
import { openCallback, WechatCryptoError, xmlField } from './channels.protocols';
import { isEndedState } from '../../../domain/tickets';
import type { Actor, Deps } from '../../app/context';
import type { Db } from '../../app/db';
import { can } from '../../../domain/permissions';
import { AppError } from '../../app/errors';
import { detectContentType, uploadAttachment } from '../attachments/attachments.service';
import { recordAudit } from '../audit/audit.service';
import { logContact } from '../contacts/contacts.service';
import { contacts } from '../contacts/contacts.table';
import { customers } from '../customers/customers.table';
import { tickets } from '../tickets/tickets.table';
import { findCustomerRow, findCustomersByPhone } from '../customers/customers.service';
import { assertCan } from '../org/org.service';
import { addNote, createTicket, getTicket } from '../tickets/tickets.service';
import type { TicketTypeCode as TicketType } from '../../../domain/tickets/tickets.types';
import { channelErrors } from './channels.errors';
import {
  conversationInScope,
  intakeActor,
  noteAccountError,
  secretsOf,
  type AccountRow,
} from './channels.usecases';
import { channelAccounts, channelConversations, channelMessages } from './channels.table';

const API_BASE = 'https://qyapi.weixin.qq.com';
const TIMEOUT_MS = 10_000;
/** WeChat customer service lets a business answer within 48 hours of the customer's last message. */
export const REPLY_WINDOW_MS = 48 * 3600_000;
/** access_token invalid (40014), expired (42001), bad secret (40001): fetched again once. */
const TOKEN_ERRORS = new Set([40001, 40014, 42001]);

interface KfSettings {
  corpId: string;
  openKfId: string;
  apiBase?: string | null;
  autoTicket?: boolean;
  ticketType?: TicketType;
}

interface KfMessage {
  msgid: string;
  open_kfid?: string;
  external_userid?: string;
  send_time?: number;
  origin?: number;
  msgtype: string;
  text?: { content?: string };
  image?: { media_id?: string };
  voice?: { media_id?: string };
}

/** What a picture or voice message brought: the file, or why it could not be had. */
type KfMedia = { fileName: string; bytes: Buffer } | { fileName: string; error: string };

/**
 * Downloads a message's picture or voice (media/get with the account's token). A token the server
 * rejects is fetched once more; a refusal for the media itself (expired after 3 days, unknown id)
 * answers the reason, kept on the message; the platform unreachable throws, so the sync stops and
 * the message is pulled again later — nothing lost.
 */
async function downloadMedia(
  account: AccountRow,
  corpSecret: string,
  msg: KfMessage,
): Promise<KfMedia | null> {
  const mediaId =
    msg.msgtype === 'image' ? msg.image?.media_id : msg.msgtype === 'voice' ? msg.voice?.media_id : null;
  if (!mediaId) return null;
  // voice_format 0 in sync_msg: voices come as AMR. A picture's name follows its bytes' type.
  const image = msg.msgtype === 'image';
  const fileName = image ? wechatPictureName(msg.msgid, null) : `微信语音-${msg.msgid}.amr`;
  const s = account.settings as unknown as KfSettings;
  for (let attempt = 0; ; attempt++) {
    const url = new URL('/cgi-bin/media/get', s.apiBase || API_BASE);
    url.searchParams.set('access_token', await accessToken(account, corpSecret, attempt > 0));
    url.searchParams.set('media_id', mediaId);
    const res = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    if (!res.ok) throw new Error(`media/get ${res.status}`);
    const bytes = Buffer.from(await res.arrayBuffer());
    const type = res.headers.get('content-type') ?? '';
    if (!type.includes('json'))
      return {
        fileName: image ? wechatPictureName(msg.msgid, await detectContentType(bytes)) : fileName,
        bytes,
      };
    const body = JSON.parse(bytes.toString('utf8')) as { errcode?: number; errmsg?: string };
    if (body.errcode && TOKEN_ERRORS.has(body.errcode) && attempt === 0) continue;
    return { fileName, error: `media/get errcode ${body.errcode}: ${body.errmsg ?? ''}` };
  }
}

const tokens = new Map<string, { token: string; expiresAt: number }>();

async function accessToken(account: AccountRow, corpSecret: string, force: boolean): Promise<string> {
  const s = account.settings as unknown as KfSettings;
  const cacheKey = `${account.id}:${account.updatedAt.getTime()}`;
  const cached = tokens.get(cacheKey);
  if (!force && cached && cached.expiresAt > Date.now()) return cached.token;
  const url = new URL('/cgi-bin/gettoken', s.apiBase || API_BASE);
  url.searchParams.set('corpid', s.corpId);
  url.searchParams.set('corpsecret', corpSecret);
  const res = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
  const body = (await res.json()) as {
    errcode?: number;
    errmsg?: string;
    access_token?: string;
    expires_in?: number;
  };
  if (!res.ok || body.errcode || !body.access_token)
    throw new Error(`gettoken ${res.status} errcode ${body.errcode}: ${body.errmsg ?? ''}`);
  // Renewed five minutes early so a token never runs out during a call.
  tokens.set(cacheKey, {
    token: body.access_token,
    expiresAt: Date.now() + ((body.expires_in ?? 7200) - 300) * 1000,
  });
  return body.access_token;
}

/** POST to the WeCom API with the access token; a token the server rejects is fetched once more. */
async function kfPost(account: AccountRow, corpSecret: string, path: string, payload: unknown) {
  const s = account.settings as unknown as KfSettings;
  for (let attempt = 0; ; attempt++) {
    const token = await accessToken(account, corpSecret, attempt > 0);
    const url = new URL(path, s.apiBase || API_BASE);
    url.searchParams.set('access_token', token);
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!res.ok) throw new Error(`${path} HTTP ${res.status}`);
    const body = (await res.json()) as Record<string, unknown> & { errcode?: number; errmsg?: string };
    if (body.errcode && TOKEN_ERRORS.has(body.errcode) && attempt === 0) continue;
    if (body.errcode) throw new Error(`${path} errcode ${body.errcode}: ${body.errmsg ?? ''}`);
    return body;
  }
}

function sameKey(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The account a callback URL names, when its key matches; otherwise the same 404 for every miss. */
export async function accountOfHook(
  deps: Deps,
  accountId: string,
  hookKey: string,
  kinds: readonly string[],
) {
  const [row] = /^[0-9a-f-]{36}$/.test(accountId)
    ? await deps.db.select().from(channelAccounts).where(eq(channelAccounts.id, accountId))
    : [];
  if (!row || !sameKey(row.hookKey, hookKey) || !kinds.includes(row.kind) || !row.enabled)
    throw channelErrors.hookUnknown();
  return row;
}

export interface CallbackQuery {
  msg_signature: string;
  timestamp: string;
  nonce: string;
  echostr?: string | undefined;
}

/**
 * A callback from WeCom: URL verification (echostr: answer its plaintext) or an event (the Encrypt
 * element of the XML body). A bad signature or a message for another CorpID is refused, counted and
 * logged on the account. A kf_msg_or_event pulls the new messages before answering.
 */
export async function handleCallback(
  deps: Deps,
  account: AccountRow,
  query: CallbackQuery,
  xml: string | null,
): Promise<string> {
  const s = account.settings as unknown as KfSettings;
  const secrets = secretsOf(deps, account);
  const encrypted = query.echostr ?? (xml ? xmlField(xml, 'Encrypt') : null);
  if (!encrypted) throw channelErrors.badSignature({ reason: 'no ciphertext' });
  let plain: string;
  try {
    plain = openCallback(
      { token: secrets.token!, encodingAesKey: secrets.encodingAesKey!, receiveId: s.corpId },
      { msgSignature: query.msg_signature, timestamp: query.timestamp, nonce: query.nonce },
      encrypted,
    );
  } catch (err) {
    if (!(err instanceof WechatCryptoError)) throw err;
    const now = deps.clock.now();
    await deps.db
      .update(channelAccounts)
      .set({
        refusedCallbacks: sql`${channelAccounts.refusedCallbacks} + 1`,
        lastError: `回调被拒收 / callback refused: ${err.reason}`,
        lastErrorAt: now,
      })
      .where(eq(channelAccounts.id, account.id));
    deps.logger.warn({ accountId: account.id, reason: err.reason }, 'wechat callback refused');
    throw channelErrors.badSignature({ reason: err.reason });
  }
  if (query.echostr) return plain;
  if (xmlField(plain, 'Event') === 'kf_msg_or_event') {
    await syncMessages(deps, account, xmlField(plain, 'Token'));
  }
  return 'success';
}

/**
 * Pulls every message since the stored cursor, page by page; the cursor is stored after each page,
 * and a message pulled twice (a crash between storing messages and the cursor) is stored once.
 */
export async function syncMessages(
  deps: Deps,
  account: AccountRow,
  callbackToken: string | null,
): Promise<{ stored: number; duplicates: number }> {
  const s = account.settings as unknown as KfSettings;
  const secrets = secretsOf(deps, account);
  const result = { stored: 0, duplicates: 0 };
  let cursor = (await deps.db.select().from(channelAccounts).where(eq(channelAccounts.id, account.id)))[0]
    ?.syncCursor;
  try {
    for (let page = 0; page < 100; page++) {
      const body = await kfPost(account, secrets.corpSecret!, '/cgi-bin/kf/sync_msg', {
        ...(cursor ? { cursor } : {}),
        ...(callbackToken ? { token: callbackToken } : {}),
        limit: 1000,
        voice_format: 0,
        open_kfid: s.openKfId,
      });
      for (const msg of (body.msg_list ?? []) as KfMessage[]) {
        // origin 3: the WeChat customer wrote; 4 system events, 5 a servicer in the WeCom client.
        if (msg.origin !== 3 || !msg.external_userid) continue;
        if (await ingestInbound(deps, account, msg)) result.stored++;
        else result.duplicates++;
      }
      cursor = (body.next_cursor as string | undefined) ?? cursor;
      await deps.db
        .update(channelAccounts)
        .set({ syncCursor: cursor ?? null })
        .where(eq(channelAccounts.id, account.id));
      if (!body.has_more) break;
    }
  } catch (err) {
    await noteAccountError(deps.db, account.id, deps.clock.now(), (err as Error).message);
    throw channelErrors.vendorFailed({ error: (err as Error).message });
  }
  if (account.lastError) await noteAccountError(deps.db, account.id, deps.clock.now(), null);
  return result;
}

/** One customer message: stored once, logged as a contact, put on the conversation's ticket. */
async function ingestInbound(deps: Deps, account: AccountRow, msg: KfMessage): Promise<boolean> {
  const s = account.settings as unknown as KfSettings;
  const now = deps.clock.now();
  const actor = await intakeActor(deps, account);
  const sentAt = msg.send_time ? new Date(Math.min(msg.send_time * 1000, now.getTime())) : now;
  const text = msg.msgtype === 'text' ? (msg.text?.content ?? '') : null;
  const summary = summaryOf(msg.msgtype, text);
  // Pictures and voices are fetched before the transaction (no network inside it), and only for a
  // message not stored yet.
  const [seen] = await deps.db
    .select({ id: channelMessages.id })
    .from(channelMessages)
    .where(
      and(
        eq(channelMessages.providerMessageId, msg.msgid),
        eq(channelMessages.direction, 'inbound'),
        inArray(
          channelMessages.conversationId,
          deps.db
            .select({ id: channelConversations.id })
            .from(channelConversations)
            .where(eq(channelConversations.accountId, account.id)),
        ),
      ),
    )
    .limit(1);
  const media = seen ? null : await downloadMedia(account, secretsOf(deps, account).corpSecret!, msg);
  return deps.db.transaction(async (tx) => {
    const inTx: Deps = { ...deps, db: tx };
    await tx
      .insert(channelConversations)
      .values({ accountId: account.id, externalId: msg.external_userid!, createdAt: now })
      .onConflictDoNothing();
    const [conv] = await tx
      .select()
      .from(channelConversations)
      .where(
        sql`${channelConversations.accountId} = ${account.id} and ${channelConversations.externalId} = ${msg.external_userid!}`,
      )
      .for('update');
    const [stored] = await tx
      .insert(channelMessages)
      .values({
        conversationId: conv!.id,
        direction: 'inbound',
        providerMessageId: msg.msgid,
        kind: msg.msgtype,
        body: text,
        occurredAt: sentAt,
        createdAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (!stored) return false;
    let customerId = conv!.customerId;
    let ticketId: string | null = null;
    let contactId: string | null = null;
    if (actor) {
      // IN-3: the number the customer types finds them, when it names exactly one customer.
      const phone = !customerId && text ? mobileInText(text) : null;
      if (phone) {
        const found = await findCustomersByPhone(inTx, actor, phone, 2).catch(() => []);
        if (found.length === 1) {
          customerId = found[0]!.customer.id;
          await linkEarlierToCustomer(tx, now, actor, conv!, account.unitId, customerId);
        }
      }
      let openTicketId: string | null = null;
      if (conv!.ticketId) {
        const detail = await getTicket(inTx, actor, conv!.ticketId).catch(() => null);
        if (detail && !isEndedState(detail.ticket.state)) openTicketId = detail.ticket.id;
      }
      const decision = decideInbound({ openTicketId, autoTicket: s.autoTicket ?? true });
      if (decision.kind === 'open_ticket') {
        const created = await createTicket(
          inTx,
          actor,
          {
            unitId: account.unitId,
            type: s.ticketType ?? 'consultation_direct',
            channel: 'im_wechat',
            subject: `微信客服：${summary}`.slice(0, 200),
            description: summary,
            customerId,
          },
          null,
        );
        ticketId = created.ticketId;
      } else if (decision.kind === 'join_ticket') {
        ticketId = decision.ticketId;
        await addNote(inTx, actor, ticketId, `微信客服新消息 / WeChat message: ${summary}`);
      }
      const contact = await logContact(inTx, actor, {
        unitId: account.unitId,
        customerId,
        channel: 'im_wechat',
        direction: 'inbound',
        occurredAt: sentAt.toISOString(),
        summary,
        ticketId,
      });
      contactId = contact.contact.id;
    }
    const attachments: { fileName: string; kept: boolean; reason?: string }[] = [];
    if (media && 'error' in media)
      attachments.push({ fileName: media.fileName, kept: false, reason: media.error });
    else if (media && actor && ticketId) {
      try {
        await uploadAttachment(inTx, actor, {
          subjectType: 'ticket',
          subjectId: ticketId,
          fileName: media.fileName,
          bytes: media.bytes,
        });
        attachments.push({ fileName: media.fileName, kept: true });
      } catch (err) {
        // A refused file (type, size, rights) is noted on the message; the message is taken in.
        if (!(err instanceof AppError)) throw err;
        attachments.push({ fileName: media.fileName, kept: false, reason: err.code });
      }
    }
    await tx
      .update(channelMessages)
      .set({ contactId, ticketId, ...(attachments.length > 0 ? { meta: { attachments } } : {}) })
      .where(eq(channelMessages.id, stored.id));
    await tx
      .update(channelConversations)
      .set({ customerId, ticketId: ticketId ?? conv!.ticketId, lastInboundAt: sentAt })
      .where(eq(channelConversations.id, conv!.id));
    return true;
  });
}

/**
 * IN-3: the customer gave the number that names them. The conversation's earlier tickets and
 * contacts, taken in before that and on no customer, become theirs; one audit entry says what moved.
 */
async function linkEarlierToCustomer(
  tx: Db,
  now: Date,
  actor: Actor,
  conv: typeof channelConversations.$inferSelect,
  unitId: string,
  customerId: string,
) {
  const moved = await moveConversationRecords(tx, conv, customerId, null);
  if (moved.tickets.size === 0 && moved.contacts.size === 0) return;
  await recordAudit(tx, now, actor, {
    action: 'channel.conversation_bound',
    subjectType: 'channel_conversation',
    subjectId: conv.id,
    unitId,
    before: { customerId: null },
    after: {
      customerId,
      by: 'phone',
      movedTickets: [...moved.tickets],
      movedContacts: moved.contacts.size,
    },
  });
}

/**
 * Moves the conversation's tickets and contacts that were on no customer (or on `previousId`, the
 * customer it was bound to before) to `customerId`; answers what moved.
 */
async function moveConversationRecords(
  tx: Db,
  conv: typeof channelConversations.$inferSelect,
  customerId: string,
  previousId: string | null,
): Promise<{ tickets: Set<string>; contacts: Set<string> }> {
  const ofConversation = await tx
    .selectDistinct({ ticketId: channelMessages.ticketId, contactId: channelMessages.contactId })
    .from(channelMessages)
    .where(eq(channelMessages.conversationId, conv.id));
  const ticketIds = [
    ...new Set([...ofConversation.map((m) => m.ticketId), conv.ticketId].filter((id) => id !== null)),
  ];
  const contactIds = [...new Set(ofConversation.map((m) => m.contactId).filter((id) => id !== null))];
  const wasTheirs = <T extends typeof tickets | typeof contacts>(t: T) =>
    previousId ? or(isNull(t.customerId), eq(t.customerId, previousId)) : isNull(t.customerId);
  const moved = { tickets: new Set<string>(), contacts: new Set<string>() };
  if (ticketIds.length > 0)
    for (const r of await tx
      .update(tickets)
      .set({ customerId })
      .where(and(inArray(tickets.id, ticketIds), wasTheirs(tickets)))
      .returning({ id: tickets.id }))
      moved.tickets.add(r.id);
  if (contactIds.length > 0)
    for (const r of await tx
      .update(contacts)
      .set({ customerId })
      .where(and(inArray(contacts.id, contactIds), wasTheirs(contacts)))
      .returning({ id: contacts.id }))
      moved.contacts.add(r.id);
  return moved;
}

/** An agent's reply: sent with send_msg and logged as an outbound contact on the same ticket. */
export async function replyToConversation(deps: Deps, actor: Actor, conversationId: string, text: string) {
  const { conv, account } = await conversationInScope(deps, actor, conversationId);
  const now = deps.clock.now();
  if (!conv.lastInboundAt || now.getTime() - conv.lastInboundAt.getTime() > REPLY_WINDOW_MS)
    throw channelErrors.nothingToReplyTo();
  const s = account.settings as unknown as KfSettings;
  const secrets = secretsOf(deps, account);
  const msgid = randomBytes(16).toString('hex');
  // Written and sent in one transaction: a refused send leaves no record of a reply that never went.
  return deps.db.transaction(async (tx) => {
    const inTx: Deps = { ...deps, db: tx };
    const contact = await logContact(inTx, actor, {
      unitId: account.unitId,
      customerId: conv.customerId,
      channel: 'im_wechat',
      direction: 'outbound',
      summary: summaryOf('text', text),
      ticketId: conv.ticketId,
    });
    const [row] = await tx
      .insert(channelMessages)
      .values({
        conversationId: conv.id,
        direction: 'outbound',
        providerMessageId: msgid,
        kind: 'text',
        body: text,
        occurredAt: now,
        contactId: contact.contact.id,
        ticketId: conv.ticketId,
        sentBy: actor.userId,
        createdAt: now,
      })
      .returning();
    try {
      await kfPost(account, secrets.corpSecret!, '/cgi-bin/kf/send_msg', {
        touser: conv.externalId,
        open_kfid: s.openKfId,
        msgid,
        msgtype: 'text',
        text: { content: text },
      });
    } catch (err) {
      await noteAccountError(deps.db, account.id, now, (err as Error).message);
      throw channelErrors.vendorFailed({ error: (err as Error).message });
    }
    return { id: row!.id };
  });
}

/**
 * Binds a conversation to a customer (the agent recognised them), e-mail or WeChat alike. The
 * conversation's tickets and contacts that were on no customer, or on the one it was bound to,
 * move to the customer chosen. When that was a draft (IN-3: made for an unknown sender), the
 * draft was this person: all its tickets, contacts and conversations move, and the draft is
 * removed when nothing else refers to it (and the agent may manage it), else kept. One audit entry.
 */
export async function bindConversation(deps: Deps, actor: Actor, conversationId: string, customerId: string) {
  const { conv, account } = await conversationInScope(deps, actor, conversationId);
  const customer = await findCustomerRow(deps.db, customerId);
  if (!customer) throw channelErrors.conversationNotFound();
  assertCan(actor, 'customers.read', customer.unitPath, channelErrors.conversationNotFound);
  const previousId = conv.customerId !== customerId ? conv.customerId : null;
  const previous = previousId ? await findCustomerRow(deps.db, previousId) : undefined;
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await tx.update(channelConversations).set({ customerId }).where(eq(channelConversations.id, conv.id));
    const moved = await moveConversationRecords(tx, conv, customerId, previousId);
    let draft: 'removed' | 'kept' | null = null;
    if (previous?.customer.draft && previousId) {
      for (const r of await tx
        .update(tickets)
        .set({ customerId })
        .where(eq(tickets.customerId, previousId))
        .returning({ id: tickets.id }))
        moved.tickets.add(r.id);
      for (const r of await tx
        .update(contacts)
        .set({ customerId })
        .where(eq(contacts.customerId, previousId))
        .returning({ id: contacts.id }))
        moved.contacts.add(r.id);
      await tx
        .update(channelConversations)
        .set({ customerId })
        .where(eq(channelConversations.customerId, previousId));
      draft = can(actor.grants, 'customers.manage', previous.unitPath)
        ? await removeUnreferenced(tx, previousId)
        : 'kept';
    }
    await recordAudit(tx, now, actor, {
      // Its own action per channel, so the trail says which (微信会话 / 邮件往来绑定客户).
      action: account.kind === 'email' ? 'channel.email_conversation_bound' : 'channel.conversation_bound',
      subjectType: 'channel_conversation',
      subjectId: conv.id,
      unitId: account.unitId,
      before: { customerId: conv.customerId, ...(draft ? { draftCustomer: previous!.customer.name } : {}) },
      after: {
        customerId,
        movedTickets: [...moved.tickets],
        movedContacts: moved.contacts.size,
        ...(draft ? { draft } : {}),
      },
    });
  });
}

/**
 * Deletes a draft customer whose tickets, contacts and conversations went to the real one: in a
 * savepoint, so anything else still referring to it (an order, a work order…) keeps it — 'kept'.
 */
async function removeUnreferenced(tx: Db, customerId: string): Promise<'removed' | 'kept'> {
  try {
    await tx.transaction(async (sp) => {
      await sp.delete(customers).where(eq(customers.id, customerId));
    });
    return 'removed';
  } catch (err) {
    const code = (err as { code?: string }).code ?? (err as { cause?: { code?: string } }).cause?.code;
    if (code === '23503') return 'kept';
    throw err;
  }
}
