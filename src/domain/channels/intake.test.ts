import { describe, expect, it } from 'vitest';
import { decideInbound, mobileInText, summaryOf, wechatPictureName } from './intake';

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

  it('IN-1: a WeChat picture is named by the type read from its bytes, never a false .jpg', () => {
    expect(wechatPictureName('m1', 'image/jpeg')).toBe('微信图片-m1.jpg');
    expect(wechatPictureName('m2', 'image/png')).toBe('微信图片-m2.png');
    expect(wechatPictureName('m3', 'image/gif')).toBe('微信图片-m3.gif');
    expect(wechatPictureName('m4', 'application/x-msdownload')).toBe('微信图片-m4');
    expect(wechatPictureName('m5', undefined)).toBe('微信图片-m5');
  });
});
