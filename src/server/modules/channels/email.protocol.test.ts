import { describe, expect, it } from 'vitest';
import {
  automatedKind,
  backoffMs,
  bareMessageId,
  firstUidToRead,
  formatPosition,
  parsePosition,
  reconnectDelayMs,
  replyReferences,
  replySubject,
  threadReferences,
} from './email.protocol';

const headers =
  (h: Record<string, string>) =>
  (name: string): string | null =>
    h[name] ?? null;

describe('e-mail protocol rules', () => {
  it('IN-2: threading reads In-Reply-To first, then References from the end', () => {
    expect(bareMessageId(' <abc@x.example> ')).toBe('abc@x.example');
    expect(threadReferences('<c@x>', '<a@x> <b@x>\r\n <c@x>')).toEqual(['c@x', 'b@x', 'a@x']);
    expect(threadReferences(null, ['<a@x>', '<b@x>'])).toEqual(['b@x', 'a@x']);
    expect(threadReferences(undefined, undefined)).toEqual([]);
  });

  it('IN-2: our answer says "Re:" once and keeps the thread, at most 20 ids', () => {
    expect(replySubject('洗衣机漏水')).toBe('Re: 洗衣机漏水');
    expect(replySubject('RE: 洗衣机漏水')).toBe('RE: 洗衣机漏水');
    expect(replySubject('回复：洗衣机漏水')).toBe('回复：洗衣机漏水');
    expect(replyReferences(['a', 'b'], 'c')).toEqual(['a', 'b', 'c']);
    const long = replyReferences(
      Array.from({ length: 30 }, (_, i) => `m${i}`),
      'last',
    );
    expect(long).toHaveLength(20);
    expect(long[0]).toBe('m0');
    expect(long.at(-1)).toBe('last');
  });

  it('IN-1: auto-replies and bounces are recognised; a person’s mail is not', () => {
    expect(automatedKind(headers({ 'auto-submitted': 'auto-replied' }), 'a@x')).toBe('auto_reply');
    expect(automatedKind(headers({ 'auto-submitted': 'no' }), 'a@x')).toBeNull();
    expect(automatedKind(headers({ 'x-autoreply': 'yes' }), 'a@x')).toBe('auto_reply');
    expect(automatedKind(headers({ precedence: 'bulk' }), 'a@x')).toBe('auto_reply');
    expect(automatedKind(headers({ precedence: 'auto_reply' }), 'a@x')).toBe('auto_reply');
    expect(
      automatedKind(headers({ 'content-type': 'multipart/report; report-type=delivery-status' }), 'a@x'),
    ).toBe('bounce');
    expect(automatedKind(headers({}), 'MAILER-DAEMON@mx.example')).toBe('bounce');
    expect(automatedKind(headers({ 'return-path': '< >' }), 'a@x')).toBe('bounce');
    expect(automatedKind(headers({ 'content-type': 'text/plain' }), 'wang@customer.example')).toBeNull();
  });

  it('IN-1: the stored position is kept while UIDVALIDITY holds, read again from 1 when it changes', () => {
    const p = parsePosition(formatPosition({ uidValidity: '1796640434', uid: 41 }));
    expect(p).toEqual({ uidValidity: '1796640434', uid: 41 });
    expect(firstUidToRead(p, '1796640434')).toBe(42);
    expect(firstUidToRead(p, '1800000000')).toBe(1);
    expect(firstUidToRead(null, '1')).toBe(1);
    expect(parsePosition('not json')).toBeNull();
  });

  it('IN-1: a server that does not answer is tried again after 30 s, doubling, at most an hour', () => {
    expect([1, 2, 3, 4].map(backoffMs)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(backoffMs(20)).toBe(3600_000);
  });

  it('IN-1: the IDLE watcher reconnects after 1 s, doubling, at most 5 minutes', () => {
    expect([1, 2, 3, 4].map(reconnectDelayMs)).toEqual([1000, 2000, 4000, 8000]);
    expect(reconnectDelayMs(30)).toBe(300_000);
  });
});
