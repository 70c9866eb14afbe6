/**
 * The e-mail channel's rules that need no connection: Message-ID threading, recognising
 * auto-replies and bounces (RFC 3834, RFC 6522), the IMAP position stored per account and the
 * back-off of a server that does not answer.
 */

/** A Message-ID without its angle brackets and white space ("<a@b>" → "a@b"). */
export function bareMessageId(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const m = /<([^<>\s]+)>/.exec(raw);
  const id = (m ? m[1]! : raw).trim();
  return id.length > 0 && id.length <= 900 ? id : null;
}

/** Every Message-ID a header names (References holds several, space-separated). */
export function messageIdsIn(value: string | readonly string[] | null | undefined): string[] {
  if (!value) return [];
  const text = typeof value === 'string' ? value : value.join(' ');
  const found = [...text.matchAll(/<([^<>\s]+)>/g)].map((m) => m[1]!);
  if (found.length > 0) return found;
  return text
    .split(/\s+/)
    .map((s) => s.trim())
    .filter((s) => s.includes('@'));
}

/**
 * The messages a reply refers to, nearest first: In-Reply-To, then References from the end (the
 * last one is the message answered, the first the start of the thread).
 */
export function threadReferences(
  inReplyTo: string | null | undefined,
  references: string | readonly string[] | null | undefined,
): string[] {
  const ids = [...messageIdsIn(inReplyTo ?? null), ...messageIdsIn(references ?? null).reverse()];
  return [...new Set(ids)].slice(0, 50);
}

/** Headers as lower-case names to text, as a parsed message gives them. */
export type HeaderLookup = (name: string) => string | null;

export type AutomatedKind = 'auto_reply' | 'bounce';

/**
 * Mail no person wrote, which must not open a ticket (and must never be answered, or two
 * auto-responders write to each other forever): delivery reports and bounces (multipart/report,
 * MAILER-DAEMON, an empty return path) and auto-replies (Auto-Submitted other than "no",
 * X-Autoreply / X-Autorespond, Precedence bulk, junk, list or auto_reply).
 */
export function automatedKind(header: HeaderLookup, fromAddress: string | null): AutomatedKind | null {
  const contentType = (header('content-type') ?? '').toLowerCase();
  if (contentType.startsWith('multipart/report')) return 'bounce';
  const local = (fromAddress ?? '').split('@')[0]!.toLowerCase();
  if (local === 'mailer-daemon' || local === 'postmaster') return 'bounce';
  if ((header('return-path') ?? '').replace(/\s/g, '') === '<>') return 'bounce';
  const autoSubmitted = (header('auto-submitted') ?? '').trim().toLowerCase();
  if (autoSubmitted && autoSubmitted !== 'no') return 'auto_reply';
  if (header('x-autoreply') !== null || header('x-autorespond') !== null) return 'auto_reply';
  const precedence = (header('precedence') ?? '').trim().toLowerCase();
  if (['bulk', 'junk', 'list', 'auto_reply'].includes(precedence)) return 'auto_reply';
  return null;
}

/** The subject of our answer: "Re: " once, whatever the customer's client put in front. */
export function replySubject(subject: string | null | undefined): string {
  const s = (subject ?? '').trim();
  if (!s) return 'Re: 您的来信 / your message';
  return /^(re|回复|答复|aw|sv)\s*[:：]/i.test(s) ? s : `Re: ${s}`;
}

/** The References of our answer: the thread so far and the message answered, kept under 20 ids. */
export function replyReferences(previous: readonly string[], answered: string): string[] {
  const ids = [...previous.filter((id) => id !== answered), answered];
  return ids.length > 20 ? [ids[0]!, ...ids.slice(-19)] : ids;
}

/** Where the mailbox was read up to: the mailbox generation (UIDVALIDITY) and the last UID stored. */
export interface MailboxPosition {
  uidValidity: string;
  uid: number;
}

export function parsePosition(cursor: string | null | undefined): MailboxPosition | null {
  if (!cursor) return null;
  try {
    const v = JSON.parse(cursor) as Partial<MailboxPosition>;
    return typeof v.uidValidity === 'string' && Number.isInteger(v.uid)
      ? { uidValidity: v.uidValidity, uid: v.uid! }
      : null;
  } catch {
    return null;
  }
}

export function formatPosition(p: MailboxPosition): string {
  return JSON.stringify({ uidValidity: p.uidValidity, uid: p.uid });
}

/**
 * The first UID still to read: after the stored one while the mailbox keeps its UIDVALIDITY; from
 * the start when the server renumbered the mailbox (already stored messages are then recognised
 * by their Message-ID).
 */
export function firstUidToRead(stored: MailboxPosition | null, uidValidity: string): number {
  return stored && stored.uidValidity === uidValidity ? stored.uid + 1 : 1;
}

/** Attempts of one outbound e-mail before it is given up as failed. */
export const MAX_SEND_ATTEMPTS = 8;

/** Wait before attempt n+1 after n failures: 30 s doubling, at most an hour. */
export function backoffMs(failures: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, failures - 1), 3600_000);
}

/** The domain our Message-IDs carry: the mailbox's own. */
export function messageIdFor(uniquePart: string, address: string): string {
  const domain = address.split('@')[1] || 'kefu.invalid';
  return `kefu.${uniquePart}@${domain}`;
}

/**
 * Wait before the IMAP IDLE watcher connects again after n failures in a row: 1 s doubling, at
 * most 5 minutes (meanwhile the mailbox is polled).
 */
export function reconnectDelayMs(failures: number): number {
  return Math.min(1000 * 2 ** Math.max(0, failures - 1), 300_000);
}
