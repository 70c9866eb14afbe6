/**
 * What an inbound channel message means for the contact log and tickets: which customer it is
 * (a mainland mobile number the customer typed binds the conversation once), and whether it opens a
 * ticket or joins the open one.
 */

/** A mainland mobile number in a message ("我的电话 138 0013 8000"), digits only, or null. */
export function mobileInText(text: string): string | null {
  const squeezed = text.replace(/[\s-]/g, '').replace(/^\+?86/, '');
  const m = /(?<!\d)(?:\+?86)?(1[3-9]\d{9})(?!\d)/.exec(squeezed);
  return m ? m[1]! : null;
}

export type InboundDecision =
  { kind: 'join_ticket'; ticketId: string } | { kind: 'open_ticket' } | { kind: 'contact_only' };

/**
 * IN-1/IN-2: every message is logged as a contact; a conversation with an open ticket adds to it;
 * one without opens a ticket when the channel is set to do so.
 */
export function decideInbound(input: { openTicketId: string | null; autoTicket: boolean }): InboundDecision {
  if (input.openTicketId) return { kind: 'join_ticket', ticketId: input.openTicketId };
  return input.autoTicket ? { kind: 'open_ticket' } : { kind: 'contact_only' };
}

/** A one-line summary of a message for the contact log (non-text messages by their kind). */
export function summaryOf(kind: string, text: string | null): string {
  const labels: Record<string, string> = {
    image: '[图片 / image]',
    voice: '[语音 / voice]',
    video: '[视频 / video]',
    file: '[文件 / file]',
    location: '[位置 / location]',
    link: '[链接 / link]',
  };
  const body = kind === 'text' ? (text ?? '').trim() : (labels[kind] ?? `[${kind}]`);
  return body.length > 500 ? `${body.slice(0, 499)}…` : body || '[空消息 / empty]';
}

/** File-name endings of the picture types WeChat sends, by the type read from the bytes. */
const PICTURE_EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/bmp': 'bmp',
  'image/heic': 'heic',
  'image/heif': 'heif',
  'image/tiff': 'tif',
};

/**
 * The name a downloaded WeChat picture is kept under: its ending follows the type read from its
 * bytes (a PNG screenshot is `.png`, not `.jpg`); a type that is not a known picture, or no bytes
 * at all (the media expired), gets no ending rather than a false one.
 */
export function wechatPictureName(msgid: string, detectedType: string | null | undefined): string {
  const ext = detectedType ? PICTURE_EXTENSIONS[detectedType] : undefined;
  return ext ? `微信图片-${msgid}.${ext}` : `微信图片-${msgid}`;
}
