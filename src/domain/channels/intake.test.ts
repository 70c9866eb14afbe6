import { describe, expect, it } from 'vitest';
import { decideInbound, mobileInText, summaryOf } from './intake';

describe('inbound intake decisions', () => {
  it('IN-3: finds the mobile number a customer types', () => {
    expect(mobileInText('我的电话是 138 0013 8000，麻烦回电')).toBe('13800138000');
    expect(mobileInText('+86 139-1234-5678')).toBe('13912345678');
    expect(mobileInText('订单号 202603051234567')).toBeNull();
  });

  it('IN-2: non-text messages are logged by their kind', () => {
    expect(summaryOf('image', null)).toBe('[图片 / image]');
    expect(summaryOf('text', '  你好 ')).toBe('你好');
  });

  it('IN-2: an open ticket is joined; otherwise a ticket is opened only when the channel says so', () => {
    expect(decideInbound({ openTicketId: 't1', autoTicket: false })).toEqual({
      kind: 'join_ticket',
      ticketId: 't1',
    });
    expect(decideInbound({ openTicketId: null, autoTicket: true })).toEqual({ kind: 'open_ticket' });
    expect(decideInbound({ openTicketId: null, autoTicket: false })).toEqual({ kind: 'contact_only' });
  });
});
